import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp, uniquePrefix } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const login = (client: PersonaClient) =>
  client.request('POST', '/v1/auth/login', { email: 'a@b.example', password: 'wrong' });

describe('layered budgets', () => {
  let t: ProtectedApp;
  let threads: string[];
  beforeAll(async () => {
    t = await openProtectedApp({
      canaries: false,
      policy: (p) => {
        p.budgets.auth.perNetwork = 5;
        p.budgets.auth.perFingerprint = 8;
        p.budgets.read.perAccount = 10;
        p.behaviour.regularity.steps = []; // these tests send at a steady pace on purpose
      },
    });
    threads = await createThreads(t.services.db, t.services.clock, 3);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers with RateLimit-* headers of the tightest budget', async () => {
    const account = await createAccount(t.services.db, t.services.clock);
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.1'), account.token);
    const response = await client.read(threads[0]!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['ratelimit-limit']).toBe('10');
    expect(response.headers['ratelimit-remaining']).toBe('9');
    expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThan(0);
  });

  it('refuses an account over its per-minute read budget with 429 and Retry-After, until the window ends', async () => {
    const account = await createAccount(t.services.db, t.services.clock);
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.2'), account.token);
    t.services.clock.set(Math.ceil(t.services.clock.now().getTime() / 60_000) * 60_000);
    for (let i = 0; i < 10; i++) expect((await client.read(threads[i % 3]!)).statusCode).toBe(200);
    const refused = await client.read(threads[0]!);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(refused.json().error.message).toMatch(/from this account: at most 10 per 60 s/);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    // Another account on the same network is not affected.
    const other = await createAccount(t.services.db, t.services.clock);
    expect(
      (await new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.2'), other.token).read(threads[0]!))
        .statusCode,
    ).toBe(200);
    t.services.clock.advance(60_000);
    expect((await client.read(threads[0]!)).statusCode).toBe(200);
  });

  it('keys requests without a session by network prefix', async () => {
    const client = new PersonaClient(t.app, HEADERS.chrome, at('198.51.100.1'));
    for (let i = 0; i < 5; i++) expect((await login(client)).statusCode).toBe(401);
    const refused = await login(client);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/from your network/);
    // The same /24 shares the budget; another /24 has its own.
    expect((await login(new PersonaClient(t.app, HEADERS.chrome, at('198.51.100.200')))).statusCode).toBe(
      429,
    );
    expect((await login(new PersonaClient(t.app, HEADERS.chrome, at('198.51.101.1')))).statusCode).toBe(401);
  });

  it('keys a client rotating prefixes by its fingerprint', async () => {
    t.services.clock.advance(60_000);
    let n = 0;
    const client = new PersonaClient(t.app, HEADERS.firefox, () => `100.64.${++n}.1`);
    for (let i = 0; i < 8; i++) expect((await login(client)).statusCode).toBe(401);
    const refused = await login(client);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/from this app or browser build/);
  });

  it('shrinks every budget by throttleFactor for a throttled client', async () => {
    t.services.clock.advance(60_000);
    // A brand-new account with Chrome's UA but no client hints: 35 + 10 = the throttle range.
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 0,
    });
    const { 'sec-ch-ua': _h, 'sec-ch-ua-mobile': _m, 'sec-ch-ua-platform': _p, ...noHints } = HEADERS.chrome;
    const client = new PersonaClient(t.app, noHints, at('192.0.2.3'), account.token);
    const first = await client.read(threads[0]!);
    expect(first.statusCode).toBe(200);
    const budget = Math.floor(10 * t.app.protection.policy.throttleFactor);
    expect(first.headers['ratelimit-limit']).toBe(String(budget));
    for (let i = 1; i < budget; i++) expect((await client.read(threads[0]!)).statusCode).toBe(200);
    expect((await client.read(threads[0]!)).statusCode).toBe(429);
    await t.app.protection.flushEvents();
    const { rows } = await t.services.db.query<{ decision: string; reasons: string[] }>(
      "SELECT decision, reasons FROM bot_events WHERE 'rate-limit-account' = ANY (reasons) AND 'chrome-without-client-hints' = ANY (reasons)",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.decision).toBe('throttle');
  });
});

