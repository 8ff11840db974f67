// People: browser readers with log-normal think times (some of them writers with habits), mobile
// app users moving between Wi-Fi and carrier networks, 300 colleagues behind one office NAT with
// one browser build, and a power user who reads a lot. Each reads in sessions: a listing, then
// threads (popular ones more often, some read again), sometimes a reply. Their clients do what the
// web client and the apps do: wait out a 429, solve a challenge, and give up for a while if blocked.
import { createHash } from 'node:crypto';
import { solveChallenge } from '../../../api/protection/solve-challenge.ts';
import { HEADERS, type HeaderSet } from '../../support/personas.ts';
import { listingPath } from '../crawler.ts';
import { addressInPrefix, BROWSER_HEADER_SETS } from '../header-sets.ts';
import { type Answer, errorCode, retryAfterSeconds, SimClient } from '../http-client.ts';
import { HOUR, logNormal, MINUTE, pick, uniform } from '../pacing.ts';
import type { PersonaRun, SimContext } from '../persona.ts';
import type { Actor } from '../scheduler.ts';
import { Tally } from '../tally.ts';
import type { AuthorshipLedger, Writer } from '../writing-style.ts';

const GENERIC_REPLIES = [
  'Same here, thanks for asking.',
  'Interesting, I had not heard that.',
  'We saw something similar last year.',
  'Following this thread.',
];

interface Habits {
  /** Sessions in the day, each [from, to) hour of the simulated day to start in. */
  sessions: number;
  hours: [number, number];
  readsPerSession: [number, number];
  thinkMedianMs: number;
  /** Chance of replying after a read. */
  writeChance: number;
  /** Listing pages a session may go down to. */
  maxListingPages: number;
  /** The board this person reads ("" = every board). */
  scope: string;
}

const sha256 = (input: string) => createHash('sha256').update(input).digest();

/** One person: session after session; one request per act. */
class Person implements Actor {
  #plan: ('list' | 'read')[] = [];
  #threads: string[] = [];
  #cursor: string | null = null;
  #sessionStarts: number[];

  constructor(
    readonly ctx: SimContext,
    readonly client: SimClient,
    readonly habits: Habits,
    readonly random: () => number,
    readonly onNewSession: (client: SimClient) => void = () => {},
    readonly writer: { writer: Writer; ledger: AuthorshipLedger } | null = null,
  ) {
    const [from, to] = habits.hours;
    this.#sessionStarts = Array.from(
      { length: habits.sessions },
      () => ctx.start + uniform(random, from * HOUR, to * HOUR),
    ).sort((a, b) => a - b);
  }

  get firstAt(): number {
    return this.#sessionStarts[0]!;
  }

  async act(now: number): Promise<number | null> {
    if (this.#plan.length === 0) {
      this.#sessionStarts.shift();
      this.onNewSession(this.client);
      const [low, high] = this.habits.readsPerSession;
      const reads = Math.round(uniform(this.random, low, high));
      const pages = 1 + Math.floor(this.random() * this.habits.maxListingPages);
      this.#plan = [];
      for (let page = 0; page < pages; page++) {
        this.#plan.push('list');
        for (let i = 0; i < Math.ceil(reads / pages); i++) this.#plan.push('read');
      }
      this.#cursor = null;
    }
    const step = this.#plan[0]!;
    const answer = step === 'list' ? await this.#list() : await this.#read();
    const wait = await this.#handleRefusal(answer, now);
    if (wait !== null) return wait;
    this.#plan.shift();
    if (this.#plan.length > 0)
      return (
        now +
        (step === 'list' ? logNormal(this.random, 8_000) : logNormal(this.random, this.habits.thinkMedianMs))
      );
    return this.#sessionStarts.length > 0 ? Math.max(now + MINUTE, this.#sessionStarts[0]!) : null;
  }

  async #list(): Promise<Answer> {
    const answer = await this.client.request('GET', listingPath(this.habits.scope, this.#cursor));
    if (answer.status === 200) {
      const ids = (answer.body.items as { id: string; kind: string }[])
        .filter((item) => item.kind === 'thread')
        .map((item) => item.id);
      this.#threads = [...ids, ...this.#threads].slice(0, 200);
      this.#cursor = answer.body.nextCursor;
    }
    return answer;
  }

  async #read(): Promise<Answer> {
    if (this.#threads.length === 0) return { status: 200, headers: {}, body: null };
    // Popular (top of the listing) threads more often; people come back to some.
    const id = this.#threads[Math.floor(this.#threads.length * this.random() ** 2)]!;
    const answer = await this.client.readThread(id);
    if (answer.status === 200 && this.random() < this.habits.writeChance) await this.#reply(id);
    return answer;
  }

  async #reply(threadId: string): Promise<void> {
    const body = this.writer ? this.writer.writer.write(this.random) : pick(this.random, GENERIC_REPLIES);
    const answer = await this.client.request('POST', `/v1/threads/${threadId}/posts`, { body });
    if (answer.status === 201 && this.writer) this.writer.ledger.set(answer.body.id, this.writer.writer.name);
  }

  /** null: go on; otherwise when to try the same step again. */
  async #handleRefusal(answer: Answer, now: number): Promise<number | null> {
    if (answer.status === 429) return now + retryAfterSeconds(answer) * 1000 + 1000;
    const code = errorCode(answer);
    if (code === 'CHALLENGE_REQUIRED') {
      const solution = await solveChallenge(answer.body.error.challenge, { sha256, batch: 4096 });
      const pass = await this.client.request('POST', '/v1/challenge', {
        token: solution.token,
        nonce: solution.nonce,
      });
      if (pass.status === 200) this.client.pass = pass.body.pass;
      return now + 2000;
    }
    if (code === 'BLOCKED') {
      this.#plan = [];
      return this.#sessionStarts.length > 0 ? Math.max(now + HOUR, this.#sessionStarts[0]!) : null;
    }
    return null;
  }
}

