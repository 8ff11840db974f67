// The warehouse ETL (`npm run etl -- etl`, analytics/cli.ts) SIGKILLed mid-run, several times, then
// run to completion: its warehouse must equal the one an uninterrupted run builds from identical
// data — every fact row the same, the same source rows covered, nothing pending, no claim left.
// Demo data is written once into a private PostgreSQL and copied (CREATE DATABASE … TEMPLATE) into
// two databases; each run gets its own copy of the demo's DATA_DIR (key store, secrets).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/db/db.ts';
import { openPgDb } from '../../api/db/pg.ts';
import { withDb } from './support/accounts.ts';
import {
  type PrivatePostgres,
  privatePostgresMissing,
  startPrivatePostgres,
} from './support/private-postgres.ts';
import { runTsx, spawnTsx } from './support/tsx-process.ts';
import { digestWarehouse } from './support/warehouse-digest.ts';

const missing = privatePostgresMissing();
const POSTS = 5_000;
const BATCH = 200;
const ETL_ENV = { ETL_GRACE_DAYS: '60', AUTHOR_LINK_DAYS: '60' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Batches the ETL has finished (the watermark in PostgreSQL) plus those claimed and not yet finished. */
async function progress(db: Db): Promise<{ finished: number; inFlight: number }> {
  const { rows } = await db.query<{ finished: number; in_flight: number }>(
    `SELECT (SELECT coalesce(max(last_batch), 0) FROM etl_owner) AS finished,
            (SELECT count(*) FROM etl_claims) AS in_flight`,
  );
  return { finished: rows[0]!.finished, inFlight: rows[0]!.in_flight };
}

describe.skipIf(missing)(`ETL SIGKILLed mid-run${missing ? ` — skipped: ${missing}` : ''}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'wc-faults-etl-'));
  let pg: PrivatePostgres;
  const run = (name: string) => ({
    DATABASE_URL: pg.url(name),
    DATA_DIR: join(root, name),
    ...ETL_ENV,
  });

  beforeAll(async () => {
    pg = await startPrivatePostgres({ durable: false });
    await withDb(pg.url(), (db) => db.query('CREATE DATABASE demo'));
    await runTsx(
      'api/demo/cli.ts',
      ['--posts', String(POSTS), '--days', '21', '--seed', 'faults'],
      run('demo'),
    );
    for (const name of ['clean', 'killed']) {
      await withDb(pg.url(), (db) => db.query(`CREATE DATABASE ${name} TEMPLATE demo`));
      mkdirSync(join(root, name));
      cpSync(join(root, 'demo'), join(root, name), { recursive: true });
    }
  }, 120_000);

  afterAll(async () => {
    await pg?.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('re-runs to exactly the warehouse of an uninterrupted run', async () => {
    await runTsx('analytics/cli.ts', ['etl', '--batch-size', String(BATCH)], run('clean'));
    const total = (await withDb(pg.url('clean'), progress)).finished;
    // Kill inside the first batch, at 40 % and four batches before the end (among the salary reports).
    const killAtProgress = [1, Math.round(total * 0.4), total - 4];
    const watch = openPgDb(pg.url('killed'), { max: 1 });

    const kills: { atProgress: number; finished: number; inFlight: number; exitedFirst: boolean }[] = [];
    for (const target of killAtProgress) {
      const etl = spawnTsx('analytics/cli.ts', ['etl', '--batch-size', String(BATCH)], run('killed'));
      let exited = false;
      void etl.done.then(() => {
        exited = true;
      });
      let seen = { finished: 0, inFlight: 0 };
      while (!exited && seen.finished + seen.inFlight < target) {
        await sleep(15);
        seen = await progress(watch);
      }
      etl.child.kill('SIGKILL');
      const end = await etl.done;
      kills.push({
        atProgress: target,
        ...(await progress(watch)),
        exitedFirst: end.signal !== 'SIGKILL',
      });
    }
    const rerun = await runTsx('analytics/cli.ts', ['etl', '--batch-size', String(BATCH)], run('killed'));

    const clean = await digestWarehouse(join(root, 'clean', 'warehouse.duckdb'));
    const killed = await digestWarehouse(join(root, 'killed', 'warehouse.duckdb'));
    const left = await progress(watch);
    await watch.close();
    const killedState = JSON.parse(await runTsx('analytics/cli.ts', ['inspect'], run('killed'))) as {
      claimsInFlight: number;
      pending: Record<string, number>;
    };
    const recovered = Number(/\((\d+) finished from an interrupted run\)/.exec(rerun)?.[1] ?? 'NaN');
    console.info(
      'ETL SIGKILL figures',
      JSON.stringify({
        totalBatches: total,
        kills,
        recoveredByRerun: recovered,
        batches: { clean: clean.batches, killed: killed.batches },
        sourceRows: clean.sourceRowsByKind,
        factRows: Object.fromEntries(Object.entries(clean.tables).map(([name, t]) => [name, t.rows])),
      }),
    );

    // Every kill landed mid-run (the process was still running, a batch was finished or in flight).
    expect(kills.filter((k) => k.exitedFirst)).toEqual([]);
    expect(kills.every((k) => k.finished + k.inFlight >= k.atProgress)).toBe(true);
    expect(clean.tables.fact_sentiment_week!.rows).toBeGreaterThan(0);
    expect(clean.tables.fact_salary_company!.rows).toBeGreaterThan(0);
    // Nothing loaded twice, nothing lost: the same rows, and the same source rows covered.
    expect(killed.tables).toEqual(clean.tables);
    expect(killed.sourceRowsByKind).toEqual(clean.sourceRowsByKind);
    expect(left.inFlight).toBe(0);
    // The watermark in PostgreSQL is the last batch the warehouse file holds, in both runs.
    expect(left.finished).toBe(killed.lastBatch);
    expect(total).toBe(clean.lastBatch);
    expect(killedState.claimsInFlight).toBe(0);
    expect(Object.values(killedState.pending).every((n) => n === 0)).toBe(true);
    expect(recovered).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
