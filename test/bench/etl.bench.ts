// Benchmark: N posts and N/5 salary reports in a real PostgreSQL → published tables, end to end,
// with the stage breakdown (extract, Arrow, enrich, de-identify, claim, load, publish), a row-by-row
// INSERT baseline measured on a sample in the same run, and the p50 of a published-table query for
// one company. Writes its section of test/bench/RESULTS.md.
//
//   npx tsx test/bench/etl.bench.ts [--posts 1000000] [--salaries N/5] [--companies 200] [--sample 1000] [--keep]
//
// PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// a database wc_bench_* is created for the run and dropped after it (kept with --keep, for EXPLAIN).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type DuckDBConnection, blobValue } from '@duckdb/node-api';
import pg from 'pg';
import { ManualClock } from '../../api/clock.ts';
import { loadConfig } from '../../api/config.ts';
import { migrate } from '../../api/db/index.ts';
import { openPgDb } from '../../api/db/pg.ts';
import { linkAuthor } from '../../api/forum/author-links.ts';
import { newId } from '../../api/ids.ts';
import { chainSpecs } from '../../api/keys/chains.ts';
import { KeyStore } from '../../api/keys/keystore.ts';
import { reporterTag, sealReporter } from '../../api/salaries/reporter-links.ts';
import { ContributorTags } from '../../analytics/contributors.ts';
import { aggregatePosts } from '../../analytics/etl/aggregate.ts';
import { CompanyDirectory } from '../../analytics/etl/companies.ts';
import { deidentifyPosts } from '../../analytics/etl/deidentify.ts';
import { enrichBodies } from '../../analytics/etl/enrichment.ts';
import { POSTS_START, selectPendingPosts } from '../../analytics/etl/extract.ts';
import { DEFAULT_BATCH_SIZE, runEtl } from '../../analytics/etl/index.ts';
import { applyDeltas, inTransaction } from '../../analytics/etl/load.ts';
import { column, postsToArrow, utf8At } from '../../analytics/etl/toArrow.ts';
import { publish } from '../../analytics/publish/index.ts';
import { openWarehouse } from '../../analytics/warehouse.ts';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    salaries: { type: 'string' },
    companies: { type: 'string', default: '200' },
    sample: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});
const POSTS = Number(args.posts);
const SALARIES = args.salaries ? Number(args.salaries) : Math.round(POSTS / 5);
const COMPANIES = Number(args.companies);
const SAMPLE = Math.min(Number(args.sample), POSTS);
const NOW = '2026-03-02T10:00:00Z';
const SPAN_DAYS = 28;
const POSTS_PER_PERSON = 20;
const POSTS_PER_THREAD = 20;

const EN = [
  'Overtime again this week, the 996 schedule is wearing everyone down.',
  'Management announced another reorg and nobody knows who reports to whom.',
  'Got a decent raise this year, pay is finally competitive.',
  'Layoffs rumoured for Q2, the whole team is nervous.',
  'Promotion cycle was fair for once, my manager fought for me.',
  'Burnout is real here, people are taking sick leave for stress.',
  'Great culture on my team, we actually help each other.',
  'The new VP does not listen and the roadmap changes weekly.',
  'Bonus was cut in half without explanation.',
  'Honestly a good place to work if you avoid the platform org.',
];
const ZH = [
  '又是加班到深夜，996太累了。',
  '听说下个季度要裁员，大家都很焦虑。',
  '今年涨薪还不错，领导也很支持。',
  '晋升很不公平，全看关系。',
];

