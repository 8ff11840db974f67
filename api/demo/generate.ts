// generateDemoData(): a believable forum — 40 fictional companies, their people, threads and replies
// in English and Chinese, salary reports — deterministic from a seed, written through the API's
// rules (aliases, author links, receipts, reporter tags) with bulk inserts.
//
// Time. The generator is handed a ManualClock whose now() is the end of the span. It winds the
// clock back to the span's start and walks forward week by week, setting the clock to each post's
// and report's moment before linking it, so every link is made with the key of its own day, as the
// API would have made it then. The key store must therefore reach back to the span's start: open it
// with KeyStore.open(dir, chainSpecs(config), clock, { genesis: demoSpan(clock.now(), days).start })
// on a fresh store. After each week is committed the clock stands at the week's end and the optional
// onWeek(weekEnd) is awaited (npm start runs the ETL there, so the warehouse is built while the
// author links still live, as it would have been in real life). At the end the clock is back at
// the span's end. Without onWeek, writing week n overlaps with generating week n + 1.
//
// Writing. Each week is linked (api/demo/links.ts) as soon as it is built, then written as one
// transaction of unnest INSERTs through the Db (PGlite and PostgreSQL alike). Given
// deps.databaseUrl (the same PostgreSQL database) and no onWeek, the weeks go instead to the link
// worker (api/demo/link-worker.ts), a thread that links them while this one builds the next week
// and writes the whole run as one COPY transaction on a connection of its own
// (api/demo/bulk-load.ts), making the secondary indexes and foreign keys after the load when the
// tables were empty.
//
// Same seed (and same key store) → the same companies, people, ids, titles, bodies, alias words
// and salary figures. Ciphertexts, receipts and the password hash are fresh each run.
import { dirname } from 'node:path';
import type { ManualClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/index.ts';
import { newId } from '../ids.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { periodIndex, periodStart } from '../keys/periods.ts';
import type { Secrets } from '../secrets.ts';
import { AccountWriter, unusablePasswordHash } from './accounts.ts';
import { assertSameDatabase, type BulkLoadReport } from './bulk-load.ts';
import { ClimateBook, chooseEvents } from './climate.ts';
import { type Company, makeCompanies } from './companies.ts';
import { ForumWriter, type ThreadState } from './forum.ts';
import { LinkWorker } from './link-worker-client.ts';
import { Linker, type PendingWeek, weekInOrder } from './links.ts';
import { Crowd, makePeople } from './people.ts';
import {
  planSalaryCounts,
  planThreads,
  postingTime,
  replyTimes,
  type ThreadPlan,
  weekOf,
  weeksOf,
} from './plan.ts';
import { Prng } from './prng.ts';
import { ReporterPicker } from './salaries.ts';
import { SalaryWriter } from './salary-reports.ts';
import { Timeline } from './timeline.ts';

import { DemoSetupError, missingKey } from './setup-error.ts';

export { DemoSetupError } from './setup-error.ts';

const DAY = 86_400_000;
/** Happenings between two turns of the event loop while a week is built. */
const YIELD_EVERY = 200;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
export const DEMO_DEFAULT_DAYS = 730;
export const DEMO_DEFAULT_SEED = 'watercooler';

export interface DemoDeps {
  db: Db;
  keys: KeyStore;
  clock: ManualClock;
  config: Pick<Config, 'authorLinkDays' | 'minEmployerCrowd' | 'etlGraceDays'>;
  secrets: Pick<Secrets, 'EMAIL_HASH_SECRET'>;
  /** The PostgreSQL URL of `db`'s database: enables the COPY path when there is no onWeek. */
  databaseUrl?: string;
}

export interface DemoProgress {
  phase: 'setup' | 'writing' | 'done';
  /** Posts + salary reports written so far (setup: 0 or 1); the COPY path commits them all at the end. */
  done: number;
  total: number;
}

export interface DemoOptions {
  /** Posts (opening posts + replies); default 20,000. */
  posts?: number;
  /** Salary reports; default posts / 5. */
  salaries?: number;
  /** Accounts; default enough for the posts and salaries (at least 200). */
  accounts?: number;
  seed?: string | number;
  /** Length of the span ending at the clock's now; default 730 (two years). */
  days?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
  onWeek?: (weekEnd: Date) => Promise<void> | void;
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoSummary {
  seed: string;
  start: Date;
  end: Date;
  weeks: number;
  companies: number;
  accounts: number;
  threads: number;
  posts: number;
  aliases: number;
  salaries: number;
  events: {
    layoff: { companyId: string; slug: string; start: Date; end: Date };
    payRise: { companyId: string; slug: string; at: Date; raise: number };
  };
  timings: {
    totalMs: number;
    /** Time spent building rows (PRNG, texts, crypto). */
    generateMs: number;
    /** Time spent waiting for the database (and onWeek). */
    waitMs: number;
    /** COPY path: making the deferred indexes and foreign keys again, and the commit. */
    finishMs: number;
    /** COPY path: the three slowest of those statements. */
    slowestFinish: { name: string; ms: number }[];
  };
  /** How rows were written: unnest INSERTs per week, or COPY in one transaction. */
  writer: 'unnest' | 'copy';
  /** Secondary indexes and foreign keys made after the load (COPY path on empty tables). */
  deferred: number;
}

/** The span a run covers: `days` whole UTC days ending at `now`. Open the key store at `start`. */
export function demoSpan(now: Date, days = DEMO_DEFAULT_DAYS): { start: Date; end: Date } {
  const start = periodStart('day', periodIndex('day', new Date(now.getTime() - days * DAY)));
  return { start, end: new Date(now) };
}

interface Resolved {
  posts: number;
  salaries: number;
  accounts: number;
  seed: string;
  days: number;
  batchSize: number;
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}; got ${value}.`);
  return value;
}

function resolve(options: DemoOptions): Resolved {
  const posts = wholeNumber('posts', options.posts ?? 20_000, 0, 100_000_000);
  const salaries = wholeNumber('salaries', options.salaries ?? Math.round(posts / 5), 0, 100_000_000);
  const accounts = wholeNumber(
    'accounts',
    options.accounts ?? Math.max(200, Math.ceil(posts / 8), Math.ceil(salaries * 0.9)),
    1,
    100_000_000,
  );
  return {
    posts,
    salaries,
    accounts,
    seed: String(options.seed ?? DEMO_DEFAULT_SEED),
    days: wholeNumber('days', options.days ?? DEMO_DEFAULT_DAYS, 7, 3650),
    batchSize: wholeNumber('batchSize', options.batchSize ?? 5000, 1, 100_000),
  };
}

type Happening =
  | { at: number; kind: 0; plan: ThreadPlan }
  | { at: number; kind: 1; thread: ThreadState }
  | { at: number; kind: 2 };

export async function generateDemoData(deps: DemoDeps, options: DemoOptions = {}): Promise<DemoSummary> {
  const opts = resolve(options);
  const end = deps.clock.now();
  try {
    return await generate(deps, options, opts);
  } catch (error) {
    // Whatever failed, the caller's clock is back where it was.
    deps.clock.set(end);
    throw error;
  }
}

async function generate(deps: DemoDeps, options: DemoOptions, opts: Resolved): Promise<DemoSummary> {
  const began = performance.now();
  const { db, keys, clock, config, secrets } = deps;
  const progress = options.onProgress ?? (() => {});
  const total = opts.posts + opts.salaries;
  progress({ phase: 'setup', done: 0, total: 1 });

  const { start: startDate, end: endDate } = demoSpan(clock.now(), opts.days);
  const start = startDate.getTime();
  const end = endDate.getTime();
  // The keys must exist "as of" the span's start.
  clock.set(start);
  for (const chain of ['author', 'salary'] as const) {
    if (!keys.key(chain, startDate)) throw missingKey(chain, startDate);
  }

  const root = new Prng(opts.seed);
  const ids = root.fork('ids');
  const idFrom = (stream: Prng) => newId(stream.random);
  const companies = makeCompanies(ids, idFrom);
  const events = chooseEvents(root.fork('events'), companies, start, end);
  const people = makePeople(root.fork('people'), ids, idFrom, companies, opts.accounts, start, end);
  const crowd = new Crowd(people, companies.length);
  const weeks = weeksOf(start, end);
  const threadPlans = planThreads(
    root.fork('threads'),
    weeks,
    companies,
    new ClimateBook(events, companies),
    opts.posts,
  );
  const salaryCounts = planSalaryCounts(weeks, crowd, opts.salaries);

  const copyPath = deps.databaseUrl && db.kind === 'pg' && !options.onWeek ? deps.databaseUrl : null;
  if (copyPath) await assertSameDatabase(copyPath, db);
  await refuseReusedSeed(db, people.ids.slice(0, 50));
  await writeCompanies(db, companies, startDate);
  const accounts = new AccountWriter(
    people,
    companies,
    secrets.EMAIL_HASH_SECRET,
    await unusablePasswordHash(),
  );
  const forum = new ForumWriter({
    keys,
    authorLinkDays: config.authorLinkDays,
    minEmployerCrowd: config.minEmployerCrowd,
    people,
    companies,
    crowd,
    prng: root.fork('forum'),
    ids,
  });
  const salaryWriter = new SalaryWriter({
    people,
    companies,
    events,
    reporters: new ReporterPicker(crowd),
    spanStart: start,
    prng: root.fork('salaries'),
    ids,
  });
  const timing = root.fork('timing');
  progress({ phase: 'setup', done: 1, total: 1 });

  const replies: { at: number; thread: ThreadState }[][] = weeks.map(() => []);
  const counts = { threads: 0, posts: 0, aliases: 0, salaries: 0 };
  let carriedSalaries = 0;
  let generateMs = 0;
  let waitMs = 0;
  let pending: Promise<void> | null = null;

  // Started after the companies are committed: its transaction locks the tables it fills.
  const linkWorker = copyPath ? await startLinkWorker(deps, copyPath, opts.batchSize) : null;
  const linker = new Linker(keys, clock);
  let written = 0;
  const countWritten = (posts: number, salaries: number) => {
    written += posts + salaries;
    progress({ phase: 'writing', done: written, total });
  };
  /** Links the week now (the clock is free: the next happening sets it again), writes it later. */
  const linkAndWrite = (week: PendingWeek): (() => Promise<void>) => {
    const rows = linker.link(week);
    return () =>
      db.transaction(async (tx) => {
        // Demo rows can be made again: no need to wait for the WAL flush at each weekly commit.
        await tx.query('SET LOCAL synchronous_commit = off');
        for (const set of weekInOrder(rows)) await set.write(tx, opts.batchSize);
      });
  };
  const write = async (week: PendingWeek, send: () => Promise<void>) => {
    await send();
    countWritten(week.posts.id.length, week.salaries.id.length);
  };
  const wait = async (promise: unknown) => {
    const from = performance.now();
    await promise;
    waitMs += performance.now() - from;
  };

  try {
    progress({ phase: 'writing', done: 0, total });
    for (const week of weeks) {
      const from = performance.now();
      const timeline = new Timeline<Happening>();
      for (const plan of threadPlans[week.index]!) timeline.push({ at: plan.at, kind: 0, plan });
      for (const reply of replies[week.index]!)
        timeline.push({ at: reply.at, kind: 1, thread: reply.thread });
      const salaryCount = salaryCounts[week.index]! + carriedSalaries;
      for (let i = 0; i < salaryCount; i++)
        timeline.push({ at: postingTime(timing, week.start, week.end), kind: 2 });
      threadPlans[week.index] = [];
      replies[week.index] = [];
      carriedSalaries = 0;

      let sinceYield = 0;
      for (let happening = timeline.pop(); happening; happening = timeline.pop()) {
        // Let the previous week's statements reach the database while this week is built.
        if (++sinceYield === YIELD_EVERY) {
          sinceYield = 0;
          await yieldToEventLoop();
        }
        clock.set(happening.at);
        if (happening.kind === 0) {
          const thread = forum.open(happening.plan);
          counts.threads++;
          for (const at of replyTimes(timing, happening.plan, end)) {
            const index = weekOf(weeks, at);
            // A reply later this same week joins this week's timeline; later ones wait in their week.
            if (index === week.index) timeline.push({ at, kind: 1, thread });
            else replies[index]!.push({ at, thread });
          }
        } else if (happening.kind === 1) {
          forum.reply(happening.thread, happening.at);
        } else if (salaryWriter.report(happening.at)) {
          counts.salaries++;
        } else {
          carriedSalaries++;
        }
      }
      accounts.joinUntil(week.end);
      const forumWeek = forum.takeWeek();
      counts.posts += forumWeek.postCount;
      counts.aliases += forumWeek.aliases.length;
      const built: PendingWeek = {
        accounts: accounts.take(),
        newThreads: forumWeek.newThreads,
        threadUpdates: forumWeek.threadUpdates,
        aliases: forumWeek.aliases,
        posts: forumWeek.posts,
        salaries: salaryWriter.take(),
      };
      const send = linkWorker ? () => linkWorker.write(built) : linkAndWrite(built);
      generateMs += performance.now() - from;

      await wait(pending);
      if (options.onWeek) {
        await wait(write(built, send));
        clock.set(week.end);
        await wait(options.onWeek(new Date(week.end)));
      } else {
        pending = write(built, send);
        // Awaited before the next week is written; this only keeps an early failure from being "unhandled".
        pending.catch(() => {});
      }
    }
    await wait(pending);
  } catch (error) {
    // Never leave a week's transaction running behind the caller's back.
    await pending?.catch(() => {});
    await linkWorker?.abort();
    throw error;
  }
  const finished: BulkLoadReport = linkWorker
    ? await linkWorker.finish()
    : { deferred: 0, finishMs: 0, slowest: [] };
  clock.set(end);
  progress({ phase: 'done', done: written, total });

  const layoffCompany = companies[events.layoff.company]!;
  const raiseCompany = companies[events.payRise.company]!;
  return {
    seed: opts.seed,
    start: startDate,
    end: endDate,
    weeks: weeks.length,
    companies: companies.length,
    accounts: accounts.written,
    threads: counts.threads,
    posts: counts.posts,
    aliases: counts.aliases,
    salaries: counts.salaries,
    events: {
      layoff: {
        companyId: layoffCompany.id,
        slug: layoffCompany.slug,
        start: new Date(events.layoff.start),
        end: new Date(events.layoff.end),
      },
      payRise: {
        companyId: raiseCompany.id,
        slug: raiseCompany.slug,
        at: new Date(events.payRise.at),
        raise: events.payRise.raise,
      },
    },
    timings: {
      totalMs: performance.now() - began,
      generateMs,
      waitMs,
      finishMs: finished.finishMs,
      slowestFinish: finished.slowest,
    },
    writer: linkWorker ? 'copy' : 'unnest',
    deferred: finished.deferred,
  };
}

function startLinkWorker(deps: DemoDeps, databaseUrl: string, batchSize: number): Promise<LinkWorker> {
  return LinkWorker.start({
    keystoreDir: dirname(deps.keys.path),
    authorLinkDays: deps.config.authorLinkDays,
    etlGraceDays: deps.config.etlGraceDays,
    databaseUrl,
    batchSize,
  });
}

async function refuseReusedSeed(db: Queryable, firstIds: string[]): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM accounts WHERE id = ANY($1::text[])',
    [firstIds],
  );
  if (rows[0]!.n > 0)
    throw new DemoSetupError(
      'this database already holds demo data made from this seed: choose another seed.',
    );
}

/** Companies and their domains; a company whose slug already exists is reused as it is. */
async function writeCompanies(db: Db, companies: Company[], createdAt: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO companies (id, slug, name, created_at)
       SELECT u.id, u.slug, u.name, $4::timestamptz FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, slug, name)
       ON CONFLICT (slug) DO NOTHING`,
      [
        companies.map((c) => c.id),
        companies.map((c) => c.slug),
        companies.map((c) => c.name),
        createdAt.toISOString(),
      ],
    );
    const { rows } = await tx.query<{ id: string; slug: string }>(
      'SELECT id, slug FROM companies WHERE slug = ANY($1::text[])',
      [companies.map((c) => c.slug)],
    );
    const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
    for (const company of companies) company.id = bySlug.get(company.slug)!;
    const domains = companies.flatMap((c) => c.domains.map((domain) => [domain, c.id] as const));
    await tx.query(
      `INSERT INTO company_domains (domain, company_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (domain) DO NOTHING`,
      [domains.map(([d]) => d), domains.map(([, id]) => id)],
    );
  });
}
