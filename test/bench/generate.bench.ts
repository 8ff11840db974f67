// Benchmark of the demo generator (api/demo) into a real PostgreSQL: creates a fresh database,
// generates --posts posts and --salaries salary reports through the API's rules, prints the time,
// rows per second and where it went, then compares the bulk (unnest) insert with a row-by-row
// INSERT baseline on a sample of the same posts, and drops the database.
//
//   npx tsx test/bench/generate.bench.ts --posts 1000000 --salaries 200000
//   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres: a server where the
//   bench may create and drop databases)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ManualClock } from '../../api/clock.ts';
import { loadConfig } from '../../api/config.ts';
import { migrate } from '../../api/db/index.ts';
import { openPgDb } from '../../api/db/pg.ts';
import { demoSpan, generateDemoData, type DemoSummary } from '../../api/demo/generate.ts';
import { chainSpecs } from '../../api/keys/chains.ts';
import { KeyStore } from '../../api/keys/keystore.ts';

export interface GenerateBenchOptions {
  posts: number;
  salaries: number;
  seed: string;
  adminUrl: string;
  baselineRows: number;
}

export interface GenerateBenchResult {
  summary: DemoSummary;
  seconds: number;
  cpuSeconds: number;
  tableMb: Record<string, number>;
  baseline: { rows: number; rowByRowMs: number; bulkMs: number };
}

const END = '2026-03-02T10:00:00Z';

export async function runGenerateBench(options: GenerateBenchOptions): Promise<GenerateBenchResult> {
  const name = `wc_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  const db = openPgDb(url.toString(), { max: 4 });
  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-'));
  try {
    await migrate(db);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const clock = new ManualClock(END);
    const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, {
      genesis: demoSpan(clock.now()).start,
    });
    let lastTenth = -1;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await generateDemoData(
      { db, keys, clock, config, secrets: { EMAIL_HASH_SECRET: randomBytes(32).toString('base64url') } },
      {
        posts: options.posts,
        salaries: options.salaries,
        seed: options.seed,
        onProgress: ({ phase, done, total }) => {
          const tenth = Math.floor((10 * done) / Math.max(1, total));
          if (phase === 'writing' && tenth !== lastTenth) {
            lastTenth = tenth;
            process.stdout.write(
              `  ${String(tenth * 10).padStart(3)} %  ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
            );
          }
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    const { rows: sizes } = await db.query<{ name: string; bytes: number }>(
      `SELECT relname AS name, pg_total_relation_size(oid)::int8 AS bytes FROM pg_class
        WHERE relname IN ('accounts', 'threads', 'thread_aliases', 'posts', 'salaries') AND relkind = 'r'`,
    );
    const tableMb = Object.fromEntries(sizes.map((s) => [s.name, Math.round(s.bytes / 1_048_576)]));
    const baseline = await insertBaseline(db, options.baselineRows);
    return { summary, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, tableMb, baseline };
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same sample of posts into two empty copies of `posts`: one INSERT per row vs one unnest INSERT. */
async function insertBaseline(db: ReturnType<typeof openPgDb>, count: number) {
  const columns =
    'id, thread_id, position, body, alias, created_at, author_day, author_tag, author_box, receipt_hash';
  await db.query('CREATE TABLE bench_rows (LIKE posts INCLUDING ALL)');
  await db.query('CREATE TABLE bench_bulk (LIKE posts INCLUDING ALL)');
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${columns} FROM posts ORDER BY id LIMIT $1`,
    [count],
  );
  const names = columns.split(', ');
  const one = `INSERT INTO bench_rows (${columns}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`;
  let from = performance.now();
  await db.transaction(async (tx) => {
    for (const row of rows) await tx.query(one, names.map((n) => row[n]) as never[]);
  });
  const rowByRowMs = performance.now() - from;
  const types = ['text', 'text', 'int4', 'text', 'text', 'timestamptz', 'date', 'text', 'text', 'text'];
  const bytea = new Set(['author_tag', 'author_box', 'receipt_hash']);
  from = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO bench_bulk (${columns}) SELECT ${names.map((n) => (bytea.has(n) ? `decode(u.${n}, 'hex')` : `u.${n}`)).join(', ')}
         FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) AS u(${columns})`,
      names.map((n) =>
        rows.map((row) => {
          const value = row[n];
          if (Buffer.isBuffer(value)) return value.toString('hex');
          if (value instanceof Date) return value.toISOString();
          return value;
        }),
      ) as never[],
    );
  });
  return { rows: rows.length, rowByRowMs, bulkMs: performance.now() - from };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '1000000' },
      salaries: { type: 'string', default: '200000' },
      seed: { type: 'string', default: 'bench' },
      baseline: { type: 'string', default: '5000' },
    },
  });
  const options: GenerateBenchOptions = {
    posts: Number(values.posts),
    salaries: Number(values.salaries),
    seed: values.seed!,
    adminUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    baselineRows: Number(values.baseline),
  };
  process.stdout.write(
    `generate: ${options.posts} posts + ${options.salaries} salaries into a fresh database\n`,
  );
  const { summary, seconds, cpuSeconds, tableMb, baseline } = await runGenerateBench(options);
  const s = summary;
  const perRow = (ms: number) => ((1000 * baseline.rows) / ms).toFixed(0);
  process.stdout.write(
    [
      '',
      `total            ${seconds.toFixed(1)} s  (${((s.posts + s.salaries) / seconds).toFixed(0)} posts+salaries/s)`,
      `rows             ${s.companies} companies, ${s.accounts} accounts, ${s.threads} threads, ${s.posts} posts, ` +
        `${s.aliases} aliases, ${s.salaries} salaries over ${s.weeks} weeks`,
      `building rows    ${(s.timings.generateMs / 1000).toFixed(1)} s  (PRNG, texts, aliases, author links, tags; ` +
        'the driver sends the previous week meanwhile)',
      `waiting for db   ${(s.timings.waitMs / 1000).toFixed(1)} s  (blocked on the previous week's commit)`,
      `node cpu         ${cpuSeconds.toFixed(1)} s  (user + system of this process while generating)`,
      `table sizes MB   ${JSON.stringify(tableMb)}`,
      `insert baseline  ${baseline.rows} posts: row by row ${perRow(baseline.rowByRowMs)} rows/s, ` +
        `unnest ${perRow(baseline.bulkMs)} rows/s — ${(baseline.rowByRowMs / baseline.bulkMs).toFixed(1)}× faster`,
      '',
    ].join('\n'),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
