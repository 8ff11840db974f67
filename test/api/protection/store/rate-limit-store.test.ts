import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../api/clock.ts';
import { MemoryCounterStore } from '../../../../api/protection/store/memory-store.ts';
import { rateLimitStoreFor } from '../../../../api/protection/store/rate-limit-store.ts';

type Result = { current: number; ttl: number };
const call = (fn: (cb: (err: Error | null, r?: Result) => void) => void) =>
  new Promise<Result>((resolve, reject) => fn((err, r) => (err ? reject(err) : resolve(r!))));

describe('the @fastify/rate-limit store adapter', () => {
  it('counts in clock windows, reads without counting, and shares one space across children', async () => {
    const clock = new ManualClock('2026-03-02T10:00:15Z');
    const Store = rateLimitStoreFor(new MemoryCounterStore(clock));
    const store = new Store({}) as unknown as {
      incr: (k: string, cb: (e: Error | null, r?: Result) => void, w: number, m: number) => void;
      read: (k: string, cb: (e: Error | null, r?: Result) => void, w: number) => void;
      child: () => unknown;
    };
    expect(await call((cb) => store.incr('key', cb, 60_000, 5))).toEqual({ current: 1, ttl: 45_000 });
    expect(await call((cb) => store.incr('key', cb, 60_000, 5))).toEqual({ current: 2, ttl: 45_000 });
    expect(await call((cb) => store.read('key', cb, 60_000))).toEqual({ current: 2, ttl: 45_000 });
    expect(store.child()).toBe(store);
    clock.advance(45_000);
    expect(await call((cb) => store.read('key', cb, 60_000))).toEqual({ current: 0, ttl: 0 });
  });
});
