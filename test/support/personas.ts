// Clients for the scraper-defence tests: the header sets real clients send (browsers, our apps,
// HTTP libraries, spoofers), accounts made directly in SQL with a session, and a small client that
// drives app.inject() from a given address and tallies what happened to it.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../api/clock.ts';
import { DAY_MS } from '../../api/clock.ts';
import type { Db } from '../../api/db/index.ts';
import { createSession } from '../../api/identity/sessions.ts';
import { newId } from '../../api/ids.ts';

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** Header sets in the order each client sends them (order is evidence too). */
export const HEADERS = {
  /** Chrome 124 on Windows, fetch() from the web client. */
  chrome: {
    connection: 'keep-alive',
    'sec-ch-ua-platform': '"Windows"',
    'user-agent': CHROME_UA,
    'sec-ch-ua': '"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"',
    'sec-ch-ua-mobile': '?0',
    accept: 'application/json',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'sec-fetch-dest': 'empty',
    referer: 'https://watercooler.example/',
    'accept-encoding': 'gzip, deflate, br, zstd',
    'accept-language': 'en-GB,en;q=0.9',
  },
  /** Firefox 125 on Linux. */
  firefox: {
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    accept: 'application/json',
    'accept-language': 'zh-CN,zh;q=0.8,en-US;q=0.5,en;q=0.3',
    'accept-encoding': 'gzip, deflate, br',
    referer: 'https://watercooler.example/',
    connection: 'keep-alive',
    'sec-fetch-dest': 'empty',
    'sec-fetch-mode': 'cors',
    'sec-fetch-site': 'same-origin',
  },
  /** The Watercooler iOS app (URLSession through Alamofire). */
  mobileApp: {
    accept: 'application/json',
    'accept-language': 'en-GB;q=1.0, zh-Hans-GB;q=0.9',
    'accept-encoding': 'br;q=1.0, gzip;q=0.9, deflate;q=0.8',
    'user-agent': 'Watercooler/3.2.0 (com.watercooler.app; build:412; iOS 17.4.1) Alamofire/5.9.1',
  },
  /** python-requests with its defaults. */
  pythonRequests: {
    'user-agent': 'python-requests/2.31.0',
    'accept-encoding': 'gzip, deflate',
    accept: '*/*',
    connection: 'keep-alive',
  },
  /** python-requests wearing Chrome's UA and a language, but none of Chrome's other headers. */
  chromeSpoofNoHints: {
    'user-agent': CHROME_UA,
    'accept-encoding': 'gzip, deflate',
    accept: '*/*',
    connection: 'keep-alive',
    'accept-language': 'en-US,en;q=0.9',
  },
} as const satisfies Record<string, Record<string, string>>;

export type HeaderSet = Record<string, string>;

export interface TestAccount {
  id: string;
  token: string;
}

