// Scrapers against the full protection stack over HTTP, with the clock moved by the simulation:
// each must be stopped (challenged or blocked) before it has read a set number of threads, and
// the bot_events rows must name the signals that caught it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountTagOf } from '../../../api/protection/client-identity.ts';
import {
  at,
  crawlListing,
  createAccount,
  createThreads,
  HEADERS,
  PersonaClient,
  rotatingPrefixes,
  seededRandom,
  type TestAccount,
} from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('scrapers are stopped', () => {
  let t: ProtectedApp;
  beforeAll(async () => {
    t = await openProtectedApp();
    await createThreads(t.services.db, t.services.clock, 520);
  });
  afterAll(async () => {
    await t.close();
  });
  const random = seededRandom(7);

  /** Reasons in the bot_events rows of one account (as its month tag). */
  async function reasonsOf(account: TestAccount): Promise<string[]> {
    await t.app.protection.flushEvents();
    const tag = accountTagOf(t.services.keys, t.services.clock.now(), account.id);
    const { rows } = await t.services.db.query<{ reason: string }>(
      'SELECT DISTINCT unnest(reasons) AS reason FROM bot_events WHERE account_tag = $1 ORDER BY 1',
      [tag],
    );
    return rows.map((row) => row.reason);
  }

  it('a python-requests scraper is blocked before its first thread', async () => {
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'member',
      ageDays: 1,
    });
    const client = new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.10'), account.token);
    await crawlListing(client, t.services.clock, { gap: () => 1000, maxReads: 500, skipPlaceholders: true });
    expect(client.tally.blocked).toBe(1);
    expect(client.tally.threadsRead).toBe(0);
    expect(await reasonsOf(account)).toEqual(
      expect.arrayContaining(['bot-user-agent', 'missing-accept-language', 'library-header-order']),
    );
  });

  it('a Chrome-UA spoofer without client hints is challenged before its first thread', async () => {
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 40,
    });
    const client = new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.20'), account.token);
    await crawlListing(client, t.services.clock, { gap: () => 3000, maxReads: 500, skipPlaceholders: true });
    expect(client.tally.challenged).toBe(1);
    expect(client.tally.threadsRead).toBe(0);
    expect(await reasonsOf(account)).toEqual(
      expect.arrayContaining(['chrome-without-client-hints', 'browser-without-sec-fetch']),
    );
  });

  it('a full-header spoofer rotating prefixes is stopped before 30 threads', async () => {
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 60,
    });
    const client = new PersonaClient(t.app, HEADERS.chrome, rotatingPrefixes(), account.token);
    await crawlListing(client, t.services.clock, {
      gap: () => 1500 + random() * 2500,
      maxReads: 500,
      skipPlaceholders: true,
    });
    expect(client.stopped).toBe(true);
    expect(client.tally.threadsRead).toBeLessThan(30);
    expect(await reasonsOf(account)).toContain('network-hopping');
  });

  it('five sybil accounts behind one client are stopped before 10 threads between them', async () => {
    const sybils: TestAccount[] = [];
    const clients: PersonaClient[] = [];
    for (let i = 0; i < 5; i++) {
      const account = await createAccount(t.services.db, t.services.clock, {
        memberKind: 'member',
        ageDays: 0,
      });
      sybils.push(account);
      clients.push(new PersonaClient(t.app, HEADERS.chrome, at(`203.0.113.${40 + i}`), account.token));
    }
    const listing = await clients[0]!.request('GET', '/v1/threads?page=3');
    const ids = (listing.json().items as { id: string; kind: string }[])
      .filter((item) => item.kind === 'thread')
      .map((item) => item.id);
    let read = 0;
    for (let i = 0; i < ids.length && !clients.some((c) => c.stopped); i++) {
      t.services.clock.advance(20_000 + random() * 40_000);
      if ((await clients[i % 5]!.read(ids[i]!)).statusCode === 200) read++;
    }
    expect(clients.some((c) => c.stopped)).toBe(true);
    expect(read).toBeLessThan(10);
    expect(await reasonsOf(sybils[4]!)).toContain('sybil-accounts');
  });

  it('a slow crawler under every per-minute budget is caught by breadth before 260 threads', async () => {
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 90,
    });
    const client = new PersonaClient(t.app, HEADERS.firefox, at('198.51.100.77'), account.token);
    await crawlListing(client, t.services.clock, {
      gap: () => 35_000 + random() * 30_000,
      maxReads: 500,
      skipPlaceholders: true,
    });
    expect(client.tally.rateLimited).toBe(0);
    expect(client.stopped).toBe(true);
    expect(client.tally.threadsRead).toBeLessThan(260);
    expect(await reasonsOf(account)).toEqual(expect.arrayContaining(['breadth', 'reads-without-writes']));
  });

  /** The listing as an ordinary reader sees it (so the crawler's own behaviour is not touched). */
  async function listingAsObserver(): Promise<{ id: string; kind: string }[]> {
    const observer = await createAccount(t.services.db, t.services.clock, { ageDays: 500 });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('10.99.0.1'), observer.token);
    const items: { id: string; kind: string }[] = [];
    for (let page = 1; page <= 10; page++) {
      t.services.clock.advance(30_000);
      const response = await client.request('GET', `/v1/threads?page=${page}`);
      expect(response.statusCode).toBe(200);
      items.push(...response.json().items);
      if (response.json().nextPage === null) break;
    }
    return items;
  }

  it('a naive crawler that opens placeholder items is blocked at the first canary', async () => {
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 300,
    });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.90'), account.token);
    // Canaries sit at random depths; put one 40 threads down so the crawler meets it before any
    // other limit (breadth, the daily quota) could stop it.
    await t.services.db.query(
      `UPDATE threads SET last_post_at = (
         SELECT last_post_at + interval '1 millisecond' FROM threads
         WHERE NOT is_canary ORDER BY last_post_at DESC LIMIT 1 OFFSET 40)
       WHERE id = (SELECT id FROM threads WHERE is_canary ORDER BY id LIMIT 1)`,
    );
    const listing = await listingAsObserver();
    const firstCanary = listing.findIndex((item) => item.kind === 'placeholder');
    expect(firstCanary).toBeGreaterThanOrEqual(0);
    expect(firstCanary).toBeLessThanOrEqual(40);
    await crawlListing(client, t.services.clock, {
      gap: () => 90_000 + random() * 120_000,
      maxReads: 500,
      skipPlaceholders: false,
    });
    expect(client.tally.blocked).toBe(1);
    expect(client.tally.threadsRead).toBe(firstCanary);
    expect(await reasonsOf(account)).toContain('canary-thread');
    // The mark outlives the request: the account stays blocked on ordinary threads.
    t.services.clock.advance(3_600_000);
    expect((await client.read(listing[0]!.id)).statusCode).toBe(403);
    expect(await reasonsOf(account)).toContain('trap-marked-account');
  });

  it('a crawler that follows robots.txt Disallow lines is blocked from then on', async () => {
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 300,
    });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.91'), account.token);
    const robots = (await client.request('GET', '/robots.txt')).body;
    const honeypots = [...robots.matchAll(/^Disallow: (\/v1\/\S+)$/gm)].map((m) => m[1]!);
    expect(honeypots.length).toBeGreaterThan(0);
    const trap = await client.request('GET', honeypots[0]!);
    expect(trap.statusCode).toBe(404);
    expect(trap.json()).toEqual({
      error: { code: 'NOT_FOUND', message: `There is no GET ${honeypots[0]}.` },
    });
    const listing = await listingAsObserver();
    expect((await client.read(listing.find((item) => item.kind === 'thread')!.id)).statusCode).toBe(403);
    expect(client.tally.threadsRead).toBe(0);
    expect(await reasonsOf(account)).toEqual(expect.arrayContaining(['honeypot', 'trap-marked-account']));
  });

  it('an account that keeps re-reading is stopped by the daily read quota, which resets at midnight UTC', async () => {
    const clock = t.services.clock;
    clock.set(Math.ceil(clock.now().getTime() / 86_400_000) * 86_400_000 + 3_600_000); // 01:00 of a new day
    const account = await createAccount(t.services.db, clock, { ageDays: 300 });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('203.0.113.200'), account.token);
    const ids = (await listingAsObserver()).filter((item) => item.kind === 'thread').slice(0, 5);
    const quota = t.app.protection.policy.readQuota.perAccountPerDay;
    let refused: Awaited<ReturnType<PersonaClient['read']>> | undefined;
    for (let i = 0; i < quota + 5 && !refused; i++) {
      clock.advance(20_000 + random() * 70_000);
      const id = ids[i % ids.length]!.id;
      const response = await client.read(id);
      if (response.statusCode !== 200) refused = response;
      if (i % 40 === 0) await client.request('POST', `/v1/threads/${id}/posts`, {});
    }
    expect(refused?.statusCode).toBe(429);
    expect(refused?.json().error.code).toBe('READ_QUOTA_EXHAUSTED');
    expect(client.tally.threadsRead).toBe(quota);
    const retryAfter = Number(refused?.headers['retry-after']);
    const untilMidnight =
      (Math.ceil(clock.now().getTime() / 86_400_000) * 86_400_000 - clock.now().getTime()) / 1000;
    expect(Math.abs(retryAfter - untilMidnight)).toBeLessThanOrEqual(1);
    clock.advance((retryAfter + 1) * 1000);
    expect((await client.read(ids[0]!.id)).statusCode).toBe(200);
  });
});
