// First start on an empty database (`npm start`, not production): demo data over two years, with
// the warehouse built week by week while the author links live — as the system would have lived
// it — then the key store steps past two years of dead keys. A newcomer gets full dashboards at once.
import { existsSync, rmSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { runEtl } from '../analytics/etl/index.ts';
import { publish } from '../analytics/publish/index.ts';
import type { Warehouse } from '../analytics/warehouse.ts';
import { ManualClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { demoSpan, generateDemoData } from './demo/generate.ts';
import { chainSpecs } from './keys/chains.ts';
import { KeyStore } from './keys/keystore.ts';
import type { Secrets } from './secrets.ts';

export async function isEmptyForum(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM posts) AS n',
  );
  return rows[0]!.n === 0;
}

export interface DemoStartReport {
  posts: number;
  salaries: number;
  etlRuns: number;
  ms: number;
}

/**
 * Writes demo data into an empty database. The key store must reach back to the span's start, so a
 * key store left from an earlier database is replaced: nothing in an empty database depends on it.
 */
export async function fillEmptyForum(deps: {
  config: Config;
  db: Db;
  secrets: Secrets;
  warehouse: Warehouse;
  now: Date;
  showProgress: boolean;
}): Promise<DemoStartReport> {
  const { config, db, secrets, warehouse } = deps;
  const started = performance.now();
  const clock = new ManualClock(deps.now);
  const span = demoSpan(deps.now);
  const keyFile = `${config.keystorePath}/keychains.json`;
  if (existsSync(keyFile)) rmSync(keyFile);
  const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, { genesis: span.start });

  const bar = deps.showProgress
    ? new cliProgress.SingleBar(
        {
          format:
            'demo data  [{bar}] {percentage}% | {value}/{total} posts and salary reports | {eta_formatted} left',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let etlRuns = 0;
  let barStarted = false;
  const summary = await generateDemoData(
    { db, keys, clock, config, secrets },
    {
      posts: config.demoPosts,
      onProgress: (p) => {
        if (!bar || p.phase === 'setup') return;
        if (!barStarted) {
          bar.start(p.total, p.done);
          barStarted = true;
        }
        bar.update(p.done);
      },
      // The warehouse learns each week while its links live, as the scheduled ETL would have.
      onWeek: async () => {
        await runEtl({ db, keys, clock, config, warehouse });
        etlRuns++;
      },
    },
  );
  bar?.stop();
  clock.set(deps.now);
  await runEtl({ db, keys, clock, config, warehouse });
  await publish({ warehouse, clock, config });
  return {
    posts: summary.posts,
    salaries: summary.salaries,
    etlRuns: etlRuns + 1,
    ms: Math.round(performance.now() - started),
  };
}
