import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openProtectedApp, uniquePrefix } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('the protection plugin', () => {
  it('loads canary ids at start-up and flushes pending events when the app closes', async () => {
    const t = await openProtectedApp();
    let closed = false;
    try {
      expect(t.app.protection.canaries.size).toBe(2);
      const account = await createAccount(t.services.db, t.services.clock);
      await new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.70'), account.token).request(
        'GET',
        '/v1/threads',
      );
      await t.app.close();
      closed = true;
      const { rows } = await t.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bot_events');
      expect(rows[0]!.n).toBe(1);
    } finally {
      if (closed) await t.services.close();
      else await t.close();
    }
  });

  it.skipIf(!process.env.TEST_REDIS_URL)(
    'keeps no address and no account id in Redis, and every key expires (P4)',
    async () => {
      const prefix = uniquePrefix();
      const t = await openProtectedApp({ redisKeyPrefix: prefix });
      const redis = new Redis(process.env.TEST_REDIS_URL!);
      try {
        const [thread] = await createThreads(t.services.db, t.services.clock, 1);
        const cheap = await createAccount(t.services.db, t.services.clock, {
          memberKind: 'member',
          ageDays: 0,
        });
        const client = new PersonaClient(t.app, HEADERS.chrome, at('203.0.113.77'), cheap.token);
        await client.request('GET', '/v1/threads?page=2');
        await client.read(thread!);
        await client.request('POST', `/v1/threads/${thread}/posts`, {});
        await client.request('GET', t.app.protection.policy.traps.honeypotPaths[0]!);
        await client.request('POST', '/v1/auth/login', { email: 'someone@acme.example', password: 'x' });

        const keys = await redis.keys(`${prefix}*`);
        expect(keys.length).toBeGreaterThan(8);
        for (const key of keys) {
          expect(await redis.pttl(key), key).toBeGreaterThan(0);
          const type = await redis.type(key);
          const values =
            type === 'string'
              ? [await redis.get(key)]
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : await redis.zrange(key, '0', '-1');
          for (const text of [key, ...values.map(String)]) {
            expect(text).not.toContain('203.0.113');
            expect(text).not.toContain(cheap.id);
            expect(text).not.toContain('acme.example');
          }
        }
      } finally {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
        await t.close();
      }
    },
  );
});
