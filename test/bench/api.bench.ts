// Benchmark: the real API (buildApp, every protection layer enforcing a policy whose budgets are
// out of reach) on real PostgreSQL — reading a thread, listing threads and posting a reply, each
// against GET /health on the same server as the baseline — then a saturation load of mixed
// reads and writes during which the server's live heap is sampled after a forced GC, to show
// whether memory stays bounded once warm. Writes its section of test/bench/RESULTS.md.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     npx tsx test/bench/api.bench.ts [--seconds 5] [--connections 20] [--saturation 60]
//
// The server runs in a child process (so autocannon does not share its event loop) on a fresh
// database (dropped after) with REDIS_URL=BENCH_REDIS_URL when set; 200 employees of one company
// have 500 threads of 5 posts, made through the forum's own createThread/replyToThread.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createThread } from '../../api/forum/threads.ts';
import { replyToThread } from '../../api/forum/posts.ts';
import { buildApp } from '../../api/server.ts';
import type { Services } from '../../api/services.ts';
import { createTestAccount, createTestCompany } from '../support/accounts.ts';
import { HEADERS } from '../support/personas.ts';
import { type AutocannonRequest, assertAllOk, autocannon } from './support/autocannon.ts';
import { benchPolicy } from './support/bench-policy.ts';
import { openBenchServices } from './support/services.ts';
import { machineLine, median, profileFlags, writeResultsSection } from './support/results.ts';

const ACCOUNTS = 200;
const THREADS = 500;
const POSTS_PER_THREAD = 5;
const DAY_MS = 86_400_000;

interface Fixture {
  tokens: string[];
  threads: string[];
  company: string;
}

// ---- server role: `--serve` prints "PORT <n>" and "FIXTURE <json>", answers "cpu" and "mem" ----

async function serve(): Promise<void> {
  const bench = await openBenchServices((dataDir) => {
    const policyPath = join(dataDir, 'policy.json');
    writeFileSync(policyPath, JSON.stringify(benchPolicy()));
    return {
      PROTECTION_MODE: 'enforce',
      PROTECTION_POLICY: policyPath,
      ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
    };
  });
  const { services } = bench;
  const fixture = await seed(services);
  const app = await buildApp(services, { logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`PORT ${new URL(address).port}\nFIXTURE ${JSON.stringify(fixture)}\n`);
  process.on('SIGTERM', async () => {
    await app.close();
    await bench.close();
    process.exit(0);
  });
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.(process.cpuUsage());
    if (message === 'mem') {
      // Live heap, not garbage waiting for the next collection: that is what "bounded" is about.
      globalThis.gc?.();
      process.send?.(process.memoryUsage());
    }
  });
}

async function seed(services: Services): Promise<Fixture> {
  const company = await createTestCompany(services.db, services.clock, { slug: 'acme', name: 'Acme' });
  // Accounts over a year old: account age is a behaviour signal, and these are not new.
  const created = new Date(services.clock.now().getTime() - 400 * DAY_MS);
  const people = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const account = await createTestAccount(services, { companyId: company.id });
    await services.db.query('UPDATE accounts SET created_on = $2::date WHERE id = $1', [
      account.accountId,
      created.toISOString().slice(0, 10),
    ]);
    people.push({
      ...account,
      session: {
        id: account.accountId,
        memberKind: 'employee' as const,
        companyId: company.id,
        createdOn: created,
      },
    });
  }
  const threads: string[] = [];
  for (let t = 0; t < THREADS; t++) {
    const author = people[t % ACCOUNTS]!.session;
    const thread = await createThread(services, author, {
      title: `Benchmark thread ${t}: how are reviews done this year?`,
      body: `Opening post of thread ${t}. `.repeat(6),
      company: company.slug,
    });
    for (let p = 1; p < POSTS_PER_THREAD; p++)
      await replyToThread(services, people[(t + p * 37) % ACCOUNTS]!.session, thread.id, {
        body: `Reply ${p} in thread ${t}: same here, our team had the same experience. `.repeat(3),
      });
    threads.push(thread.id);
  }
  return { tokens: people.map((p) => p.token), threads, company: company.slug };
}

// ---- driver role ----

interface Server extends Fixture {
  child: ChildProcess;
  port: number;
}

