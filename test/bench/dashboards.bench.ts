// Benchmark: the data API's p50 latency per published table (autocannon, the exact URLs the pages
// load, read from their page models) and each page's first chart drawn after navigation in
// headless Chromium, on a warehouse holding the published tables of ~1M posts. Baseline in the
// same run: a static stylesheet from memory, so the ratios show what DuckDB + Arrow add.
// Goals: data API p50 ≤ 20 ms per table; first chart ≤ 1.5 s after navigation.
//
//   npx tsx test/bench/dashboards.bench.ts [--companies 200] [--weeks 104] [--posts-per-week 39]
//                                          [--seconds 5] [--connections 10] [--loads 5]
//
// The app runs in a child process (autocannon must not share its event loop) on test services:
// TEST_DATABASE_URL's PostgreSQL when set, else PGlite. Writes its section of test/bench/RESULTS.md.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../../api/server.ts';
import { launchChromium } from '../e2e/browser.ts';
import { writePublishedFixture } from '../support/published-fixture.ts';
import { openTestServices } from '../support/services.ts';
import { assertAllOk, autocannon } from './support/autocannon.ts';
import { median, profileFlags, RESULTS_PATH, writeResultsSection } from './support/results.ts';

// ---- server role: the real app on a port, over the given warehouse file ----

async function serve(warehousePath: string): Promise<void> {
  const services = await openTestServices({
    WAREHOUSE_PATH: warehousePath,
    PROTECTION_MODE: 'monitor',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp(services, { logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`PORT ${new URL(address).port}\nTOKEN ${services.secrets.OPERATOR_TOKEN}\n`);
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => services.close())
      .finally(() => process.exit(0));
  });
}

// ---- driver role ----

function startServer(warehousePath: string): Promise<{ child: ChildProcess; origin: string; token: string }> {
  const child = spawn(
    process.execPath,
    [...profileFlags(), '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', warehousePath],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /PORT (\d+)\n/.exec(output);
      const token = /TOKEN (\S+)\n/.exec(output);
      if (port && token) resolve({ child, origin: `http://127.0.0.1:${port[1]}`, token: token[1]! });
    });
  });
}

/** "**met**", or "**missed** by a, b" naming the tables that did not. */
function verdict<T extends { table: string }>(rows: T[], ok: (row: T) => boolean): string {
  const missed = rows.filter((row) => !ok(row)).map((row) => row.table);
  return missed.length === 0 ? '**met**' : `**missed** by ${missed.join(', ')}`;
}

