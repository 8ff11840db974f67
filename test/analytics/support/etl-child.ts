// A child process running one ETL pass, for the kill-and-rerun test (A1). It reads its setup from
// WC_ETL_CHILD (JSON). With `pause` set it stops at the Nth hook of that kind, prints PAUSED and
// waits forever, so the parent can SIGKILL it at exactly that point.
import { ManualClock } from '../../../api/clock.ts';
import { loadConfig } from '../../../api/config.ts';
import type { Db } from '../../../api/db/index.ts';
import { openPgDb } from '../../../api/db/pg.ts';
import { openPgliteDb } from '../../../api/db/pglite.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import type { ClaimKind } from '../../../analytics/etl/claims.ts';
import { runEtl } from '../../../analytics/etl/index.ts';
import { openWarehouse } from '../../../analytics/warehouse.ts';

export interface ChildSetup {
  databaseUrl?: string;
  pgliteDir?: string;
  dataDir: string;
  warehousePath: string;
  now: string;
  batchSize: number;
  pause?: { hook: 'afterClaim' | 'beforeCommit'; kind: ClaimKind; nth: number };
}

const setup = JSON.parse(process.env.WC_ETL_CHILD ?? '{}') as ChildSetup;
const config = loadConfig({ DATA_DIR: setup.dataDir, LOG_LEVEL: 'silent' });
const clock = new ManualClock(setup.now);
const db: Db = setup.databaseUrl
  ? openPgDb(setup.databaseUrl, { max: 2 })
  : await openPgliteDb(setup.pgliteDir);
const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock);
const warehouse = await openWarehouse(setup.warehousePath);

let seen = 0;
const maybePause = async (hook: 'afterClaim' | 'beforeCommit', kind: ClaimKind) => {
  const pause = setup.pause;
  if (!pause || pause.hook !== hook || pause.kind !== kind || ++seen !== pause.nth) return;
  process.stdout.write('PAUSED\n');
  await new Promise(() => {});
};

const summary = await runEtl({
  db,
  keys,
  clock,
  config,
  warehouse,
  batchSize: setup.batchSize,
  hooks: {
    afterClaim: (_batch, kind) => maybePause('afterClaim', kind),
    beforeCommit: (_batch, kind) => maybePause('beforeCommit', kind),
  },
});
warehouse.close();
await db.close();
process.stdout.write(
  `DONE ${JSON.stringify({ batches: summary.batches, recovered: summary.recoveredBatches })}\n`,
);
process.exit(0);