async function startServer(): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', ...profileFlags(), '--import', 'tsx', fileURLToPath(import.meta.url), '--serve'],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: process.env },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the API server exited with ${code} before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /PORT (\d+)/.exec(output);
      const fixture = /FIXTURE (.+)\n/.exec(output);
      if (port && fixture) resolve({ child, port: Number(port[1]), ...JSON.parse(fixture[1]!) });
    });
  });
}

function ask<T>(server: Server, message: 'cpu' | 'mem'): Promise<T> {
  return new Promise((resolve) => {
    server.child.once('message', (answer) => resolve(answer as T));
    server.child.send(message);
  });
}

const serverCpu = async (server: Server) => {
  const { user, system } = await ask<NodeJS.CpuUsage>(server, 'cpu');
  return user + system;
};

type Scenario = 'health' | 'read' | 'list' | 'post' | 'mixed';

/** The n-th request of a scenario: spread over accounts and threads like many people would. */
function request(server: Server, scenario: Scenario, n: number): AutocannonRequest {
  const token = server.tokens[n % server.tokens.length]!;
  const thread = server.threads[(n * 7919) % server.threads.length]!;
  const headers = { ...HEADERS.chrome, authorization: `Bearer ${token}` };
  const kind = scenario === 'mixed' ? (['read', 'read', 'read', 'list', 'post'] as const)[n % 5]! : scenario;
  switch (kind) {
    case 'health':
      return { method: 'GET', path: '/health', headers: HEADERS.chrome };
    case 'read':
      return { method: 'GET', path: `/v1/threads/${thread}`, headers };
    case 'list':
      return { method: 'GET', path: `/v1/threads?company=${server.company}`, headers };
    case 'post':
      return {
        method: 'POST',
        path: `/v1/threads/${thread}/posts`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Benchmark reply number ${n}: the review process changed again. ` }),
      };
  }
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
}

let requestsSent = 0;

async function load(
  server: Server,
  scenario: Scenario,
  seconds: number,
  connections: number,
): Promise<Sample> {
  const cpuBefore = await serverCpu(server);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (base) => ({ ...base, ...request(server, scenario, requestsSent++) }) }],
  });
  assertAllOk(scenario, result);
  const cpu = ((await serverCpu(server)) - cpuBefore) / result.requests.total;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpu };
}

interface MemorySample {
  second: number;
  heapMb: number;
  rssMb: number;
}

/** Mixed load for `seconds`, the live heap sampled every 5 s (after a GC) while it runs. */
async function saturate(
  server: Server,
  seconds: number,
  connections: number,
): Promise<{ sample: Sample; memory: MemorySample[] }> {
  const memory: MemorySample[] = [];
  const started = Date.now();
  const record = async () => {
    const usage = await ask<NodeJS.MemoryUsage>(server, 'mem');
    memory.push({
      second: Math.round((Date.now() - started) / 1000),
      heapMb: usage.heapUsed / 2 ** 20,
      rssMb: usage.rss / 2 ** 20,
    });
  };
  await record();
  const timer = setInterval(() => void record(), 5000);
  try {
    const sample = await load(server, 'mixed', seconds, connections);
    await record();
    return { sample, memory };
  } finally {
    clearInterval(timer);
  }
}

async function stopServer(server: Server): Promise<void> {
  server.child.removeAllListeners('exit');
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

const USAGE = `Usage: npx tsx test/bench/api.bench.ts [--seconds 5] [--rounds 3] [--connections 20] [--saturation 60]

The real API on real PostgreSQL (TEST_DATABASE_URL; PGlite when unset), Redis when BENCH_REDIS_URL
is set: thread read, thread list and posting against GET /health on the same server, then
--saturation seconds of mixed load with the live heap sampled. Writes test/bench/RESULTS.md.`;

async function drive(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '20' },
      saturation: { type: 'string', default: '60' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const saturation = Number(values.saturation);
  const machine = machineLine();
  process.stdout.write(`seeding ${THREADS} threads × ${POSTS_PER_THREAD} posts…\n`);
  const server = await startServer();
  try {
    const scenarios: Scenario[] = ['health', 'read', 'list', 'post'];
    for (const scenario of scenarios) await load(server, scenario, 2, connections); // warm-up
    const samples = new Map<Scenario, Sample[]>(scenarios.map((s) => [s, []]));
    for (let round = 1; round <= rounds; round++)
      for (const scenario of scenarios) {
        const sample = await load(server, scenario, seconds, connections);
        samples.get(scenario)!.push(sample);
        process.stdout.write(
          `round ${round} ${scenario.padEnd(7)} ${sample.rps.toFixed(0).padStart(6)} req/s  p50 ${sample.p50} ms  p99 ${sample.p99} ms  ${sample.cpu.toFixed(0)} µs CPU/req\n`,
        );
      }
    process.stdout.write(`saturation: ${saturation} s of mixed load…\n`);
    const saturated = await saturate(server, saturation, connections * 2);
    writeReport({ machine, seconds, rounds, connections, saturation, samples, saturated });
  } finally {
    await stopServer(server);
  }
}

function writeReport(run: {
  machine: string;
  seconds: number;
  rounds: number;
  connections: number;
  saturation: number;
  samples: Map<Scenario, Sample[]>;
  saturated: { sample: Sample; memory: MemorySample[] };
}): void {
  const summary = (scenario: Scenario) => {
    const list = run.samples.get(scenario)!;
    return {
      rps: median(list.map((s) => s.rps)),
      p50: median(list.map((s) => s.p50)),
      p99: median(list.map((s) => s.p99)),
      cpu: median(list.map((s) => s.cpu)),
    };
  };
  const baseline = summary('health');
  const label: Record<Scenario, string> = {
    health: 'GET /health (baseline: one SELECT 1)',
    read: 'GET /v1/threads/:id (thread + first page of posts)',
    list: 'GET /v1/threads?company=acme (first page)',
    post: 'POST /v1/threads/:id/posts (reply, alias, author link)',
    mixed: 'mixed',
  };
  const rows = (['health', 'read', 'list', 'post'] as const).map((scenario) => {
    const s = summary(scenario);
    return `| ${label[scenario]} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.cpu.toFixed(0)} | ${(s.rps / baseline.rps).toFixed(2)}× |`;
  });
  const memory = run.saturated.memory;
  const warm = memory.find((m) => m.second >= 15) ?? memory[0]!;
  const last = memory.at(-1)!;
  const peakRss = Math.max(...memory.map((m) => m.rssMb));
  const growth = last.heapMb - warm.heapMb;
  const redis = process.env.BENCH_REDIS_URL ? 'Redis counter store' : 'in-memory counter store';
  const body = [
    run.machine,
    '',
    `Command: \`TEST_DATABASE_URL=${process.env.TEST_DATABASE_URL ? 'postgres://postgres@127.0.0.1:5432/postgres' : '(unset: PGlite)'} npx tsx test/bench/api.bench.ts --seconds ${run.seconds} --rounds ${run.rounds} --connections ${run.connections} --saturation ${run.saturation}\``,
    '',
    `The real app (buildApp: authenticate, every protection layer enforcing with budgets out of reach, ${redis}, the forum routes) on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ` +
      `${ACCOUNTS} employees, ${THREADS} threads of ${POSTS_PER_THREAD} posts; autocannon with ${run.connections} connections, ` +
      `${run.rounds} interleaved rounds of ${run.seconds} s after a 2 s warm-up; medians. Server CPU is the API process only (not PostgreSQL).`,
    '',
    '| route | req/s | p50 (ms) | p99 (ms) | server CPU per request (µs) | throughput vs /health |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `### Memory under a ${run.saturation} s saturation load`,
    '',
    `Mixed load (3 reads : 1 list : 1 reply) with ${run.connections * 2} connections: ${run.saturated.sample.rps.toFixed(0)} req/s, ` +
      `p99 ${run.saturated.sample.p99} ms, every answer 2xx. Live heap after a forced GC, every 5 s:`,
    '',
    `| second | ${memory.map((m) => m.second).join(' | ')} |`,
    `|---|${memory.map(() => '---:').join('|')}|`,
    `| heap (MB) | ${memory.map((m) => m.heapMb.toFixed(1)).join(' | ')} |`,
    `| RSS (MB) | ${memory.map((m) => m.rssMb.toFixed(0)).join(' | ')} |`,
    '',
    `After warm-up (second ${warm.second}) the live heap went from ${warm.heapMb.toFixed(1)} MB to ${last.heapMb.toFixed(1)} MB ` +
      `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB, ${((growth / warm.heapMb) * 100).toFixed(0)} %); peak RSS ${peakRss.toFixed(0)} MB.`,
  ].join('\n');
  process.stdout.write(`\n${body}\n`);
  writeResultsSection('api-bench', 'API routes and memory (test/bench/api.bench.ts)', body);
}

if (process.argv.includes('--serve')) await serve();
else await drive();
