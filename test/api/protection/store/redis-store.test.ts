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
    await store.pushRecent('c', 1, 5, 60_000);
    await store.mark('d', 60_000);
    const keys = await redis.keys(`${own}*`);
    expect(keys).toHaveLength(4);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('sends the operations of one tick as one script call, each answered in order', async () => {
    const redis = await connect();
    const own = `${prefix}batch:`;
    const store = new RedisCounterStore(redis, new ManualClock(), { keyPrefix: own });
    // MONITOR sees every command the server runs; ours are the ones naming our keys.
    const monitor = await (await connect()).monitor();
    const commands: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      // Commands a script runs are reported too, from source "lua": count what clients sent.
      if (source !== 'lua' && args.some((arg) => arg.startsWith(own))) commands.push(args[0]!.toLowerCase());
    });
    await store.mark('m', 60_000); // loads the script, so the batch below is one EVALSHA
    await new Promise((resolve) => setTimeout(resolve, 50));
    commands.length = 0;
    const answers = await Promise.all([
      store.increment('n', 60_000),
      store.increment('n', 60_000, 2),
      store.peek('n', 60_000),
      store.peek('never', 60_000),
      store.noteDistinct('d', 'x', 60_000, 60_000, 10),
      store.pushRecent('l', 7, 3, 60_000),
      store.recent('l'),
      store.marked(['m', 'unmarked']),
      store.claimOnce('c', 60_000),
      store.claimOnce('c', 60_000),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.disconnect();
    expect(commands).toEqual(['evalsha']);
    expect(
      answers.map((answer) => (typeof answer === 'object' && 'count' in answer ? answer.count : answer)),
    ).toEqual([1, 3, 3, 0, { total: 1, recent: 1 }, [7], [7], [true, false], true, false]);
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
