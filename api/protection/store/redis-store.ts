// The shared counter store: Redis through ioredis, so every API instance sees the same counts.
// Each operation is one small Lua script (atomic, one round trip; ioredis auto-pipelining batches
// the scripts a request fires together). Windows and expiries follow the injected clock: window
// indices and sorted-set scores are clock milliseconds, marks hold their clock expiry. Redis TTLs
// only collect garbage, with some slack so a slow test never loses a live key.
import type { Redis } from 'ioredis';
import type { Clock } from '../../clock.ts';
import {
  type CounterStore,
  type DistinctCount,
  fixedWindow,
  StoreUnavailableError,
  type WindowCount,
} from './counter-store.ts';

const SCRIPTS = {
  wcIncrement: {
    keys: 1,
    lua: `local c = redis.call('INCRBY', KEYS[1], ARGV[1])
if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return c`,
  },
  wcNoteDistinct: {
    keys: 1,
    // ARGV: score(now), member, drop-at-or-below, recent-above, maxTracked, ttl
    lua: `redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local total = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[5])
if total > cap then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, total - cap - 1)
  total = cap
end
local recent = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[4], '+inf')
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return {total, recent}`,
  },
  wcCountDistinct: {
    keys: 1,
    lua: `return {redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf'), redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')}`,
  },
  wcPushRecent: {
    keys: 1,
    lua: `redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('LRANGE', KEYS[1], 0, -1)`,
  },
  wcClaimOnce: {
    keys: 1,
    // ARGV: now, expiry (clock ms), ttl
    lua: `local v = redis.call('GET', KEYS[1])
if v and tonumber(v) > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`,
  },
} as const;

type ScriptName = keyof typeof SCRIPTS;
type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

export interface RedisStoreOptions {
  /** Prefix of every key this store writes (one per deployment; tests use a unique one). */
  keyPrefix: string;
  /** Extra real-time life of every key beyond its clock window, so garbage collection never bites early. */
  ttlSlackMs?: number;
}

export class RedisCounterStore implements CounterStore {
  readonly #redis: Redis;
  readonly #clock: Clock;
  readonly #prefix: string;
  readonly #slack: number;

  constructor(redis: Redis, clock: Clock, options: RedisStoreOptions) {
    this.#redis = redis;
    this.#clock = clock;
    this.#prefix = options.keyPrefix;
    this.#slack = options.ttlSlackMs ?? 120_000;
    for (const [name, script] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: script.keys, lua: script.lua });
    }
  }

  /** True while the connection is up: callers skip a dead Redis without waiting on it. */
  get ready(): boolean {
    return this.#redis.status === 'ready';
  }

  async #run<T>(name: ScriptName, key: string, ...args: (string | number)[]): Promise<T> {
    if (!this.ready) throw new StoreUnavailableError(`redis is ${this.#redis.status}`);
    const call = (this.#redis as unknown as Record<ScriptName, ScriptCall>)[name].bind(this.#redis);
    try {
      return (await call(this.#prefix + key, ...args)) as T;
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async #plain<T>(run: () => Promise<T>): Promise<T> {
    if (!this.ready) throw new StoreUnavailableError(`redis is ${this.#redis.status}`);
    try {
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    const { index, resetMs } = fixedWindow(this.#clock.now().getTime(), windowMs);
    const count = await this.#run<number>('wcIncrement', `c:${key}:${index}`, by, windowMs + this.#slack);
    return { count: Number(count), resetMs };
  }

  async peek(key: string, windowMs: number): Promise<WindowCount> {
    const { index, resetMs } = fixedWindow(this.#clock.now().getTime(), windowMs);
    const value = await this.#plain(() => this.#redis.get(`${this.#prefix}c:${key}:${index}`));
    return { count: value === null ? 0 : Number(value), resetMs };
  }

  async noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    const now = this.#clock.now().getTime();
    const [total, recent] = await this.#run<[number, number]>(
      'wcNoteDistinct',
      `d:${key}`,
      now,
      member,
      now - windowMs,
      now - recentMs,
      maxTracked,
      windowMs + this.#slack,
    );
    return { total: Number(total), recent: Number(recent) };
  }

  async countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount> {
    const now = this.#clock.now().getTime();
    const [total, recent] = await this.#run<[number, number]>(
      'wcCountDistinct',
      `d:${key}`,
      now - windowMs,
      now - recentMs,
    );
    return { total: Number(total), recent: Number(recent) };
  }

  async pushRecent(key: string, value: string, keep: number, ttlMs: number): Promise<string[]> {
    return this.#run<string[]>('wcPushRecent', `l:${key}`, value, keep, ttlMs + this.#slack);
  }

  async recent(key: string): Promise<string[]> {
    return this.#plain(() => this.#redis.lrange(`${this.#prefix}l:${key}`, 0, -1));
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    const expiresAt = this.#clock.now().getTime() + ttlMs;
    await this.#plain(() =>
      this.#redis.set(`${this.#prefix}m:${key}`, String(expiresAt), 'PX', ttlMs + this.#slack),
    );
  }

  async marked(keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const now = this.#clock.now().getTime();
    const values = await this.#plain(() => this.#redis.mget(keys.map((key) => `${this.#prefix}m:${key}`)));
    return values.map((value) => value !== null && Number(value) > now);
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now().getTime();
    const claimed = await this.#run<number>('wcClaimOnce', `m:${key}`, now, now + ttlMs, ttlMs + this.#slack);
    return Number(claimed) === 1;
  }

  async close(): Promise<void> {}
}
