// The in-process counter store: one bounded LRU of entries that expire by the injected clock.
// Used when REDIS_URL is not set, and as the local fallback while Redis is down.
import type { Clock } from '../../clock.ts';
import { Lru } from '../lru.ts';
import { type CounterStore, type DistinctCount, fixedWindow, type WindowCount } from './counter-store.ts';

type Entry =
  | { kind: 'count'; value: number; expiresAtMs: number }
  | { kind: 'distinct'; lastSeen: Map<string, number>; recentSeen: Map<string, number>; expiresAtMs: number }
  | { kind: 'list'; items: string[]; expiresAtMs: number }
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
    // peek: every writer set()s the entry afterwards, which is what keeps it recently used.
    const entry = this.#entries.peek(key);
    if (!entry || entry.kind !== kind || entry.expiresAtMs <= nowMs) return null;
    return entry as Extract<Entry, { kind: K }>;
  }

  async increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    const now = this.#clock.now().getTime();
    const { index, resetMs } = fixedWindow(now, windowMs);
    const slot = `${key}:${index}`;
    const entry = this.#live(slot, 'count', now);
    const value = (entry?.value ?? 0) + by;
    this.#entries.set(slot, { kind: 'count', value, expiresAtMs: now + resetMs });
    return { count: value, resetMs };
  }

  async peek(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.#clock.now().getTime();
    const { index, resetMs } = fixedWindow(now, windowMs);
    return { count: this.#live(`${key}:${index}`, 'count', now)?.value ?? 0, resetMs };
  }

  async noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    const now = this.#clock.now().getTime();
    const entry = this.#live(key, 'distinct', now) ?? {
      kind: 'distinct' as const,
      lastSeen: new Map<string, number>(),
      recentSeen: new Map<string, number>(),
      expiresAtMs: 0,
    };
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
    this.#entries.set(key, entry);
    return trim(entry, now, windowMs, recentMs, maxTracked);
  }

  async countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount> {
    const now = this.#clock.now().getTime();
    const entry = this.#live(key, 'distinct', now);
    if (!entry) return { total: 0, recent: 0 };
    return trim(entry, now, windowMs, recentMs, Number.POSITIVE_INFINITY);
  }

  async pushRecent(key: string, value: string, keep: number, ttlMs: number): Promise<string[]> {
    const now = this.#clock.now().getTime();
    const previous = this.#live(key, 'list', now)?.items ?? [];
    const items = [value, ...previous.slice(0, Math.max(0, keep - 1))];
    this.#entries.set(key, { kind: 'list', items, expiresAtMs: now + ttlMs });
    return items;
  }

  async recent(key: string): Promise<string[]> {
    return this.#live(key, 'list', this.#clock.now().getTime())?.items ?? [];
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, { kind: 'mark', expiresAtMs: this.#clock.now().getTime() + ttlMs });
  }

  async marked(keys: readonly string[]): Promise<boolean[]> {
    const now = this.#clock.now().getTime();
    return keys.map((key) => this.#live(key, 'mark', now) !== null);
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now().getTime();
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
