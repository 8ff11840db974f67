// Benchmark: the same thread-read route (authenticate + one thread and its first posts from the
// database) three ways in one run — no protection, @fastify/rate-limit alone, the full protection
// stack — with autocannon; reports req/s and p99 and the ratios against rate-limit alone, and
// writes its section of test/bench/RESULTS.md. Goal: full ≥ 0.85× rate-limit's throughput and
// p99 within +2 ms.
//
//   npx tsx test/bench/protection.bench.ts [--seconds 4] [--rounds 3] [--connections 20]
//
// Each variant's server runs in its own child process (so autocannon does not share its event
// loop); the database is TEST_DATABASE_URL's PostgreSQL when set (a fresh database, dropped after),
// else PGlite. With BENCH_REDIS_URL, rate-limit and full are measured on Redis too.
// The full stack runs its real layers (fingerprint, traps, behaviour, budgets, decision) with a
// policy whose budgets and thresholds are out of reach, so every request does all the work and
// none is refused; 200 accounts read 500 threads from one address. The machine is shared, so
// the variants run in interleaved rounds (the order alternating from round to round), each
// comparison is made within a round — full against rate-limit measured seconds apart — and the
// median of those paired ratios and p99 differences is the verdict; each server's CPU time per
// request is measured too: it is the steady figure when req/s swings with other work.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { systemClock } from '../../api/clock.ts';
import { installErrorHandling } from '../../api/http/error-handler.ts';
import '../../api/http/route-context.ts';
import { validatorCompiler } from '../../api/http/validation.ts';
import { authenticate } from '../../api/identity/authenticate.ts';
import { createSession } from '../../api/identity/sessions.ts';
import { cryptoRandom, newId } from '../../api/ids.ts';
import { protection } from '../../api/protection/index.ts';
import { HEADERS } from '../support/personas.ts';
import { assertAllOk, autocannon } from './support/autocannon.ts';
import { benchPolicy } from './support/bench-policy.ts';
import { openBenchServices } from './support/services.ts';
import { median, profileFlags, writeResultsSection } from './support/results.ts';

type Variant = 'none' | 'rate-limit' | 'full' | 'rate-limit-redis' | 'full-redis';
const ACCOUNTS = 200;
const THREADS = 500;
const POSTS_PER_THREAD = 5;

// ---- server role: `--serve <variant>` prints "PORT <n>" and then "FIXTURE <json>" ----

async function serve(variant: Variant): Promise<void> {
  const bench = await openBenchServices();
  const { services } = bench;
  const { db } = services;
  const now = systemClock.now();
  const tokens: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const id = newId();
    await db.query(
      `INSERT INTO accounts (id, email_hash, password_hash, member_kind, created_on)
       VALUES ($1, $2, 'x', 'employee', $3::date)`,
      [id, cryptoRandom(32), new Date(now.getTime() - 400 * 86_400_000).toISOString().slice(0, 10)],
    );
    tokens.push((await createSession(db, systemClock, id, 24)).token);
  }
  const threads: string[] = [];
  for (let i = 0; i < THREADS; i++) {
    const id = newId();
    const at = new Date(now.getTime() - i * 60_000);
    await db.query(
      'INSERT INTO threads (id, title, created_at, last_post_at, post_count) VALUES ($1, $2, $3, $3, $4)',
      [id, `Thread ${i}`, at, POSTS_PER_THREAD],
    );
    for (let p = 1; p <= POSTS_PER_THREAD; p++)
      await db.query(
        `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, receipt_hash)
         VALUES ($1, $2, $3, $4, 'Member · Teal Heron', $5, $6::date, $7)`,
        [
          newId(),
          id,
          p,
          `Post ${p} of thread ${i}. `.repeat(8),
          at,
          at.toISOString().slice(0, 10),
          cryptoRandom(32),
        ],
      );
    threads.push(id);
  }

  const app = Fastify({ logger: false, requestIdHeader: false });
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);
  app.decorateRequest('pageDepth', null);
  await app.register(authenticate, { services });
  const redisUrl = process.env.BENCH_REDIS_URL;
  let redis: Redis | null = null;
  if (variant === 'rate-limit' || variant === 'rate-limit-redis') {
    if (variant === 'rate-limit-redis') redis = new Redis(redisUrl!);
    await app.register(rateLimit, {
      max: 1_000_000_000,
      timeWindow: 60_000,
      ...(redis ? { redis, nameSpace: `wc:bench:${newId()}:` } : {}),
    });
  }
  if (variant === 'full' || variant === 'full-redis')
    await app.register(protection, {
      services,
      policy: benchPolicy(),
      mode: 'enforce',
      redisUrl: variant === 'full-redis' ? redisUrl! : null,
      redisKeyPrefix: `wc:bench:${newId()}:`,
      canaries: false,
    });
  // The thread-read route: what GET /v1/threads/:id costs the database, without the forum's code.
  app.get<{ Params: { id: string } }>(
    '/v1/threads/:id',
    { config: { routeClass: 'read' }, preHandler: app.requireAccount },
    async (request, reply) => {
      const [thread, posts] = await Promise.all([
        db.query('SELECT id, title, post_count, last_post_at FROM threads WHERE id = $1', [
          request.params.id,
        ]),
        db.query('SELECT position, body, alias FROM posts WHERE thread_id = $1 ORDER BY position LIMIT 20', [
          request.params.id,
        ]),
      ]);
      if (!thread.rows[0])
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No thread.' } });
      return { thread: thread.rows[0], posts: posts.rows };
    },
  );
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`PORT ${new URL(address).port}\nFIXTURE ${JSON.stringify({ tokens, threads })}\n`);
  const stop = async () => {
    await app.close();
    redis?.disconnect();
    await bench.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  // The driver asks for this process's CPU time around each run: CPU per request is what the
  // protection layers cost, and unlike req/s it barely moves when other work shares the machine.
  // …and for the time its GC paused it: what a variant allocates per request shows up there.
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage(), gcMs });
  });
}

