// Redis when it answers, this process's memory when it does not. Which route classes may go on
// with local counts and which refuse while Redis is down is the policy's `redisDown` table,
// applied by the rate-limit layer through `degraded`; this store only makes sure no request ever
// waits on, or crashes with, a dead Redis.
import type { BatchResults, CounterStore, DistinctCount, StoreOp, WindowCount } from './counter-store.ts';
import { StoreUnavailableError } from './counter-store.ts';
import type { MemoryCounterStore } from './memory-store.ts';
import type { RedisCounterStore } from './redis-store.ts';

export class ResilientCounterStore implements CounterStore {
  readonly #redis: RedisCounterStore | null;
  readonly #local: MemoryCounterStore;
  readonly #onFailure: (error: StoreUnavailableError) => void;

  constructor(
    shared: RedisCounterStore | null,
    local: MemoryCounterStore,
    onFailure: (error: StoreUnavailableError) => void = () => {},
  ) {
    this.#redis = shared;
    this.#local = local;
    this.#onFailure = onFailure;
  }

  /** Whether a shared store is configured. */
  get shared(): boolean {
    return this.#redis !== null;
  }

  /** True when a shared store is configured but not answering: counts are this instance's only. */
  get degraded(): boolean {
    return this.#redis !== null && !this.#redis.ready;
  }

  // Without a live Redis each call goes straight to memory, allocating nothing extra.
  async #shared<T>(shared: RedisCounterStore, run: (store: CounterStore) => Promise<T>): Promise<T> {
    try {
      return await run(shared);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.#onFailure(error);
      return run(this.#local);
    }
  }

  #live(): RedisCounterStore | null {
    return this.#redis?.ready ? this.#redis : null;
  }

  increment(key: string, windowMs: number, by?: number): Promise<WindowCount> {
    const redis = this.#live();
    return redis
      ? this.#shared(redis, (s) => s.increment(key, windowMs, by))
      : this.#local.increment(key, windowMs, by);
  }

  peek(key: string, windowMs: number): Promise<WindowCount> {
    const redis = this.#live();
    return redis ? this.#shared(redis, (s) => s.peek(key, windowMs)) : this.#local.peek(key, windowMs);
  }

  noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    const redis = this.#live();
    return redis
      ? this.#shared(redis, (s) => s.noteDistinct(key, member, windowMs, recentMs, maxTracked))
      : this.#local.noteDistinct(key, member, windowMs, recentMs, maxTracked);
  }

  countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount> {
    const redis = this.#live();
    return redis
      ? this.#shared(redis, (s) => s.countDistinct(key, windowMs, recentMs))
      : this.#local.countDistinct(key, windowMs, recentMs);
  }

  pushRecent(key: string, value: number, keep: number, ttlMs: number): Promise<number[]> {
    const redis = this.#live();
    return redis
      ? this.#shared(redis, (s) => s.pushRecent(key, value, keep, ttlMs))
      : this.#local.pushRecent(key, value, keep, ttlMs);
  }

  recent(key: string): Promise<number[]> {
    const redis = this.#live();
    return redis ? this.#shared(redis, (s) => s.recent(key)) : this.#local.recent(key);
  }

  mark(key: string, ttlMs: number): Promise<void> {
    const redis = this.#live();
    return redis ? this.#shared(redis, (s) => s.mark(key, ttlMs)) : this.#local.mark(key, ttlMs);
  }

  marked(keys: readonly string[]): Promise<boolean[]> {
    const redis = this.#live();
    return redis ? this.#shared(redis, (s) => s.marked(keys)) : this.#local.marked(keys);
  }

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const redis = this.#live();
    return redis ? this.#shared(redis, (s) => s.claimOnce(key, ttlMs)) : this.#local.claimOnce(key, ttlMs);
  }

  batch<const T extends readonly (StoreOp | null)[]>(ops: T): Promise<BatchResults<T>> {
    const redis = this.#live();
    return redis ? this.#shared(redis, (s) => s.batch(ops)) : this.#local.batch(ops);
  }

  async close(): Promise<void> {
    await this.#local.close();
  }
}