describe('monitor mode over budget', () => {
  it('serves the request and records what would have happened', async () => {
    const t = await openProtectedApp({
      mode: 'monitor',
      canaries: false,
      policy: (p) => (p.budgets.read.perAccount = 2),
    });
    try {
      const [thread] = await createThreads(t.services.db, t.services.clock, 1);
      const account = await createAccount(t.services.db, t.services.clock);
      const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.9'), account.token);
      for (let i = 0; i < 4; i++) expect((await client.read(thread!)).statusCode).toBe(200);
      await t.app.protection.flushEvents();
      const { rows } = await t.services.db.query<{ decision: string; enforced: boolean; reasons: string[] }>(
        'SELECT decision, enforced, reasons FROM bot_events',
      );
      expect(rows).toHaveLength(2);
      expect(
        rows.every(
          (r) => r.decision === 'throttle' && !r.enforced && r.reasons.includes('rate-limit-account'),
        ),
      ).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('budgets shared through Redis', () => {
  it('counts requests to two API instances together', async () => {
    const prefix = uniquePrefix();
    const one = await openProtectedApp({
      redisKeyPrefix: prefix,
      canaries: false,
      policy: (p) => (p.budgets.read.perAccount = 6),
    });
    const two = await openProtectedApp({
      services: one.services,
      redisKeyPrefix: prefix,
      canaries: false,
      policy: (p) => (p.budgets.read.perAccount = 6),
    });
    try {
      const [thread] = await createThreads(one.services.db, one.services.clock, 1);
      const account = await createAccount(one.services.db, one.services.clock);
      const viaOne = new PersonaClient(one.app, HEADERS.chrome, at('192.0.2.10'), account.token);
      const viaTwo = new PersonaClient(two.app, HEADERS.chrome, at('192.0.2.10'), account.token);
      for (let i = 0; i < 3; i++) {
        expect((await viaOne.read(thread!)).statusCode).toBe(200);
        expect((await viaTwo.read(thread!)).statusCode).toBe(200);
      }
      expect((await viaOne.read(thread!)).statusCode).toBe(429);
      expect((await viaTwo.read(thread!)).statusCode).toBe(429);
    } finally {
      await two.close();
      await one.close();
    }
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('one deployment, two instances, one Redis', () => {
  it('a client that springs a trap on one instance is blocked on the other', async () => {
    const prefix = uniquePrefix();
    const one = await openProtectedApp({ redisKeyPrefix: prefix, canaries: false });
    const two = await openProtectedApp({ services: one.services, redisKeyPrefix: prefix, canaries: false });
    try {
      const [thread] = await createThreads(one.services.db, one.services.clock, 1);
      const scraper = await createAccount(one.services.db, one.services.clock);
      const viaOne = new PersonaClient(one.app, HEADERS.chrome, at('192.0.2.60'), scraper.token);
      const viaTwo = new PersonaClient(two.app, HEADERS.chrome, at('192.0.2.60'), scraper.token);
      expect((await viaTwo.read(thread!)).statusCode).toBe(200);
      const honeypot = one.app.protection.policy.traps.honeypotPaths[0]!;
      expect((await viaOne.request('GET', honeypot)).statusCode).toBe(404);
      // The trap marks live in Redis, so the other instance refuses the marked client…
      const refused = await viaTwo.read(thread!);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('BLOCKED');
      // …as does the first one.
      expect((await viaOne.read(thread!)).statusCode).toBe(403);
      // A colleague on another network reads on both.
      const colleague = await createAccount(one.services.db, one.services.clock);
      for (const app of [one.app, two.app])
        expect(
          (await new PersonaClient(app, HEADERS.firefox, at('198.51.100.7'), colleague.token).read(thread!))
            .statusCode,
        ).toBe(200);
    } finally {
      await two.close();
      await one.close();
    }
  });
});

describe('when Redis is down', () => {
  it('keeps serving reads on local counts, refuses sign-in with 503, and does not crash', async () => {
    const t = await openProtectedApp({
      redis: 'redis://127.0.0.1:1',
      canaries: false,
      policy: (p) => (p.budgets.read.perAccount = 3),
    });
    try {
      expect(t.app.protection.store.degraded).toBe(true);
      const [thread] = await createThreads(t.services.db, t.services.clock, 1);
      const account = await createAccount(t.services.db, t.services.clock);
      const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.11'), account.token);
      for (let i = 0; i < 3; i++) expect((await client.read(thread!)).statusCode).toBe(200);
      expect((await client.read(thread!)).statusCode).toBe(429); // the local budget still holds
      const signIn = await login(new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.12')));
      expect(signIn.statusCode).toBe(503);
      expect(signIn.headers['retry-after']).toBe('5');
      expect(signIn.json().error.code).toBe('UNAVAILABLE');
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