// ---- driver role ----

async function startServer(
  variant: Variant,
): Promise<{ child: ChildProcess; port: number; tokens: string[]; threads: string[] }> {
  const child = spawn(
    process.execPath,
    [...profileFlags(), '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', variant],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: process.env,
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${variant} server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /PORT (\d+)/.exec(output);
      const fixture = /FIXTURE (.+)\n/.exec(output);
      if (port && fixture) resolve({ child, port: Number(port[1]), ...JSON.parse(fixture[1]!) });
    });
  });
}

interface Server {
  variant: Variant;
  child: ChildProcess;
  port: number;
  tokens: string[];
  threads: string[];
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU (user + system) per request, µs. */
  cpu: number;
  /** Server time in GC pauses per request, µs. */
  gc: number;
}

/** The server's CPU time (user + system, µs) and GC pause time (ms) so far. */
function serverTimes(server: Server): Promise<{ cpu: number; gcMs: number }> {
  return new Promise((resolve) => {
    server.child.once('message', (message) => {
      const { cpu, gcMs } = message as { cpu: NodeJS.CpuUsage; gcMs: number };
      resolve({ cpu: cpu.user + cpu.system, gcMs });
    });
    server.child.send('cpu');
  });
}

/** One autocannon run against a server: 200 accounts reading 500 threads, spread evenly. */
async function load(server: Server, seconds: number, connections: number): Promise<Sample> {
  let n = 0;
  const before = await serverTimes(server);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          n++;
          return {
            ...request,
            method: 'GET',
            path: `/v1/threads/${server.threads[(n * 7919) % server.threads.length]}`,
            headers: {
              ...HEADERS.chrome,
              authorization: `Bearer ${server.tokens[n % server.tokens.length]}`,
            },
          };
        },
      },
    ],
  });
  assertAllOk(server.variant, result);
  const after = await serverTimes(server);
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu: (after.cpu - before.cpu) / requests,
    gc: ((after.gcMs - before.gcMs) * 1000) / requests,
  };
}

async function stopServer(server: Server): Promise<void> {
  server.child.removeAllListeners('exit');
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function drive(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '20' },
    },
    allowPositionals: true,
  });
  const seconds = Math.min(10, Number(values.seconds));
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const variants: Variant[] = ['none', 'rate-limit', 'full'];
  if (process.env.BENCH_REDIS_URL) variants.push('rate-limit-redis', 'full-redis');
  const loadAverage = loadavg()[0]!.toFixed(1);
  const servers: Server[] = [];
  try {
    for (const variant of variants) servers.push({ variant, ...(await startServer(variant)) });
    for (const server of servers) await load(server, 2, connections); // warm-up: JIT, pools, caches
    // Rounds interleave the variants, so a burst of load from elsewhere on the machine hits all.
    const samples = new Map<Variant, Sample[]>(variants.map((v) => [v, []]));
    for (let round = 1; round <= rounds; round++)
      for (const server of round % 2 === 1 ? servers : [...servers].reverse()) {
        const sample = await load(server, seconds, connections);
        samples.get(server.variant)!.push(sample);
        process.stdout.write(
          `round ${round} ${server.variant.padEnd(17)} ${sample.rps.toFixed(0).padStart(6)} req/s  p99 ${sample.p99} ms  ${sample.cpu.toFixed(0)} µs CPU/req  ${sample.gc.toFixed(1)} µs GC/req\n`,
        );
      }
    const results = variants.map((variant) => {
      const list = samples.get(variant)!;
      return {
        variant,
        rps: median(list.map((s) => s.rps)),
        p50: median(list.map((s) => s.p50)),
        p99: median(list.map((s) => s.p99)),
        cpu: median(list.map((s) => s.cpu)),
        gc: median(list.map((s) => s.gc)),
        range: `${Math.min(...list.map((s) => s.rps)).toFixed(0)}–${Math.max(...list.map((s) => s.rps)).toFixed(0)}`,
      };
    });
    writeReport(results, samples, { seconds, rounds, connections, loadAverage });
  } finally {
    for (const server of servers) await stopServer(server);
  }
}

