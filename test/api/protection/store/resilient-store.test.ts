import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../api/clock.ts';
import { MemoryCounterStore } from '../../../../api/protection/store/memory-store.ts';
import { RedisCounterStore } from '../../../../api/protection/store/redis-store.ts';
import { ResilientCounterStore } from '../../../../api/protection/store/resilient-store.ts';

describe('resilient counter store', () => {
  const dead = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  dead.on('error', () => {});
  afterAll(() => dead.disconnect());

  it('counts in local memory while Redis is down, and says it is degraded', async () => {
    const clock = new ManualClock();
    const local = new MemoryCounterStore(clock);
    const store = new ResilientCounterStore(new RedisCounterStore(dead, clock, { keyPrefix: 'x:' }), local);
    expect(store.shared).toBe(true);
    expect(store.degraded).toBe(true);
    expect((await store.increment('k', 60_000)).count).toBe(1);
    expect((await store.increment('k', 60_000)).count).toBe(2);
    expect((await local.peek('k', 60_000)).count).toBe(2);
  });

  it('is not degraded without a shared store at all', async () => {
    const store = new ResilientCounterStore(null, new MemoryCounterStore(new ManualClock()));
    expect(store.shared).toBe(false);
    expect(store.degraded).toBe(false);
    await store.mark('m', 1_000);
    expect(await store.marked(['m'])).toEqual([true]);
  });
});
