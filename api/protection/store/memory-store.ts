// The in-process counter store: one bounded LRU of entries that expire by the injected clock.
// Used when REDIS_URL is not set, and as the local fallback while Redis is down. Live entries are
// updated in place (a dozen per request: no new objects or keys for the ones that exist).
import type { Clock } from '../../clock.ts';
import { Lru } from '../lru.ts';
import {
  type BatchResults,
  type CounterStore,
  type DistinctCount,
  fixedWindow,
  type StoreOp,
  type WindowCount,
} from './counter-store.ts';

type Entry =
  | { kind: 'count'; window: number; value: number; expiresAtMs: number }
  | { kind: 'distinct'; lastSeen: Map<string, number>; recentSeen: Map<string, number>; expiresAtMs: number }
  | { kind: 'list'; items: number[]; expiresAtMs: number }
  | { kind: 'mark'; expiresAtMs: number };

export interface MemoryStoreOptions {
  /** Most keys kept at once; the least recently used go first. */
  maxKeys?: number;
}

export class MemoryCounterStore implements CounterStore {
  readonly #clock: Clock;
  readonly #entries: Lru<string, Entry>;

  constructor(clock: Clock, options: MemoryStoreOptions = {}) {
    this.#clock = clock;
    this.#entries = new Lru(options.maxKeys ?? 200_000);
  }

  get size(): number {
    return this.#entries.size;
  }

  #live<K extends Entry['kind']>(key: string, kind: K, nowMs: number): Extract<Entry, { kind: K }> | null {
    const entry = this.#entries.get(key);
    if (!entry || entry.kind !== kind || entry.expiresAtMs <= nowMs) return null;
    return entry as Extract<Entry, { kind: K }>;
  }

  async increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    return this.#increment(key, windowMs, by, this.#clock.nowMs());
  }

  async peek(key: string, windowMs: number): Promise<WindowCount> {
    return this.#peek(key, windowMs, this.#clock.nowMs());
  }

  async noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    return this.#noteDistinct(key, member, windowMs, recentMs, maxTracked, this.#clock.nowMs());
  }

  async countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount> {
    return this.#countDistinct(key, windowMs, recentMs, this.#clock.nowMs());
  }

  async pushRecent(key: string, value: number, keep: number, ttlMs: number): Promise<number[]> {
    return this.#pushRecent(key, value, keep, ttlMs, this.#clock.nowMs());
  }

  async recent(key: string): Promise<number[]> {
    return this.#recent(key, this.#clock.nowMs());
  }

  async batch<const T extends readonly (StoreOp | null)[]>(ops: T): Promise<BatchResults<T>> {
    const now = this.#clock.nowMs();
    return ops.map((op) => (op === null ? null : this.#apply(op, now))) as BatchResults<T>;
  }

  #apply(op: StoreOp, now: number): unknown {
    switch (op.op) {
      case 'increment':
        return this.#increment(op.key, op.windowMs, op.by ?? 1, now);
      case 'peek':
        return this.#peek(op.key, op.windowMs, now);
      case 'noteDistinct':
        return this.#noteDistinct(op.key, op.member, op.windowMs, op.recentMs, op.maxTracked, now);
      case 'countDistinct':
        return this.#countDistinct(op.key, op.windowMs, op.recentMs, now);
      case 'pushRecent':
        return this.#pushRecent(op.key, op.value, op.keep, op.ttlMs, now);
      case 'recent':
        return this.#recent(op.key, now);
      case 'marked':
        return this.#marked(op.keys, now);
    }
  }

  #increment(key: string, windowMs: number, by: number, now: number): WindowCount {
    const { index, resetMs } = fixedWindow(now, windowMs);
    // A key is always used with the same window, so one entry per key holds its current window.
    const entry = this.#live(key, 'count', now);
    if (entry && entry.window === index) {
      entry.value += by;
      return { count: entry.value, resetMs };
    }
    this.#entries.set(key, { kind: 'count', window: index, value: by, expiresAtMs: now + resetMs });
    return { count: by, resetMs };
  }

  #peek(key: string, windowMs: number, now: number): WindowCount {
    const { index, resetMs } = fixedWindow(now, windowMs);
    const entry = this.#live(key, 'count', now);
    return { count: entry && entry.window === index ? entry.value : 0, resetMs };
  }

  #noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
    now: number,
  ): DistinctCount {
    let entry = this.#live(key, 'distinct', now);
    if (!entry) {
      entry = { kind: 'distinct', lastSeen: new Map(), recentSeen: new Map(), expiresAtMs: 0 };
      this.#entries.set(key, entry);
    }
    // Both maps are kept in "least recently seen first" order, so expiry only ever trims the front:
    // counting stays O(1) per request however many members a heavy actor has. A key is always
    // used with the same recent window; when that is the whole window, one map does.
    entry.lastSeen.delete(member);
    entry.lastSeen.set(member, now);
    if (recentMs < windowMs) {
      entry.recentSeen.delete(member);
      entry.recentSeen.set(member, now);
    }
    entry.expiresAtMs = now + windowMs;
    return trim(entry, now, windowMs, recentMs, maxTracked);
  }

  #countDistinct(key: string, windowMs: number, recentMs: number, now: number): DistinctCount {
    const entry = this.#live(key, 'distinct', now);
    if (!entry) return { total: 0, recent: 0 };
    return trim(entry, now, windowMs, recentMs, Number.POSITIVE_INFINITY);
  }

  #pushRecent(key: string, value: number, keep: number, ttlMs: number, now: number): number[] {
    const entry = this.#live(key, 'list', now);
    if (!entry) {
      this.#entries.set(key, { kind: 'list', items: [value], expiresAtMs: now + ttlMs });
      return [value];
    }
    entry.items.unshift(value);
    if (entry.items.length > keep) entry.items.length = Math.max(1, keep);
    entry.expiresAtMs = now + ttlMs;
    return entry.items.slice(); // a copy: the stored list changes with the next request
  }

  #recent(key: string, now: number): number[] {
    return this.#live(key, 'list', now)?.items.slice() ?? [];
  }

  #marked(keys: readonly string[], now: number): boolean[] {
    return keys.map((key) => this.#live(key, 'mark', now) !== null);
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, { kind: 'mark', expiresAtMs: this.#clock.nowMs() + ttlMs });
  }

  async marked(keys: readonly string[]): Promise<boolean[]> {
    return this.#marked(keys, this.#clock.nowMs());
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.nowMs();
    if (this.#live(key, 'mark', now)) return false;
    this.#entries.set(key, { kind: 'mark', expiresAtMs: now + ttlMs });
    return true;
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}

function trim(
  entry: { lastSeen: Map<string, number>; recentSeen: Map<string, number> },
  now: number,
  windowMs: number,
  recentMs: number,
  maxTracked: number,
): DistinctCount {
  dropOlder(entry.lastSeen, now - windowMs, maxTracked);
  if (recentMs >= windowMs) return { total: entry.lastSeen.size, recent: entry.lastSeen.size };
  dropOlder(entry.recentSeen, now - recentMs, maxTracked);
  return { total: entry.lastSeen.size, recent: entry.recentSeen.size };
}

/** Drops members seen at or before `cutoff`, then the oldest beyond `maxTracked`. */
function dropOlder(seen: Map<string, number>, cutoff: number, maxTracked: number): void {
  for (const [member, at] of seen) {
    if (at > cutoff && seen.size <= maxTracked) break;
    seen.delete(member);
  }
}
