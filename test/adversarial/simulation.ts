// One adversarial simulation: open the server on a seeded corpus, build every persona, run them
// through a simulated day on the ManualClock, and collect the report. Sizes: FULL (the CLI's
// default) and REDUCED (the vitest file).
import { accountTagOf } from '../../api/protection/client-identity.ts';
import { openSimulationServer, type SimulationServer } from './harness.ts';
import { httpTransport } from './http-client.ts';
import { HOUR, seededRandom } from './pacing.ts';
import { makeAccountFactory, type PersonaRun, type SimContext } from './persona.ts';
import { aliasLinker } from './personas/alias-linker.ts';
import { headlessChromium } from './personas/headless-chromium.ts';
import { browserReaders, mobileAppUsers, officeColleagues, powerUser } from './personas/humans.ts';
import { proofOfWorkSolver } from './personas/pow-solver.ts';
import {
  chromeUaSpoofer,
  naiveLibrary,
  patientCrawler,
  rotatingSpoofer,
  sybilFarm,
} from './personas/scrapers.ts';
import { type PersonaResult, resultOf } from './report.ts';
import { runUntil } from './scheduler.ts';
import { type AuthorshipLedger, makeWriter } from './writing-style.ts';

export interface SimulationSize {
  /** Posts the demo generator writes, and how many copies of them enlarge the corpus. */
  posts: number;
  copies: number;
  days: number;
  hours: number;
  colleagues: number;
  browserReaders: number;
  writers: number;
  mobileUsers: number;
  sybils: number;
  chromium: boolean;
  seed: string;
}

export const FULL: SimulationSize = {
  posts: 50_000,
  copies: 3,
  days: 730,
  hours: 24,
  colleagues: 300,
  browserReaders: 40,
  writers: 12,
  mobileUsers: 20,
  sybils: 20,
  chromium: true,
  seed: 'adversarial',
};

export const REDUCED: SimulationSize = {
  ...FULL,
  posts: 20_000,
  copies: 9,
  colleagues: 100,
  browserReaders: 20,
  mobileUsers: 8,
};

export interface SimulationReport {
  size: SimulationSize;
  corpus: { posts: number; threads: number };
  results: PersonaResult[];
  events: number;
  seedMs: number;
  runMs: number;
  redis: boolean;
}

export async function runSimulation(
  size: SimulationSize,
  log: (line: string) => void = () => {},
): Promise<SimulationReport> {
  const began = performance.now();
  log(`seeding ${size.posts} posts over ${size.days} days, ${size.copies} copies…`);
  const server = await openSimulationServer({
    posts: size.posts,
    copies: size.copies,
    days: size.days,
    seed: size.seed,
  });
  const seedMs = performance.now() - began;
  const runs: PersonaRun[] = [];
  try {
    const shared = contextFor(server, size);
    const ledger: AuthorshipLedger = new Map();
    const writers = Array.from({ length: size.writers }, (_, i) => makeWriter(i, shared.random));
    const accountsOf = new Map<PersonaRun, string[]>();
    /** Builds a persona, remembering its accounts so the report can say what caught it. */
    const build = async (factory: (ctx: SimContext) => Promise<PersonaRun>) => {
      const ids: string[] = [];
      const run = await factory({
        ...shared,
        account: async (options) => {
          const account = await shared.account(options);
          ids.push(account.id);
          return account;
        },
      });
      accountsOf.set(run, ids);
      runs.push(run);
    };
    await build(naiveLibrary);
    await build(chromeUaSpoofer);
    await build(rotatingSpoofer);
    await build((ctx) => sybilFarm(ctx, size.sybils));
    if (size.chromium) await build(headlessChromium);
    await build(patientCrawler);
    await build(proofOfWorkSolver);
    await build((ctx) => aliasLinker(ctx, ledger));
    await build((ctx) => browserReaders(ctx, size.browserReaders, { writers, ledger }));
    await build((ctx) => mobileAppUsers(ctx, size.mobileUsers));
    await build((ctx) => officeColleagues(ctx, size.colleagues));
    await build(powerUser);
    log(`running ${size.hours} simulated hours for ${runs.length} personas…`);
    const stats = await runUntil(
      server.services.clock,
      runs.flatMap((run) => run.starts),
      shared.end,
      (simulatedMs, events) => log(`  ${(simulatedMs / HOUR).toFixed(1)} h simulated, ${events} events`),
    );
    await server.app.protection.flushEvents();
    return {
      size,
      corpus: { posts: server.corpus.postIds.size, threads: server.corpus.threads },
      results: await Promise.all(
        runs.map(async (run) =>
          resultOf(run, server.corpus.postIds, await reasonsFor(server, accountsOf.get(run) ?? [])),
        ),
      ),
      events: stats.events,
      seedMs,
      runMs: stats.wallMs,
      redis: server.redis,
    };
  } finally {
    for (const run of runs) await run.finish?.();
    await server.close();
  }
}

function contextFor(server: SimulationServer, size: SimulationSize): SimContext {
  const start = server.services.clock.now().getTime();
  const companies = new Map<string, string>();
  return {
    server,
    transport: httpTransport(server.baseUrl),
    start,
    end: start + size.hours * HOUR,
    random: seededRandom(hashSeed(size.seed)),
    account: makeAccountFactory(server),
    async companyId(slug) {
      let id = companies.get(slug);
      if (!id) {
        const { rows } = await server.services.db.query<{ id: string }>(
          'SELECT id FROM companies WHERE slug = $1',
          [slug],
        );
        id = rows[0]!.id;
        companies.set(slug, id);
      }
      return id;
    },
  };
}

/** The reasons bot_events gave for a persona's accounts, most frequent first: what caught it. */
async function reasonsFor(server: SimulationServer, accountIds: readonly string[]): Promise<string[]> {
  const { keys, clock, db } = server.services;
  const tags = accountIds.map((id) => accountTagOf(keys, clock.now(), id)).filter((tag) => tag !== null);
  const { rows } = await db.query<{ reason: string; n: number }>(
    `SELECT reason, count(*)::int AS n FROM bot_events, unnest(reasons) AS reason
      WHERE account_tag = ANY($1) GROUP BY reason ORDER BY n DESC, reason LIMIT 5`,
    [tags],
  );
  return rows.map((row) => `${row.reason} ×${row.n}`);
}

function hashSeed(seed: string): number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
