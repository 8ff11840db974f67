// Services for a test: a fresh database, a temp DATA_DIR, a ManualClock and its own key store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackgroundWork } from '../../api/background-work.ts';
import { ManualClock } from '../../api/clock.ts';
import { loadConfig } from '../../api/config.ts';
import { cryptoRandom } from '../../api/ids.ts';
import { chainSpecs } from '../../api/keys/chains.ts';
import { KeyStore } from '../../api/keys/keystore.ts';
import { outboxMailer } from '../../api/mail/outbox.ts';
import { loadSecrets } from '../../api/secrets.ts';
import type { Services } from '../../api/services.ts';
import { openTestDb, type TestDb } from './db.ts';

export interface TestServices extends Services {
  readonly clock: ManualClock;
  readonly db: TestDb;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function openTestServices(
  env: Record<string, string> = {},
  options: { start?: string | Date; genesis?: Date } = {},
): Promise<TestServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const clock = new ManualClock(options.start ?? '2026-03-02T10:00:00Z');
  const db = await openTestDb();
  const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, { genesis: options.genesis });
  return {
    config,
    db,
    clock,
    keys,
    secrets: loadSecrets(config),
    mailer: outboxMailer(config.mailOutboxDir, clock),
    random: cryptoRandom,
    background: new BackgroundWork(),
    dataDir,
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
