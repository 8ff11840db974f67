// The counter store every protection layer keeps its state in: fixed-window counters (budgets,
// quotas), sliding distinct sets (breadth, sybils, network hopping), short recent lists (request
// intervals, page depths) and expiring marks (traps). Two implementations sit side by side —
// memory-store.ts (one process, bounded LRU) and redis-store.ts (shared by every API instance) —
// and the layers never know which one they have. Windows follow the injected clock, never the
// wall clock, so tests and the scraper simulation can move time.

export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends (by the clock). */
  resetMs: number;
}

export interface DistinctCount {
  /** Distinct members seen within the whole window. */
  total: number;
  /** Distinct members seen within the recent part of the window. */
  recent: number;
}

export interface CounterStore {
  /** Adds `by` to the counter of the fixed clock window of `windowMs` that contains now. */
  increment(key: string, windowMs: number, by?: number): Promise<WindowCount>;
  /** The same counter, read without counting. */
  peek(key: string, windowMs: number): Promise<WindowCount>;
  /**
   * Notes `member` as seen now in a sliding window; returns the distinct members seen within
   * `windowMs` and within `recentMs`. At most `maxTracked` members are kept (the oldest go first).
   * A key is always used with the same two windows.
   */
  noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount>;
  /** The same distinct counts, read without noting anything. */
  countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount>;
  /**
   * Puts `value` first in a list kept to `keep` items that lives `ttlMs`; returns it, newest first.
   * Lists hold numbers (times, page depths): the memory store keeps them as they are.
   */
  pushRecent(key: string, value: number, keep: number, ttlMs: number): Promise<number[]>;
  /** The list, newest first (empty when it expired). */
  recent(key: string): Promise<number[]>;
  /** Sets a mark that lasts `ttlMs`. */
  mark(key: string, ttlMs: number): Promise<void>;
  /** For each key: is its mark alive? */
  marked(keys: readonly string[]): Promise<boolean[]>;
  /** True the first time it is called for `key` within `ttlMs`, false after. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Several of the lookups above in one call, answered in order (null for a null): what one layer
   * needs for one request, as one promise instead of a dozen — and, on Redis, in one round trip.
   */
  batch<const T extends readonly (StoreOp | null)[]>(ops: T): Promise<BatchResults<T>>;
  close(): Promise<void>;
}

/** A lookup of the interface above as data, for batch(). */
export type StoreOp =
  | { readonly op: 'increment'; readonly key: string; readonly windowMs: number; readonly by?: number }
  | { readonly op: 'peek'; readonly key: string; readonly windowMs: number }
  | {
      readonly op: 'noteDistinct';
      readonly key: string;
      readonly member: string;
      readonly windowMs: number;
      readonly recentMs: number;
      readonly maxTracked: number;
    }
  | {
      readonly op: 'countDistinct';
      readonly key: string;
      readonly windowMs: number;
      readonly recentMs: number;
    }
  | {
      readonly op: 'pushRecent';
      readonly key: string;
      readonly value: number;
      readonly keep: number;
      readonly ttlMs: number;
    }
  | { readonly op: 'recent'; readonly key: string }
  | { readonly op: 'marked'; readonly keys: readonly string[] };

interface OpResults {
  increment: WindowCount;
  peek: WindowCount;
  noteDistinct: DistinctCount;
  countDistinct: DistinctCount;
  pushRecent: number[];
  recent: number[];
  marked: boolean[];
}

type OpOf<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;

/** StoreOps made like the calls they stand for: `op.peek(key, windowMs)` for `peek(key, windowMs)`. */
export const op = {
  increment: (key: string, windowMs: number, by?: number): OpOf<'increment'> => ({
    op: 'increment',
    key,
    windowMs,
    by,
  }),
  peek: (key: string, windowMs: number): OpOf<'peek'> => ({ op: 'peek', key, windowMs }),
  noteDistinct: (
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): OpOf<'noteDistinct'> => ({ op: 'noteDistinct', key, member, windowMs, recentMs, maxTracked }),
  countDistinct: (key: string, windowMs: number, recentMs: number): OpOf<'countDistinct'> => ({
    op: 'countDistinct',
    key,
    windowMs,
    recentMs,
  }),
  pushRecent: (key: string, value: number, keep: number, ttlMs: number): OpOf<'pushRecent'> => ({
    op: 'pushRecent',
    key,
    value,
    keep,
    ttlMs,
  }),
  recent: (key: string): OpOf<'recent'> => ({ op: 'recent', key }),
  marked: (keys: readonly string[]): OpOf<'marked'> => ({ op: 'marked', keys }),
};

/** What batch() answers for one op (distributes over unions, so `cond ? op : null` types well). */
export type ResultOf<O> = O extends StoreOp ? OpResults[O['op']] : null;
export type BatchResults<T extends readonly unknown[]> = { -readonly [K in keyof T]: ResultOf<T[K]> };

/** Thrown by a shared store that cannot answer (Redis down); resilient-store.ts catches it. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`counter store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

/** Index of the fixed window containing `nowMs` and the milliseconds until it ends. */
export function fixedWindow(nowMs: number, windowMs: number): { index: number; resetMs: number } {
  const index = Math.floor(nowMs / windowMs);
  return { index, resetMs: (index + 1) * windowMs - nowMs };
}