/** An account made directly in SQL, with a live session. */
export async function createAccount(
  db: Db,
  clock: Clock,
  options: {
    memberKind?: 'employee' | 'verified' | 'member';
    companyId?: string | null;
    ageDays?: number;
  } = {},
): Promise<TestAccount> {
  const id = newId();
  const createdOn = new Date(clock.now().getTime() - (options.ageDays ?? 200) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  await db.query(
    `INSERT INTO accounts (id, email_hash, password_hash, member_kind, company_id, created_on)
     VALUES ($1, $2, 'not-a-real-hash', $3, $4, $5::date)`,
    [id, randomBytes(32), options.memberKind ?? 'employee', options.companyId ?? null, createdOn],
  );
  const { token } = await createSession(db, clock, id, 24 * 30);
  return { id, token };
}

/** Many accounts in one round trip per kind (the 300 colleagues). */
export async function createAccounts(
  db: Db,
  clock: Clock,
  count: number,
  options: Parameters<typeof createAccount>[2] & { ageDaysOf?: (i: number) => number } = {},
): Promise<TestAccount[]> {
  const accounts: TestAccount[] = [];
  for (let i = 0; i < count; i++)
    accounts.push(
      await createAccount(db, clock, { ...options, ageDays: options.ageDaysOf?.(i) ?? options.ageDays }),
    );
  return accounts;
}

/** Threads made directly in SQL, newest activity first by index; returns their ids. */
export async function createThreads(db: Db, clock: Clock, count: number, companyId: string | null = null) {
  const ids: string[] = [];
  const now = clock.now().getTime();
  for (let i = 0; i < count; i++) {
    const id = newId();
    const at = new Date(now - (i + 1) * 10 * 60_000);
    await db.query(
      `INSERT INTO threads (id, company_id, title, created_at, last_post_at, post_count) VALUES ($1, $2, $3, $4, $4, 1)`,
      [id, companyId, `Thread number ${i + 1}`, at],
    );
    ids.push(id);
  }
  return ids;
}

export interface Tally {
  requests: number;
  threadsRead: number;
  challenged: number;
  blocked: number;
  rateLimited: number;
  statuses: Record<number, number>;
}

/** One client: fixed headers, a session or none, and an address (fixed or rotating). */
export class PersonaClient {
  readonly tally: Tally = {
    requests: 0,
    threadsRead: 0,
    challenged: 0,
    blocked: 0,
    rateLimited: 0,
    statuses: {},
  };
  pass: string | undefined;

  constructor(
    readonly app: FastifyInstance,
    readonly headers: HeaderSet,
    readonly address: () => string,
    public token?: string,
  ) {}

  async request(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.pass) headers['x-watercooler-pass'] = this.pass;
    const response = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.address(),
      ...(payload ? { payload } : {}),
    });
    this.tally.requests++;
    this.tally.statuses[response.statusCode] = (this.tally.statuses[response.statusCode] ?? 0) + 1;
    if (response.statusCode === 429) this.tally.rateLimited++;
    if (response.statusCode === 403) {
      const code = response.json().error?.code;
      if (code === 'CHALLENGE_REQUIRED') this.tally.challenged++;
      if (code === 'BLOCKED') this.tally.blocked++;
    }
    return response;
  }

  /** Opens a thread; counts it as read when it was served. */
  async read(threadId: string): Promise<LightMyRequestResponse> {
    const response = await this.request('GET', `/v1/threads/${threadId}`);
    if (response.statusCode === 200) this.tally.threadsRead++;
    return response;
  }

  /** Stopped = refused with a challenge or a block (a 429 only slows a client down). */
  get stopped(): boolean {
    return this.tally.challenged + this.tally.blocked > 0;
  }
}

/** A fixed address. */
export const at = (ip: string) => () => ip;

/** A new /24 for every request, like a pool of residential proxies. */
export function rotatingPrefixes(): () => string {
  let n = 0;
  return () => {
    n++;
    return `100.${64 + ((n >> 8) & 63)}.${n & 255}.${1 + (n % 200)}`;
  };
}

/** A deterministic pseudo-random generator (mulberry32) so simulations repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface CrawlOptions {
  /** Milliseconds to wait before each thread view. */
  gap: () => number;
  /** Stop after this many thread views served. */
  maxReads: number;
  /** Smart scrapers skip items flagged "placeholder"; naive ones open everything. */
  skipPlaceholders: boolean;
  /** Which listing pages to walk (default 1…10). */
  pages?: number;
}

/**
 * A scraper's loop: walk the listing page by page and open every thread on it, waiting out 429s
 * (Retry-After) and giving up at the first challenge or block.
 */
export async function crawlListing(
  client: PersonaClient,
  clock: { advance(ms: number): void },
  options: CrawlOptions,
) {
  const lastPage = options.pages ?? 10;
  for (let page = 1; page <= lastPage; page++) {
    const listing = await retryAfter429(clock, () => client.request('GET', `/v1/threads?page=${page}`));
    if (listing.statusCode !== 200) return;
    const { items, nextPage } = listing.json() as {
      items: { id: string; kind: string }[];
      nextPage: number | null;
    };
    for (const item of items) {
      if (options.skipPlaceholders && item.kind === 'placeholder') continue;
      clock.advance(options.gap());
      const response = await retryAfter429(clock, () => client.read(item.id));
      if (client.stopped || response.statusCode !== 200) return;
      if (client.tally.threadsRead >= options.maxReads) return;
    }
    if (nextPage === null) return;
  }
}

async function retryAfter429(
  clock: { advance(ms: number): void },
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  let response = await send();
  for (let attempt = 0; response.statusCode === 429 && attempt < 50; attempt++) {
    clock.advance((Number(response.headers['retry-after'] ?? 1) + 1) * 1000);
    response = await send();
  }
  return response;
}