async function latency(
  url: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
) {
  await autocannon({ url, connections, duration: 1, headers }); // warm-up: JIT, DuckDB caches
  const result = await autocannon({ url, connections, duration: seconds, headers });
  assertAllOk(url, result);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

/**
 * The first request after a release misses the answer cache: p50 of sequential requests that
 * each ask for something not asked before (another company, family, month…), so each one queries
 * DuckDB and encodes Arrow.
 */
async function coldLatency(origin: string, urls: string[], headers: Record<string, string> = {}) {
  const times: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(`${origin}${url}`, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

function coldUrls(table: string, companies: string[], months: string[]): string[] {
  const families = ['engineering', 'product', 'design', 'data', 'sales', 'marketing', 'operations'];
  switch (table) {
    case 'pub_salary_by_company':
      return companies.map((c) => `/v1/data/${table}?company_slug=${c}&job_family=engineering&year=2025`);
    case 'pub_salary_split':
      return companies.map((c) => `/v1/data/${table}?company_slug=${c}&year=2025`);
    case 'pub_salary_by_city':
      return families.flatMap((f) =>
        [2023, 2024, 2025].map((y) => `/v1/data/${table}?job_family=${f}&year=${y}`),
      );
    case 'pub_sentiment_weekly':
      return companies.map((c) => `/v1/data/${table}?company_slug=${c}`);
    case 'pub_topics_monthly':
      return months.map((m) => `/v1/data/${table}?month=${m}-01`);
    case 'pub_bot_decisions_hourly':
      return Array.from(
        { length: 40 },
        (_, h) =>
          `/v1/data/${table}?hour_from=2026-03-01T${String(h % 24).padStart(2, '0')}:00Z&decision=${['throttle', 'challenge', 'block'][h % 3]}`,
      );
    default:
      return [
        `/v1/data/${table}?release_id=1`,
        `/v1/data/${table}?release_id=2`,
        `/v1/data/${table}?release_id=1,2`,
      ];
  }
}

/** The data URL each table is loaded with by the pages (first chart that reads it). */
async function pageDataUrls(origin: string, token: string): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const page of ['salaries', 'sentiment', 'operator']) {
    const response = await fetch(`${origin}/dashboards/${page}/model.json`, {
      headers: { 'x-operator-token': token },
    });
    const model = (await response.json()) as {
      charts: { data: Record<string, { kind: string; url: string }> }[];
    };
    for (const chart of model.charts) {
      for (const source of Object.values(chart.data)) {
        const table = /^\/v1\/data\/([a-z_]+)/.exec(source.url)?.[1];
        if (source.kind === 'table' && table && !urls.has(table)) urls.set(table, source.url);
      }
    }
  }
  urls.set('releases', '/v1/data/releases');
  return urls;
}

async function firstChartTimes(origin: string, token: string, loads: number) {
  const browser = await launchChromium();
  const results: { page: string; first: number; all: number }[] = [];
  try {
    for (const page of ['salaries', 'sentiment', 'operator']) {
      const first: number[] = [];
      const all: number[] = [];
      for (let i = 0; i < loads; i++) {
        // A fresh context each time: a first visit, nothing cached.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        if (page === 'operator') {
          await context.addInitScript((t) => sessionStorage.setItem('watercooler.operatorToken', t), token);
        }
        const tab = await context.newPage();
        await tab.goto(`${origin}/dashboards/${page}`);
        await tab.waitForFunction(
          () => {
            const figures = Array.from(document.querySelectorAll('figure.chart')) as HTMLElement[];
            return figures.length > 0 && figures.every((f) => f.dataset.state !== 'loading');
          },
          null,
          { timeout: 60_000 },
        );
        const times = await tab.evaluate(() => ({
          first: performance.getEntriesByName('first-chart-drawn')[0]?.startTime ?? Number.NaN,
          all: performance.now(),
        }));
        first.push(times.first);
        all.push(times.all);
        await context.close();
      }
      results.push({ page, first: median(first), all: median(all) });
    }
  } finally {
    await browser.close();
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string', default: '200' },
      weeks: { type: 'string', default: '104' },
      'posts-per-week': { type: 'string', default: '39' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      loads: { type: 'string', default: '5' },
    },
  });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-dashboards-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const started = Date.now();
  const fixture = await writePublishedFixture(warehouse, {
    companies: Number(values.companies),
    weeks: Number(values.weeks),
    postsPerWeek: Number(values['posts-per-week']),
  });
  log(
    `Warehouse: ${fixture.posts.toLocaleString('en')} posts published as ${JSON.stringify(fixture.rows)} (${Date.now() - started} ms)`,
  );

  const server = await startServer(warehouse);
  try {
    const seconds = Number(values.seconds);
    const connections = Number(values.connections);
    const baseline = await latency(`${server.origin}/dashboards/assets/dashboard.css`, seconds, connections);
    log(`baseline (static CSS from memory): p50 ${baseline.p50} ms`);
    const rows: { table: string; url: string; p50: number; p99: number; rps: number; cold: number }[] = [];
    const companies = fixture.companies.map((c) => c.slug).slice(0, 60);
    const months = [
      ...new Set(
        Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2026, 1 - i, 1)).toISOString().slice(0, 7)),
      ),
    ];
    for (const [table, url] of await pageDataUrls(server.origin, server.token)) {
      const headers: Record<string, string> =
        table === 'pub_bot_decisions_hourly' ? { 'x-operator-token': server.token } : {};
      const cold = await coldLatency(server.origin, coldUrls(table, companies, months), headers);
      const result = await latency(`${server.origin}${url}`, seconds, connections, headers);
      rows.push({ table, url, ...result, cold });
      log(
        `${table}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps.toFixed(0)} req/s; uncached p50 ${cold.toFixed(1)} ms`,
      );
    }
    const pages = await firstChartTimes(server.origin, server.token, Number(values.loads));
    for (const p of pages)
      log(`${p.page}: first chart ${p.first.toFixed(0)} ms, all charts ${p.all.toFixed(0)} ms`);

    const lines = [
      `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)}), ` +
        `Node ${process.version}, app in a child process on test services, PROTECTION_MODE=monitor.`,
      `Warehouse: the published tables of **${fixture.posts.toLocaleString('en')} posts** (${values.companies} companies × ${values.weeks} weeks; ` +
        `${Object.entries(fixture.rows)
          .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
          .join(', ')} rows), written by test/support/published-fixture.ts.`,
      '',
      `Data API (autocannon, ${connections} connections, ${seconds} s after a 1 s warm-up; Arrow IPC, the URL the page loads):`,
      '',
      '| table | URL | p50 (ms) | p99 (ms) | req/s | p50 vs static baseline | uncached p50 (ms, 1 connection) |',
      '|---|---|---:|---:|---:|---:|---:|',
      `| (baseline) | /dashboards/assets/dashboard.css | ${baseline.p50} | ${baseline.p99} | ${baseline.rps.toFixed(0)} | 1× | |`,
      ...rows.map(
        (r) =>
          `| ${r.table} | \`${r.url}\` | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${(r.p50 / Math.max(baseline.p50, 1)).toFixed(1)}× | ${r.cold.toFixed(1)} |`,
      ),
      '',
      'Answers are cached until the warehouse file changes (an ETL commit), so the autocannon columns are the steady state between ETL runs; ' +
        'the last column is the first request for a selection after a release: DuckDB query + Arrow encoding, measured over distinct selections (other companies, families, months).',
      '',
      `Goal p50 ≤ 20 ms per table: ${verdict(rows, (r) => r.p50 <= 20)} in the steady state; ` +
        `for the first request after a release ${verdict(rows, (r) => r.cold <= 20)}.`,
      '',
      `Pages in headless Chromium (/usr/bin/chromium), median of ${values.loads} first visits (fresh context, nothing cached), ms after navigation start:`,
      '',
      '| page | first chart drawn | all charts drawn |',
      '|---|---:|---:|',
      ...pages.map((p) => `| /dashboards/${p.page} | ${p.first.toFixed(0)} | ${p.all.toFixed(0)} |`),
      '',
      `Goal first chart ≤ 1500 ms: ${
        pages.every((p) => p.first <= 1500)
          ? '**met**'
          : `**missed** on ${pages
              .filter((p) => p.first > 1500)
              .map((p) => p.page)
              .join(', ')}`
      }.`,
      '',
      `Command: \`npx tsx test/bench/dashboards.bench.ts --companies ${values.companies} --weeks ${values.weeks} --posts-per-week ${values['posts-per-week']} --seconds ${seconds} --connections ${connections} --loads ${values.loads}\``,
    ];
    log(`\n${lines.join('\n')}`);
    writeResultsSection(
      'dashboards-bench',
      'Dashboards and data API (test/bench/dashboards.bench.ts)',
      lines.join('\n'),
    );
    log(`\nWrote ${RESULTS_PATH}`);
  } finally {
    server.child.removeAllListeners('exit');
    server.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt > 0) await serve(process.argv[serveAt + 1]!);
else
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
