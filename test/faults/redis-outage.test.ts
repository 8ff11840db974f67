// Redis stopped (SIGTERM) and killed (SIGKILL) under the real app (buildApp, enforcing protection,
// counters in a private Redis), then started again. api/protection/README.md ("Store and Redis
// failure modes") promises: while Redis is down sign-up/sign-in answer 503 with Retry-After (auth
// fails closed), reads and writes go on with this instance's counts (local), operator routes skip
// their budgets (open), nothing waits on Redis and nothing crashes; once Redis is back the counts go
// to Redis again.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.ts';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../support/personas.ts';
import { type PrivateRedis, privateRedisMissing, startPrivateRedis } from './support/private-redis.ts';

const missing = privateRedisMissing();
/** No request may wait on a dead Redis longer than this (its command timeout is 250 ms). */
const REQUEST_BOUND_MS = 3_000;
/** ioredis reconnects with a back-off of at most 5 s. */
const RECONNECT_BOUND_MS = 15_000;

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe.skipIf(missing)(`Redis stopped and restarted${missing ? ` — skipped: ${missing}` : ''}`, () => {
  let redis: PrivateRedis;
  let inspector: Redis;
  let t: TestApp;
  let reader: PersonaClient;
  let thread: string;
  const figures: Record<string, unknown> = {};

  /** The read counts this instance has in Redis for the reader's account (all windows). */
  async function readCountsInRedis(): Promise<number> {
    const keys = await inspector.keys('wc:p:c:*read.a.*');
    const values = keys.length > 0 ? await inspector.mget(keys) : [];
    return values.reduce((sum, value) => sum + Number(value ?? 0), 0);
  }

  async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = Date.now();
    const result = await run();
    return { result, ms: Date.now() - started };
  }

  const login = () =>
    new PersonaClient(t.app, HEADERS.firefox, at('198.51.100.40')).request('POST', '/v1/auth/login', {
      email: 'someone@acme.example',
      password: 'not the password',
    });
  const operatorLook = () =>
    t.app.inject({
      method: 'GET',
      url: '/v1/operator/bot-events',
      headers: { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN },
    });

  beforeAll(async () => {
    redis = await startPrivateRedis();
    inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    inspector.on('error', () => {});
    t = await openTestApp({ PROTECTION_MODE: 'enforce', REDIS_URL: redis.url });
    [thread] = (await createThreads(t.services.db, t.services.clock, 1)) as [string];
    const account = await createAccount(t.services.db, t.services.clock);
    reader = new PersonaClient(t.app, HEADERS.chrome, at('203.0.113.25'), account.token);
  }, 60_000);

  afterAll(async () => {
    inspector?.disconnect();
    await t?.close();
    await redis?.destroy();
    console.info('Redis outage figures', JSON.stringify(figures));
  });

  it('counts in Redis while it is up', async () => {
    expect(t.app.protection.store.degraded).toBe(false);
    for (let i = 0; i < 3; i++) expect((await reader.read(thread)).statusCode).toBe(200);
    expect(await readCountsInRedis()).toBe(3);
    expect((await login()).statusCode).toBe(401);
  });

  it.each(['stop', 'kill'] as const)(
    'while Redis is down (%s): auth 503 with Retry-After, reads and writes local, operator open; then back to Redis',
    async (how) => {
      const failuresBefore = t.app.protection.metrics.storeFailures.get();
      // Requests in flight while Redis goes away still get their answers.
      const burstAccount = await createAccount(t.services.db, t.services.clock);
      const burst = new PersonaClient(t.app, HEADERS.chrome, at('203.0.113.77'), burstAccount.token);
      const inFlight = Promise.all(Array.from({ length: 8 }, () => burst.read(thread)));
      await (how === 'stop' ? redis.stop() : redis.kill());
      expect((await inFlight).map((r) => r.statusCode)).toEqual(Array(8).fill(200));
      const noticedMs = await until(
        'the store notices Redis is gone',
        () => t.app.protection.store.degraded,
        5_000,
      );

      const signIn = await timed(login);
      expect(signIn.result.statusCode).toBe(503);
      expect(signIn.result.headers['retry-after']).toBe('5');
      expect(signIn.result.json().error.code).toBe('UNAVAILABLE');
      const reads = [];
      for (let i = 0; i < 3; i++) reads.push(await timed(() => reader.read(thread)));
      expect(reads.map((r) => r.result.statusCode)).toEqual([200, 200, 200]);
      const reply = await timed(() =>
        reader.request('POST', `/v1/threads/${thread}/posts`, {
          body: `Still here while Redis is ${how}ped.`,
        }),
      );
      expect(reply.result.statusCode).toBe(201);
      const look = await timed(operatorLook);
      expect(look.result.statusCode).toBe(200);
      const slowest = Math.max(signIn.ms, look.ms, reply.ms, ...reads.map((r) => r.ms));
      expect(slowest).toBeLessThan(REQUEST_BOUND_MS);

      await redis.start();
      const backMs = await until(
        'the store uses Redis again',
        () => !t.app.protection.store.degraded,
        RECONNECT_BOUND_MS,
      );
      expect(await readCountsInRedis()).toBe(0); // a restarted Redis keeps nothing (no persistence)
      for (let i = 0; i < 2; i++) expect((await reader.read(thread)).statusCode).toBe(200);
      expect(await readCountsInRedis()).toBe(2);
      expect((await login()).statusCode).toBe(401);
      const failuresAfter = t.app.protection.metrics.storeFailures.get();
      figures[how] = {
        noticedMs,
        slowestRequestWhileDownMs: slowest,
        backInRedisAfterMs: backMs,
        storeFailures: failuresAfter - failuresBefore,
      };
    },
    40_000,
  );
});