function body(i: number): string {
  if (i % 10 === 9) return `${ZH[i % ZH.length]}${ZH[(i >> 3) % ZH.length]}`;
  return `${EN[i % EN.length]} ${EN[(i * 7 + 3) % EN.length]}`;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `wc_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  // BENCH_PG_LOG_MS: the server logs this database's statements slower than that (and their plans' cost).
  if (process.env.BENCH_PG_LOG_MS)
    await admin.query(
      `ALTER DATABASE ${name} SET log_min_duration_statement = ${Number(process.env.BENCH_PG_LOG_MS)}`,
    );
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPgDb(url.toString(), { max: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-'));
  try {
    await migrate(db);
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const clock = new ManualClock(NOW);
    const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, {
      genesis: new Date('2025-12-01T00:00:00Z'),
    });
    log(`Seeding ${POSTS} posts, ${SALARIES} salary reports, ${COMPANIES} companies into ${name}…`);
    const seedStarted = performance.now();
    await seed(db, keys);
    log(`  seeded in ${seconds(performance.now() - seedStarted)}`);

    // The row-by-row baseline first, on copies of a sample of posts (it does not claim anything).
    const baseline = await rowByRowBaseline(db, keys, dir);

    const warehouse = await openWarehouse(join(dir, 'warehouse.duckdb'));
    const loadStart = loadavg()[0]!;
    const pgCpuBefore = await backendCpuMs(db, name);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await runEtl({ db, keys, clock, config, warehouse });
    const etlMs = performance.now() - started;
    const publishStarted = performance.now();
    const release = await publish({ warehouse, clock, config });
    const publishMs = performance.now() - publishStarted;
    const totalMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpuBefore);
    const pgCpuAfter = await backendCpuMs(db, name);
    const cpu = {
      nodeMs: (cpuUsed.user + cpuUsed.system) / 1000,
      postgresMs: [...pgCpuAfter].reduce((n, [pid, ms]) => n + ms - (pgCpuBefore.get(pid) ?? 0), 0),
    };

    const query = await companyQuery(warehouse.connection);
    warehouse.close();

    const rows = summary.posts.loaded + summary.salaries.loaded;
    const pipelinePerRow = etlMs / (POSTS + SALARIES);
    const loadPerRow = summary.stagesMs.load / rows;
    const report = {
      posts: POSTS,
      salaries: SALARIES,
      summary,
      etlMs,
      publishMs,
      totalMs,
      release,
      baseline,
      pipelinePerRow,
      loadPerRow,
      query,
      loadStart,
      cpu,
    };
    printAndRecord(report);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    if (args.keep) log(`Kept database ${name} (--keep): drop it with DROP DATABASE ${name}`);
    else {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    }
  }
}

/** Bulk insert with unnest arrays, through the real link helpers. */
async function seed(db: ReturnType<typeof openPgDb>, keys: KeyStore): Promise<void> {
  const companies = Array.from({ length: COMPANIES }, (_, i) => ({ id: newId(), slug: `company-${i}` }));
  await db.query(
    `INSERT INTO companies (id, slug, name, created_at)
     SELECT id, slug, upper(slug), '2025-01-01' FROM unnest($1::text[], $2::text[]) AS u(id, slug)`,
    [companies.map((c) => c.id), companies.map((c) => c.slug)],
  );
  const end = Date.parse(NOW) - 3_600_000;
  const start = end - SPAN_DAYS * 86_400_000;
  const persons = Math.max(1, Math.round(POSTS / POSTS_PER_PERSON));
  const CHUNK = 20_000;
  for (let from = 0; from < POSTS; from += CHUNK) {
    const n = Math.min(CHUNK, POSTS - from);
    const threadIds: string[] = [];
    const threadCompany: string[] = [];
    const threadAt: Date[] = [];
    const post = {
      id: [] as string[],
      thread: [] as string[],
      position: [] as number[],
      body: [] as string[],
      alias: [] as string[],
      at: [] as Date[],
      day: [] as string[],
      tag: [] as Buffer[],
      box: [] as Buffer[],
    };
    let thread = '';
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const person = (i * 7919) % persons;
      const company = companies[person % COMPANIES]!;
      const at = new Date(start + Math.floor(((end - start) * i) / POSTS));
      if (i % POSTS_PER_THREAD === 0 || k === 0) {
        thread = newId();
        threadIds.push(thread);
        threadCompany.push(company.id);
        threadAt.push(at);
      }
      const id = newId();
      const link = linkAuthor(keys, id, `person-${person}`, at)!;
      post.id.push(id);
      post.thread.push(thread);
      post.position.push(i);
      post.body.push(body(i));
      post.alias.push('Employee · Teal Heron');
      post.at.push(at);
      post.day.push(link.authorDay);
      post.tag.push(link.authorTag);
      post.box.push(link.authorBox);
    }
    await db.query(
      `INSERT INTO threads (id, company_id, title, created_at, last_post_at)
       SELECT id, company_id, 'Thread', at, at FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(id, company_id, at)`,
      [threadIds, threadCompany, threadAt],
    );
    await db.query(
      `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, author_tag, author_box, receipt_hash)
       SELECT id, thread_id, position, body, alias, at, day, tag, box, '\\x00'::bytea
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::date[], $8::bytea[], $9::bytea[])
         AS u(id, thread_id, position, body, alias, at, day, tag, box)`,
      [post.id, post.thread, post.position, post.body, post.alias, post.at, post.day, post.tag, post.box],
    );
  }
  const families = ['engineering', 'product', 'design', 'data', 'sales', 'operations'];
  const levels = ['L3', 'L4', 'L5', 'L6', 'L7', 'L8'];
  const currencies = ['USD', 'USD', 'EUR', 'CNY', 'GBP', 'INR'];
  for (let from = 0; from < SALARIES; from += CHUNK) {
    const n = Math.min(CHUNK, SALARIES - from);
    const rows = {
      id: [] as string[],
      tag: [] as Buffer[],
      box: [] as Buffer[],
      on: [] as string[],
      company: [] as string[],
      family: [] as string[],
      level: [] as string[],
      city: [] as string[],
      base: [] as number[],
      currency: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const id = newId();
      const account = `reporter-${i}`;
      const company = companies[i % COMPANIES]!;
      const family = families[(i >> 3) % families.length]!;
      rows.id.push(id);
      rows.tag.push(
        reporterTag(keys, 2026, account, { companyId: company.id, jobFamily: family, year: 2025 })!,
      );
      rows.box.push(sealReporter(keys, 2026, id, account)!);
      rows.on.push(`2026-0${1 + (i % 2)}-${String(1 + (i % 27)).padStart(2, '0')}`);
      rows.company.push(company.id);
      rows.family.push(family);
      rows.level.push(levels[(i >> 5) % levels.length]!);
      rows.city.push(`City ${i % 20}`);
      rows.base.push(60_000 + ((i * 104_729) % 240_000));
      rows.currency.push(currencies[i % currencies.length]!);
    }
    await db.query(
      `INSERT INTO salaries (id, reporter_tag, reporter_box, submitted_year, submitted_on, company_id, job_family, level, city,
         years_experience, base, bonus, equity, currency, year)
       SELECT id, tag, box, 2026, on_day, company_id, family, level, city, 5, base, base / 10, base / 20, currency, 2025
       FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::numeric[], $10::text[]) AS u(id, tag, box, on_day, company_id, family, level, city, base, currency)`,
      [
        rows.id,
        rows.tag,
        rows.box,
        rows.on,
        rows.company,
        rows.family,
        rows.level,
        rows.city,
        rows.base,
        rows.currency,
      ],
    );
  }
  await db.query('ANALYZE');
}

/**
 * The same posts through the same stages, but loaded the naive way: one INSERT … ON CONFLICT per
 * post and cell, each its own transaction, into a scratch copy of the fact tables.
 */
async function rowByRowBaseline(db: ReturnType<typeof openPgDb>, keys: KeyStore, dir: string) {
  const { rows } = await selectPendingPosts(db, POSTS_START, SAMPLE);
  const companies = new CompanyDirectory(db);
  await companies.ensure(rows.map((r) => r.company_id));
  const source = postsToArrow(rows, companies.slugOf);
  const enrichment = enrichBodies(column(source, 'body'), new Uint8Array(rows.length).fill(1));
  const { batch } = deidentifyPosts(source, enrichment, { keys, tags: new ContributorTags(keys) }, 'new');
  const deltas = aggregatePosts(batch, 1);

  const scratch = await openWarehouse(join(dir, 'baseline.duckdb'));
  const writer = await scratch.connect();
  // A row-by-row upsert needs its key indexed (the pipeline's MERGE does not).
  await writer.run(`CREATE UNIQUE INDEX baseline_week ON fact_sentiment_week (company_slug, iso_week, contributor);
    CREATE UNIQUE INDEX baseline_month ON fact_topics_month (company_slug, month, contributor);`);
  const insertWeek = await writer.prepare(
    `INSERT INTO fact_sentiment_week VALUES ($1, $2, CAST($3 AS DATE), $4, $5, 1, CAST($6 AS DECIMAL(18, 4)), $7)
     ON CONFLICT (company_slug, iso_week, contributor) DO UPDATE SET posts = posts + 1,
       sentiment_sum = sentiment_sum + EXCLUDED.sentiment_sum, negatives = negatives + EXCLUDED.negatives`,
  );
  const insertMonth = await writer.prepare(
    `INSERT INTO fact_topics_month VALUES ($1, CAST($2 AS DATE), $3, $4, 1, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (company_slug, month, contributor) DO UPDATE SET posts = posts + 1, overtime = overtime + EXCLUDED.overtime`,
  );
  const company = column(batch, 'company');
  const started = performance.now();
  for (let i = 0; i < batch.numRows; i++) {
    const slug = utf8At(company, i)!;
    const weekTag = batch.getChild('week_contributor')!.get(i) as Uint8Array;
    const monthTag = batch.getChild('month_contributor')!.get(i) as Uint8Array;
    const weekStart = new Date((batch.getChild('week_start')!.get(i) as number) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    insertWeek.bind([
      slug,
      String(batch.getChild('iso_week')!.get(i)),
      weekStart,
      '2026-02',
      blobValue(weekTag),
      (batch.getChild('sentiment_e4')!.get(i) as number) / 10_000,
      batch.getChild('negative')!.get(i) as number,
    ]);
    await insertWeek.run();
    const mask = batch.getChild('topics')!.get(i) as number;
    insertMonth.bind([
      slug,
      '2026-02-01',
      '2026-02',
      blobValue(monthTag),
      ...[0, 1, 2, 3, 4, 5, 6].map((bit) => (mask >> bit) & 1),
    ]);
    await insertMonth.run();
  }
  const rowByRowMs = performance.now() - started;

  // The pipeline's way for the same sample: staged DataChunks and one MERGE per table.
  const pipeWriter = await scratch.connect();
  await pipeWriter.run(
    'DROP INDEX baseline_week; DROP INDEX baseline_month; DELETE FROM fact_sentiment_week; DELETE FROM fact_topics_month;',
  );
  const pipeStarted = performance.now();
  await inTransaction(pipeWriter, () => applyDeltas(pipeWriter, deltas, (s) => s));
  const appenderMs = performance.now() - pipeStarted;
  writer.closeSync();
  pipeWriter.closeSync();
  scratch.close();
  return { sample: batch.numRows, rowByRowMs, appenderMs };
}

/**
 * CPU time (user + system, ms) of each PostgreSQL client backend serving the bench database (not
 * autovacuum), from
 * /proc/<pid>/stat (clock ticks of 10 ms). Linux and a local server only; empty otherwise.
 */
async function backendCpuMs(db: ReturnType<typeof openPgDb>, database: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
    [database],
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // not local, or the backend has gone
    }
  }
  return out;
}

/** p50 / p95 of one company's rows from published tables, over 200 random companies. */
async function companyQuery(connection: DuckDBConnection) {
  const weekly = await connection.prepare(
    'SELECT * FROM pub_sentiment_weekly WHERE company_slug = $1 ORDER BY week_start',
  );
  const salary = await connection.prepare('SELECT * FROM pub_salary_by_company WHERE company_slug = $1');
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 200; i++) {
    const slug = `company-${(i * 37) % COMPANIES}`;
    const started = performance.now();
    weekly.bind([slug]);
    rows += (await weekly.runAndReadAll()).currentRowCount;
    salary.bind([slug]);
    rows += (await salary.runAndReadAll()).currentRowCount;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[100]!, p95: times[190]!, rowsPerQuery: rows / 200 };
}

function printAndRecord(r: {
  posts: number;
  salaries: number;
  summary: Awaited<ReturnType<typeof runEtl>>;
  etlMs: number;
  publishMs: number;
  totalMs: number;
  release: Awaited<ReturnType<typeof publish>>;
  baseline: { sample: number; rowByRowMs: number; appenderMs: number };
  pipelinePerRow: number;
  loadPerRow: number;
  query: { p50: number; p95: number; rowsPerQuery: number };
  loadStart: number;
  cpu: { nodeMs: number; postgresMs: number };
}): void {
  const s = r.summary.stagesMs;
  const rowByRowPerPost = r.baseline.rowByRowMs / r.baseline.sample;
  const appenderPerPost = r.baseline.appenderMs / r.baseline.sample;
  const naiveTotal = r.etlMs - s.load + rowByRowPerPost * r.summary.posts.loaded;
  const lines = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), ${Math.round(totalmem() / 2 ** 30)} GB (load average ${r.loadStart.toFixed(1)} at the start of the ETL, ${loadavg()[0]!.toFixed(1)} at the end); PostgreSQL 15 local; DuckDB 1.5.6.`,
    '',
    `Command: \`npx tsx test/bench/etl.bench.ts --posts ${r.posts}\` (salaries = posts / 5, ${COMPANIES} companies, posts over ${SPAN_DAYS} days by ${Math.round(r.posts / POSTS_PER_PERSON)} people).`,
    '',
    '| stage | time | note |',
    '|---|---|---|',
    `| extract (PostgreSQL SELECT / claim RETURNING) | ${seconds(s.extract)} | keyset windows of ${DEFAULT_BATCH_SIZE.toLocaleString('en')} posts (anti-join on etl_posts); salary and bot-event claims UPDATE … RETURNING |`,
    `| Arrow record batches | ${seconds(s.arrow)} | |`,
    `| enrich (analytics/enrich) | ${seconds(s.enrich)} | English + Chinese; on the post worker threads (time inside the threads) |`,
    `| de-identify (open link, tag per cell) | ${seconds(s.deidentify)} | AES-GCM open + HMAC; posts on the worker threads, salary reports on the main thread |`,
    `| claim + enrichment (PostgreSQL INSERT into etl_posts) | ${seconds(s.claim)} | one INSERT … SELECT FROM unnest per batch |`,
    `| load (DuckDB DataChunk appender + MERGE) | ${seconds(s.load)} | ${r.summary.batches} batches, one transaction each |`,
    `| finish (claims, sweep) | ${seconds(s.finish)} | |`,
    `| **ETL total** | **${seconds(r.etlMs)}** | ${r.summary.posts.loaded} posts + ${r.summary.salaries.loaded} reports loaded |`,
    `| publish (bound, k-anon, complementary suppression, write) | ${seconds(r.publishMs)} | ${r.release.primarySuppressed} primary + ${r.release.complementarySuppressed} complementary suppressed |`,
    `| **end to end** | **${seconds(r.totalMs)}** | goal ≤ 60 s at 1M posts${r.posts >= 1_000_000 ? (r.totalMs <= 60_000 ? ': **met**' : ': **not met**') : ''}; stages overlap (pipelined, worker threads), so they add up to more |`,
    `| CPU: Node (main thread, workers, DuckDB) | ${seconds(r.cpu.nodeMs)} | user + system, process.cpuUsage |`,
    `| CPU: PostgreSQL backends | ${seconds(r.cpu.postgresMs)} | /proc/<pid>/stat of the bench database's backends |`,
    '',
    `Row-by-row INSERT baseline (same run, ${r.baseline.sample} posts, one INSERT … ON CONFLICT per post and cell, autocommit):`,
    `${rowByRowPerPost.toFixed(3)} ms/post vs ${appenderPerPost.toFixed(4)} ms/post with the DataChunk appender + MERGE on the same sample — `,
    `**${(rowByRowPerPost / appenderPerPost).toFixed(0)}× faster load**. End to end, the same ETL with a row-by-row load would take ≈ ${seconds(naiveTotal)} for this run: **${(naiveTotal / r.etlMs).toFixed(1)}×** the pipeline.`,
    '',
    'Before this design (same script, 1M posts, load average 12–16): 381.7 s end to end, of which the claim',
    '(an UPDATE of the wide `posts` row, non-HOT, ~5 index entries per post) took 333 s of stage time. Now',
    'the claim is one narrow `etl_posts` row per post (migration 005), posts are enriched and de-identified',
    'on two worker threads, and windows are selected ahead of preparation. Wall time on this shared machine',
    "follows the other sessions' load; the CPU rows are the steadier measure.",
    '',
    `Published-table query for one company (pub_sentiment_weekly + pub_salary_by_company, prepared, ${r.query.rowsPerQuery.toFixed(0)} rows): p50 ${r.query.p50.toFixed(2)} ms, p95 ${r.query.p95.toFixed(2)} ms (goal p50 ≤ 20 ms).`,
  ];
  log(`\n${lines.join('\n')}`);
  const path = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  const section = `<!-- etl-bench:start -->\n## Warehouse ETL (test/bench/etl.bench.ts)\n\n${lines.join('\n')}\n<!-- etl-bench:end -->`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const next = /<!-- etl-bench:start -->[\s\S]*<!-- etl-bench:end -->/.test(current)
    ? current.replace(/<!-- etl-bench:start -->[\s\S]*<!-- etl-bench:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
  log(`\nWrote ${path}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
