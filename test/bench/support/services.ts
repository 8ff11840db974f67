// Services for a benchmark's server: a fresh database (TEST_DATABASE_URL's PostgreSQL, else
// PGlite), a temp DATA_DIR and the system clock — benchmarks measure real time, not a ManualClock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackgroundWork } from '../../../api/background-work.ts';
import { systemClock } from '../../../api/clock.ts';
import { loadConfig } from '../../../api/config.ts';
import { cryptoRandom } from '../../../api/ids.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { outboxMailer } from '../../../api/mail/outbox.ts';
import { loadSecrets } from '../../../api/secrets.ts';
import type { Services } from '../../../api/services.ts';
import { openTestDb } from '../../support/db.ts';

export interface BenchServices {
  services: Services;
  dataDir: string;
  close(): Promise<void>;
}

/** `env` may name files in the data directory through `(dataDir) => env`. */
export async function openBenchServices(
  env: (dataDir: string) => Record<string, string> = () => ({}),
): Promise<BenchServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env(dataDir) });
  const db = await openTestDb();
  const services: Services = {
    config,
    db,
    clock: systemClock,
    keys: KeyStore.open(config.keystorePath, chainSpecs(config), systemClock),
    secrets: loadSecrets(config),
    mailer: outboxMailer(config.mailOutboxDir, systemClock),
    random: cryptoRandom,
    background: new BackgroundWork(),
  };
  return {
    services,
    dataDir,
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
