// Benchmark: what the protection layers cost per request, in-process, without sockets or a
// database in the request path — the figure to watch when changing a layer, because it barely
// moves with other work on the machine (protection.bench.ts, over HTTP on PostgreSQL, does).
//
//   npx tsx test/bench/protection-cost.bench.ts [--rounds 9] [--requests 3000]
//
// Two apps on the same services: @fastify/rate-limit alone, and the full protection stack (every
// layer, enforcing, with budgets and thresholds out of reach so nothing is refused). A stand-in for
// `authenticate` sets one of 200 accounts from a header, so no session lookup is timed. Each round
// sends the same sequence of thread views (200 accounts × 500 threads, browser headers) to each
// app through app.inject, one request at a time; the figure per app is its fastest round (the
// one least disturbed by other work), in wall-clock µs per request.
import { parseArgs } from 'node:util';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { installErrorHandling } from '../../api/http/error-handler.ts';
import '../../api/http/route-context.ts';
import type { SessionAccount } from '../../api/identity/sessions.ts';
import { newId } from '../../api/ids.ts';
import { protection } from '../../api/protection/index.ts';
import { HEADERS } from '../support/personas.ts';
import { benchPolicy } from './support/bench-policy.ts';
import { machineLine, writeResultsSection } from './support/results.ts';
import { openBenchServices } from './support/services.ts';

const USAGE = `Usage: npx tsx test/bench/protection-cost.bench.ts [--rounds 9] [--requests 3000]

In-process cost of the protection layers per request against @fastify/rate-limit alone
(app.inject, no database in the request path). Writes its section of test/bench/RESULTS.md.`;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    requests: { type: 'string', default: '3000' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

const bench = await openBenchServices();
const { services } = bench;
const accounts: SessionAccount[] = Array.from({ length: 200 }, () => ({
  id: newId(),
  memberKind: 'employee',
  companyId: null,
  createdOn: new Date('2024-01-01'),
}));
const threads = Array.from({ length: 500 }, () => newId());

/** Stands in for api/identity/authenticate.ts: the account named by X-Bench-Account. */
const standInAuthenticate = fp(
  async (app) => {
    app.decorateRequest('account', null);
    app.decorateRequest('sessionToken', null);
    app.addHook('onRequest', (request, _reply, done) => {
      request.account = accounts[Number(request.headers['x-bench-account'])] ?? null;
      done();
    });
    app.decorate('requireAccount', async () => {});
  },
  { name: 'authenticate' },
);

async function build(variant: 'rate-limit' | 'full'): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, requestIdHeader: false });
  installErrorHandling(app);
  app.decorateRequest('pageDepth', null);
  await app.register(standInAuthenticate);
  if (variant === 'rate-limit') await app.register(rateLimit, { max: 1_000_000_000, timeWindow: 60_000 });
  else
    await app.register(protection, {
      services,
      policy: benchPolicy(),
      mode: 'enforce',
      redisUrl: null,
      canaries: false,
    });
  app.get(
    '/v1/threads/:id',
    { config: { routeClass: 'read' }, preHandler: app.requireAccount },
    async (request) => ({ id: (request.params as { id: string }).id }),
  );
  await app.ready();
  return app;
}

let sent = 0;
async function send(app: FastifyInstance, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    sent++;
    const response = await app.inject({
      method: 'GET',
      url: `/v1/threads/${threads[(sent * 7919) % threads.length]}`,
      headers: { ...HEADERS.chrome, 'x-bench-account': String(sent % accounts.length) },
      remoteAddress: '198.51.100.7',
    });
    if (response.statusCode !== 200) throw new Error(`answered ${response.statusCode}: ${response.body}`);
  }
}

const apps = { 'rate-limit': await build('rate-limit'), full: await build('full') };
const machine = machineLine();
for (const app of Object.values(apps)) await send(app, 5_000); // warm-up: JIT, caches, counters
const rounds_: Record<keyof typeof apps, number[]> = { 'rate-limit': [], full: [] };
for (let round = 0; round < rounds; round++)
  for (const name of round % 2 === 0
    ? (['rate-limit', 'full'] as const)
    : (['full', 'rate-limit'] as const)) {
    const started = performance.now();
    await send(apps[name], perRound);
    rounds_[name].push(((performance.now() - started) * 1000) / perRound);
  }
for (const app of Object.values(apps)) await app.close();
await bench.close();

const fastest = (list: number[]) => Math.min(...list);
const base = fastest(rounds_['rate-limit']);
const full = fastest(rounds_.full);
const report = [
  `Command: \`npx tsx test/bench/protection-cost.bench.ts --rounds ${rounds} --requests ${perRound}\``,
  '',
  machine,
  `${rounds} interleaved rounds of ${perRound} thread views per app (200 accounts × 500 threads, browser headers, app.inject, one at a time, after 5,000 warm-up requests each); fastest round shown.`,
  '',
  '| app | µs per request | rounds (µs) |',
  '|---|---:|---|',
  ...(['rate-limit', 'full'] as const).map(
    (name) =>
      `| ${name === 'full' ? 'full protection stack' : '@fastify/rate-limit alone'} | ${fastest(rounds_[name]).toFixed(1)} | ${rounds_[name].map((v) => v.toFixed(0)).join(' ')} |`,
  ),
  '',
  `The protection layers cost **${(full - base).toFixed(1)} µs per request** more than @fastify/rate-limit alone (${(base / full).toFixed(2)}× its in-process throughput, with no database or socket work to share the cost).`,
].join('\n');
process.stdout.write(`\n${report}\n`);
writeResultsSection(
  'protection-cost-bench',
  'Protection layers, in-process cost (test/bench/protection-cost.bench.ts)',
  report,
);
