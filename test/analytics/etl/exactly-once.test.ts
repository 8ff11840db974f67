// A1 as an adversary would test it: the ETL runs as a child process and is SIGKILLed mid-batch —
// after its claim committed in PostgreSQL, or inside its DuckDB transaction — then run again. The
// warehouse must equal, row for row, one built by an uninterrupted run over identical data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { loadConfig } from '../../../api/config.ts';
import { type Db, migrate } from '../../../api/db/index.ts';
import { openPgliteDb } from '../../../api/db/pglite.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { runEtl } from '../../../analytics/etl/index.ts';
import { openWarehouse, type Warehouse } from '../../../analytics/warehouse.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';
import type { ChildSetup } from '../support/etl-child.ts';
import { copySource } from '../support/copy-source.ts';
import { factFingerprint, GENESIS, jsonRows } from '../support/fixture.ts';
import { addBotEvent, seedWorld } from '../support/seed.ts';

const CHILD = fileURLToPath(new URL('../support/etl-child.ts', import.meta.url));
const NOW = '2026-03-02T10:00:00Z';
const BATCH = 12;

/** Every fact row, contributor tags included: two warehouses that counted the same rows are equal. */
async function allFacts(warehouse: Warehouse) {
  const rows = (sql: string) => jsonRows(warehouse.connection, sql);
  return {
    ...(await factFingerprint(warehouse.connection)),
    sentimentRows: await rows(
      'SELECT company_slug, iso_week, hex(contributor) AS c, posts, CAST(sentiment_sum AS VARCHAR) AS s, negatives FROM fact_sentiment_week ORDER BY ALL',
    ),
    topicRows: await rows(
      'SELECT * EXCLUDE (contributor), hex(contributor) AS c FROM fact_topics_month ORDER BY ALL',
    ),
    salaryRows: await rows(
      'SELECT * EXCLUDE (contributor), hex(contributor) AS c FROM fact_salary_company ORDER BY ALL',
    ),
  };
}

/** A source database the child can open: real PostgreSQL, or PGlite in a directory. */
interface Source {
  db: Db;
  setup: Pick<ChildSetup, 'databaseUrl' | 'pgliteDir'>;
  /** PGlite: one process at a time. */
  release(): Promise<void>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

async function openSource(dir: string): Promise<Source> {
  if (process.env.TEST_DATABASE_URL) {
    const db: TestDb = await openTestDb();
    return {
      db,
      setup: { databaseUrl: db.url },
      release: async () => {},
      reopen: async () => {},
      close: () => db.close(),
    };
  }
  const pgliteDir = join(dir, 'pg');
  const source: Source = {
    db: await openPgliteDb(pgliteDir),
    setup: { pgliteDir },
    release: () => source.db.close(),
    reopen: async () => {
      source.db = await openPgliteDb(pgliteDir);
    },
    close: () => source.db.close(),
  };
  await migrate(source.db);
  return source;
}

function runChild(setup: ChildSetup): {
  child: ChildProcess;
  output: Promise<string>;
  paused: Promise<void>;
} {
  // node itself with tsx's loader: one process, so SIGKILL hits the process holding the files.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, WC_ETL_CHILD: JSON.stringify(setup) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onPause: () => void = () => {};
  const paused = new Promise<void>((resolve) => {
    onPause = resolve;
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('PAUSED')) onPause();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const output = new Promise<string>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (code === 0 || signal === 'SIGKILL') resolve(out);
      else reject(new Error(`ETL child exited with ${code}: ${err}`));
    });
  });
  return { child, output, paused };
}