function personaOf(name: string, people: Person[], tally: Tally): PersonaRun {
  return {
    name,
    kind: 'human',
    tally,
    starts: people.map((person) => ({ at: person.firstAt, actor: person })),
  };
}

export async function browserReaders(
  ctx: SimContext,
  count: number,
  writers: { writers: Writer[]; ledger: AuthorshipLedger },
): Promise<PersonaRun> {
  const tally = new Tally();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const slug = pick(ctx.random, ctx.server.corpus.companySlugs);
    const account = await ctx.account({
      memberKind: 'employee',
      companyId: await ctx.companyId(slug),
      ageDays: uniform(ctx.random, 20, 900),
    });
    const headers = BROWSER_HEADER_SETS[i % BROWSER_HEADER_SETS.length]!;
    const client = new SimClient(ctx.transport, tally, headers, addressInPrefix(81, i), account.token);
    const writer = writers.writers[i];
    people.push(
      new Person(
        ctx,
        client,
        {
          sessions: uniform(ctx.random, 2, 4),
          hours: [7, 23],
          readsPerSession: [4, 15],
          thinkMedianMs: 45_000,
          writeChance: writer ? 0.3 : 0.06,
          maxListingPages: 2,
          scope: ctx.random() < 0.5 ? `company=${slug}` : '',
        },
        ctx.random,
        undefined,
        writer ? { writer, ledger: writers.ledger } : null,
      ),
    );
  }
  return personaOf(`${count} browser readers (log-normal think times)`, people, tally);
}

export async function mobileAppUsers(ctx: SimContext, count: number): Promise<PersonaRun> {
  const tally = new Tally();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const account = await ctx.account({ memberKind: 'verified', ageDays: uniform(ctx.random, 10, 400) });
    const home = addressInPrefix(82, i);
    const client = new SimClient(ctx.transport, tally, HEADERS.mobileApp, home, account.token);
    // Home Wi-Fi or the carrier's CGNAT, a different /24 from one session to the next.
    const moveNetworks = (c: SimClient) => {
      c.address =
        ctx.random() < 0.4 ? home : addressInPrefix(100, 4096 + Math.floor(ctx.random() * 4096), 77);
    };
    people.push(
      new Person(
        ctx,
        client,
        {
          sessions: uniform(ctx.random, 5, 9),
          hours: [6, 24],
          readsPerSession: [2, 7],
          thinkMedianMs: 25_000,
          writeChance: 0.05,
          maxListingPages: 1,
          scope: '',
        },
        ctx.random,
        moveNetworks,
      ),
    );
  }
  return personaOf(`${count} mobile app users (Wi-Fi and carrier)`, people, tally);
}

export async function officeColleagues(ctx: SimContext, count: number): Promise<PersonaRun> {
  const tally = new Tally();
  const slug = ctx.server.corpus.companySlugs[0]!;
  const companyId = await ctx.companyId(slug);
  const people: Person[] = [];
  // One corporate browser build; the NAT spreads people over four addresses of one /24.
  const headers: HeaderSet = HEADERS.chrome;
  for (let i = 0; i < count; i++) {
    const account = await ctx.account({
      memberKind: 'employee',
      companyId,
      ageDays: i < 10 ? 2 : uniform(ctx.random, 10, 400),
    });
    const client = new SimClient(ctx.transport, tally, headers, `203.0.113.${10 + (i % 4)}`, account.token);
    people.push(
      new Person(
        ctx,
        client,
        {
          sessions: uniform(ctx.random, 2, 5),
          hours: [8.5, 18.5],
          readsPerSession: [3, 10],
          thinkMedianMs: 40_000,
          writeChance: 0.05,
          maxListingPages: 1,
          scope: ctx.random() < 0.7 ? `company=${slug}` : '',
        },
        ctx.random,
      ),
    );
  }
  return personaOf(`${count} colleagues behind one office NAT`, people, tally);
}

export async function powerUser(ctx: SimContext): Promise<PersonaRun> {
  const tally = new Tally();
  const account = await ctx.account({ memberKind: 'employee', ageDays: 800 });
  const client = new SimClient(ctx.transport, tally, HEADERS.firefox, '192.0.2.56', account.token);
  const person = new Person(
    ctx,
    client,
    {
      sessions: 7,
      hours: [7, 23.5],
      readsPerSession: [15, 30],
      thinkMedianMs: 60_000,
      writeChance: 0.04,
      maxListingPages: 4,
      scope: '',
    },
    ctx.random,
  );
  return personaOf('power user (reads a lot)', [person], tally);
}