/** Each round's `full` against its `base`, then the median over rounds. */
function pairedComparison(full: readonly Sample[], base: readonly Sample[]) {
  const rounds = full.map((f, i) => ({
    ratio: f.rps / base[i]!.rps,
    p99: f.p99 - base[i]!.p99,
    cpuRatio: base[i]!.cpu / f.cpu,
  }));
  return {
    ratio: median(rounds.map((r) => r.ratio)),
    p99: median(rounds.map((r) => r.p99)),
    cpuRatio: median(rounds.map((r) => r.cpuRatio)),
    ratios: rounds.map((r) => r.ratio),
  };
}

function writeReport(
  results: {
    variant: Variant;
    rps: number;
    p50: number;
    p99: number;
    cpu: number;
    gc: number;
    range: string;
  }[],
  samples: Map<Variant, Sample[]>,
  run: { seconds: number; rounds: number; connections: number; loadAverage: string },
): void {
  const { seconds, rounds, connections, loadAverage: load } = run;
  const compare = (full: Variant, base: Variant) => {
    const paired = pairedComparison(samples.get(full) ?? [], samples.get(base) ?? []);
    const p99 = paired.p99;
    return {
      ...paired,
      text:
        `${paired.ratio.toFixed(2)}× measured throughput (per round: ${paired.ratios.map((r) => r.toFixed(2)).join(', ')}), ` +
        `p99 ${p99 >= 0 ? '+' : ''}${p99} ms; ` +
        `server CPU ${paired.cpuRatio.toFixed(2)}× the throughput when the server is CPU-bound`,
    };
  };
  const goal = compare('full', 'rate-limit');
  const met = goal.ratio >= 0.85 && goal.p99 <= 2;
  const env = [
    process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres ' : '',
    samples.has('full-redis') ? 'BENCH_REDIS_URL=redis://127.0.0.1:6379 ' : '',
  ].join('');
  const lines = [
    `Command: \`${env}npx tsx test/bench/protection.bench.ts --seconds ${seconds} --rounds ${rounds} --connections ${connections}\``,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${load} at the start; database ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ` +
      `${ACCOUNTS} accounts reading ${THREADS} threads (${POSTS_PER_THREAD} posts each) from one address, ${connections} connections; ` +
      `after a 2 s warm-up each, ${rounds} interleaved rounds of ${seconds} s per variant (the order reversed every other round); medians shown, req/s range in brackets. ` +
      'Server CPU per request is the server process’s user + system time over the requests it answered; the database’s CPU is not in it (it is the same for every variant). ' +
      'GC pauses per request: the time the server’s main thread stood in garbage collection (PerformanceObserver "gc" entries) over the same requests; each young-generation pause delays every request in flight, which is where a variant that allocates more per request loses p99.',
    '',
    '| variant | req/s | p50 (ms) | p99 (ms) | server CPU per request (µs) | GC pauses per request (µs) |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.variant} | ${r.rps.toFixed(0)} (${r.range}) | ${r.p50} | ${r.p99} | ${r.cpu.toFixed(0)} | ${r.gc.toFixed(1)} |`,
    ),
    '',
    'Comparisons are paired: within each round, then the median over rounds.',
    '',
    `Full stack vs @fastify/rate-limit alone (memory): ${goal.text}. Goal ≥ 0.85× and p99 ≤ +2 ms: **${met ? 'met' : 'not met'}**.`,
    `@fastify/rate-limit alone vs no protection: ${compare('rate-limit', 'none').text}.`,
    ...(samples.has('full-redis')
      ? [
          `Full stack vs @fastify/rate-limit alone (Redis): ${compare('full-redis', 'rate-limit-redis').text}.`,
        ]
      : []),
  ];
  const report = lines.join('\n');
  process.stdout.write(`\n${report}\n`);
  writeResultsSection('protection-bench', 'Scraper defence (test/bench/protection.bench.ts)', report);
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt > 0) await serve(process.argv[serveAt + 1] as Variant);
else await drive();