describe('exactly-once loading under SIGKILL', () => {
  const root = mkdtempSync(join(tmpdir(), 'wc-a1-'));
  const config = loadConfig({ DATA_DIR: root, LOG_LEVEL: 'silent' });
  const clock = new ManualClock(NOW);
  const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, { genesis: GENESIS });
  const opened: { close(): unknown }[] = [];
  afterAll(async () => {
    for (const thing of opened.reverse()) await thing.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Identical data in two databases: one for the interrupted run, one for the reference run. */
  async function prepare(name: string) {
    const dir = mkdtempSync(join(root, `${name}-`));
    const source = await openSource(dir);
    const world = await seedWorld(source.db, keys, { people: 5, postsEach: 3 });
    for (let i = 0; i < 30; i++)
      await addBotEvent(source.db, { at: new Date(Date.parse('2026-02-20T00:00:00Z') + i * 600_000) });
    const clean = await openTestDb();
    await copySource(source.db, clean);
    opened.push(clean, source);
    const run = (db: Db, warehouse: Warehouse) =>
      runEtl({ db, keys, clock, config, warehouse, batchSize: BATCH });
    return {
      world,
      source,
      clean,
      interrupted: join(dir, 'interrupted.duckdb'),
      reference: join(dir, 'reference.duckdb'),
      /** SIGKILL a child ETL at `pause`, then run a child to completion; returns the re-run's output. */
      async killThenRerun(pause: ChildSetup['pause']): Promise<string> {
        await source.release();
        const base = {
          ...source.setup,
          dataDir: root,
          warehousePath: join(dir, 'interrupted.duckdb'),
          now: NOW,
          batchSize: BATCH,
        };
        const killed = runChild({ ...base, pause });
        await killed.paused;
        killed.child.kill('SIGKILL');
        await killed.output;
        const rerun = await runChild(base).output;
        await source.reopen();
        return rerun;
      },
      async runIn(db: Db, path: string): Promise<void> {
        const warehouse = await openWarehouse(path);
        try {
          await run(db, warehouse);
        } finally {
          warehouse.close();
        }
      },
      async compare(): Promise<Awaited<ReturnType<typeof allFacts>>> {
        const a = await openWarehouse(join(dir, 'interrupted.duckdb'));
        const b = await openWarehouse(join(dir, 'reference.duckdb'));
        try {
          const facts = await allFacts(a);
          expect(facts).toEqual(await allFacts(b));
          return facts;
        } finally {
          a.close();
          b.close();
        }
      },
    };
  }

  const totalPosts = (facts: Awaited<ReturnType<typeof allFacts>>) =>
    facts.sentiment.reduce((n, row) => n + Number((row as { posts: string }).posts), 0);

  it('finishes a batch whose claim committed in PostgreSQL but never reached DuckDB', async () => {
    const t = await prepare('after-claim');
    const rerun = await t.killThenRerun({ hook: 'afterClaim', kind: 'posts_load', nth: 2 });
    expect(rerun).toMatch(/"recovered":[1-9]/);
    await t.runIn(t.clean, t.reference);
    expect(totalPosts(await t.compare())).toBe(t.world.posts.length);
  }, 300_000);

  it('rolls back a DuckDB transaction killed before COMMIT and loads that batch once on the re-run', async () => {
    const t = await prepare('in-load');
    const rerun = await t.killThenRerun({ hook: 'beforeCommit', kind: 'salaries_load', nth: 1 });
    expect(rerun).toMatch(/"recovered":[1-9]/);
    await t.runIn(t.clean, t.reference);
    const facts = await t.compare();
    expect(facts.salaryCompany.reduce((n, row) => n + Number((row as { reports: string }).reports), 0)).toBe(
      t.world.salaryIds.length,
    );
  }, 300_000);

  it('removes deleted posts exactly once when the removal batch is killed', async () => {
    const t = await prepare('removal');
    await t.runIn(t.source.db, t.interrupted);
    await t.runIn(t.clean, t.reference);
    const gone = t.world.posts.slice(0, 4).map((p) => p.id);
    for (const db of [t.source.db, t.clean])
      await db.query("UPDATE posts SET body = '', deleted = true WHERE id = ANY($1::text[])", [gone]);
    const rerun = await t.killThenRerun({ hook: 'afterClaim', kind: 'posts_unload', nth: 1 });
    expect(rerun).toMatch(/"recovered":[1-9]/);
    await t.runIn(t.clean, t.reference);
    expect(totalPosts(await t.compare())).toBe(t.world.posts.length - gone.length);
  }, 300_000);
});
