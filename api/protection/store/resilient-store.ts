// Redis when it answers, this process's memory when it does not. Which route classes may go on
// with local counts and which refuse while Redis is down is the policy's `redisDown` table,
// applied by the rate-limit layer through `degraded`; this store only makes sure no request ever
// waits on, or crashes with, a dead Redis.
import type { CounterStore, DistinctCount, WindowCount } from './counter-store.ts';
import { StoreUnavailableError } from './counter-store.ts';
import type { MemoryCounterStore } from './memory-store.ts';
import type { RedisCounterStore } from './redis-store.ts';

export class ResilientCounterStore implements CounterStore {
  readonly #shared: RedisCounterStore | null;
  readonly #local: MemoryCounterStore;
  readonly #onFailure: (error: StoreUnavailableError) => void;

  constructor(
    shared: RedisCounterStore | null,
    local: MemoryCounterStore,
    onFailure: (error: StoreUnavailableError) => void = () => {},
  ) {
    this.#shared = shared;
    this.#local = local;
    this.#onFailure = onFailure;
  }

  /** Whether a shared store is configured. */
  get shared(): boolean {
    return this.#shared !== null;
  }

  /** True when a shared store is configured but not answering: counts are this instance's only. */
  get degraded(): boolean {
    return this.#shared !== null && !this.#shared.ready;
  }

  #use<T>(run: (store: CounterStore) => Promise<T>): Promise<T> {
    return this.#shared?.ready ? this.#useShared(this.#shared, run) : run(this.#local);
  }

  async #useShared<T>(shared: RedisCounterStore, run: (store: CounterStore) => Promise<T>): Promise<T> {
    try {
      return await run(shared);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.#onFailure(error);
      return run(this.#local);
    }
  }

  increment(key: string, windowMs: number, by?: number): Promise<WindowCount> {
    return this.#use((s) => s.increment(key, windowMs, by));
  }

  peek(key: string, windowMs: number): Promise<WindowCount> {
    return this.#use((s) => s.peek(key, windowMs));
  }

  noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    return this.#use((s) => s.noteDistinct(key, member, windowMs, recentMs, maxTracked));
  }

  countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount> {
    return this.#use((s) => s.countDistinct(key, windowMs, recentMs));
  }

  pushRecent(key: string, value: string, keep: number, ttlMs: number): Promise<string[]> {
    return this.#use((s) => s.pushRecent(key, value, keep, ttlMs));
  }

  recent(key: string): Promise<string[]> {
    return this.#use((s) => s.recent(key));
  }

  mark(key: string, ttlMs: number): Promise<void> {
    return this.#use((s) => s.mark(key, ttlMs));
  }

  marked(keys: readonly string[]): Promise<boolean[]> {
    return this.#use((s) => s.marked(keys));
  }

  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.#use((s) => s.claimOnce(key, ttlMs));
  }

  async close(): Promise<void> {
    await this.#local.close();
  }
}
