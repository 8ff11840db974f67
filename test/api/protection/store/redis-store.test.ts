import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../api/clock.ts';
import { StoreUnavailableError } from '../../../../api/protection/store/counter-store.ts';
import { RedisCounterStore } from '../../../../api/protection/store/redis-store.ts';
import { counterStoreContract } from './counter-store-contract.ts';

const url = process.env.TEST_REDIS_URL;
const prefix = `wc:test:${randomBytes(6).toString('hex')}:`;
const clients: Redis[] = [];

async function connect(): Promise<Redis> {
  const redis = new Redis(url!, { enableOfflineQueue: true, enableAutoPipelining: true });
  clients.push(redis);
  await redis.ping();
  return redis;
}

describe.skipIf(!url)('Redis counter store (TEST_REDIS_URL)', () => {
  afterAll(async () => {
    const redis = await connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    for (const client of clients) client.disconnect();
  });

  counterStoreContract(
    'Redis',
    async (clock) =>
      new RedisCounterStore(await connect(), clock, {
        keyPrefix: `${prefix}${randomBytes(4).toString('hex')}:`,
      }),
  );

  it('writes only under its prefix, and every key expires', async () => {
    const redis = await connect();
    const own = `${prefix}own:`;
    const store = new RedisCounterStore(redis, new ManualClock(), { keyPrefix: own });
    await store.increment('a', 60_000);
    await store.noteDistinct('b', 'x', 60_000, 60_000, 10);
    await store.pushRecent('c', '1', 5, 60_000);
    await store.mark('d', 60_000);
    const keys = await redis.keys(`${own}*`);
    expect(keys).toHaveLength(4);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('refuses at once, without queueing, when the connection is down', async () => {
    const redis = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    clients.push(redis);
    const store = new RedisCounterStore(redis, new ManualClock(), { keyPrefix: prefix });
    expect(store.ready).toBe(false);
    await expect(store.increment('a', 60_000)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
