// `npm run bench`: every benchmark in one run on one machine, one after another (never two at
// once: they would measure each other). Each benchmark writes its own section of
// test/bench/RESULTS.md; this script adds a section saying when and where the run happened,
// each command, how long it took and whether it finished.
//
//   npm run bench                # full size (about 15 minutes on 2 cores, quiet)
//   npm run bench -- --quick     # reduced sizes, a smoke test of the report (a few minutes)
//   npm run bench -- --only api,etl
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { writeResultsSection } from './support/results.ts';

interface Bench {
  name: string;
  what: string;
  full: string[];
  quick: string[];
}

const BENCHES: Bench[] = [
  {
    name: 'protection',
    what: 'bare Fastify vs @fastify/rate-limit alone vs the full protection stack, same route',
    full: ['test/bench/protection.bench.ts', '--seconds', '5', '--rounds', '9', '--connections', '20'],
    quick: ['test/bench/protection.bench.ts', '--seconds', '2', '--rounds', '1', '--connections', '10'],
  },
  {
    name: 'protection-cost',
    what: 'the protection layers in-process (app.inject, no database): µs per request over rate-limit alone',
    full: ['test/bench/protection-cost.bench.ts', '--rounds', '9', '--requests', '3000'],
    quick: ['test/bench/protection-cost.bench.ts', '--rounds', '3', '--requests', '1000'],
  },
  {
    name: 'api',
    what: 'thread read, list and posting on PostgreSQL vs /health; memory under saturation',
    full: ['test/bench/api.bench.ts', '--seconds', '5', '--rounds', '3', '--saturation', '60'],
    quick: ['test/bench/api.bench.ts', '--seconds', '2', '--rounds', '1', '--saturation', '15'],
  },
  {
    name: 'etl',
    what: 'warehouse ETL at 1M posts with its stage breakdown, against a row-by-row baseline',
    full: ['test/bench/etl.bench.ts', '--posts', '1000000'],
    quick: ['test/bench/etl.bench.ts', '--posts', '50000'],
  },
  {
    name: 'dashboards',
    what: 'data API latency per published table and first chart drawn per page (Chromium)',
    full: ['test/bench/dashboards.bench.ts', '--seconds', '5', '--connections', '10', '--loads', '7'],
    quick: [
      'test/bench/dashboards.bench.ts',
      ...['--companies', '20', '--weeks', '26', '--seconds', '2', '--loads', '2'],
    ],
  },
  {
    name: 'generate',
    what: 'demo data: 1M posts + 200k salary reports into PostgreSQL',
    full: ['test/bench/generate.bench.ts', '--posts', '1000000', '--salaries', '200000'],
    quick: ['test/bench/generate.bench.ts', '--posts', '50000', '--salaries', '10000'],
  },
  {
    name: 'enrich',
    what: 'sentiment and topic enrichment per post (tinybench)',
    full: ['test/bench/enrich.bench.ts'],
    quick: ['test/bench/enrich.bench.ts', '--time', '300', '--sustained', '10000'],
  },
];

const USAGE = `Usage: npm run bench [-- --quick] [-- --only ${BENCHES.map((b) => b.name).join(',')}]

Runs the benchmarks one after another against TEST_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres) and writes test/bench/RESULTS.md.
Run it on a quiet machine: every figure is also reported as a ratio against a baseline
measured in the same script, but absolute numbers move with other work.`;

function run(args: string[]): Promise<{ seconds: number; code: number | null }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: 'inherit',
      env: process.env,
    });
    child.on('exit', (code) => resolve({ seconds: (performance.now() - started) / 1000, code }));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.BENCH_DATABASE_URL ??= process.env.TEST_DATABASE_URL;
  const only = values.only?.split(',');
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}.\n${USAGE}`);
  const chosen = BENCHES.filter((b) => !only || only.includes(b.name));
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!.toFixed(1);
  const rows: string[] = [];
  let failed = 0;
  for (const bench of chosen) {
    const args = values.quick ? bench.quick : bench.full;
    process.stdout.write(`\n=== ${bench.name}: ${bench.what}\n`);
    const { seconds, code } = await run(args);
    if (code !== 0) failed++;
    rows.push(
      `| ${bench.name} | ${bench.what} | \`npx tsx ${args.join(' ')}\` | ${seconds.toFixed(0)} s | ${code === 0 ? 'ok' : `exit ${code}`} |`,
    );
  }
  const body = [
    `\`npm run bench${values.quick ? ' -- --quick' : ''}${values.only ? ` -- --only ${values.only}` : ''}\` ` +
      `started ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores ` +
      `(${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
      `load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end. ` +
      `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres. Each section below was written by this run` +
      `${only ? ' (only the benchmarks named)' : ''}; sections of benchmarks not run keep their older figures and dates.`,
    '',
    '| benchmark | what | command | wall time | result |',
    '|---|---|---|---:|---|',
    ...rows,
  ].join('\n');
  writeResultsSection('bench-run', 'The last `npm run bench`', body);
  process.stdout.write(`\n${body}\n`);
  if (failed > 0) process.exitCode = 1;
}

await main();
