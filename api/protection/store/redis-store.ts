// The shared counter store: Redis through ioredis, so every API instance sees the same counts.
// Operations issued in the same tick — the dozen lookups the layers start for one request — are
// queued and sent as one call of one Lua script (BATCH_LUA): one command for ioredis to build and
// parse instead of a dozen, one round trip, and atomic together. Windows and expiries follow the
// injected clock: window indices and sorted-set scores are clock milliseconds, marks hold their
// clock expiry. Redis TTLs only collect garbage, with some slack so a slow test never loses a live
// key. (A multi-key script needs every key on one node: this store is for a single Redis, or a
// primary with replicas, not Redis Cluster.)
import type { Redis } from 'ioredis';
import type { Clock } from '../../clock.ts';
import {
  type BatchResults,
  type CounterStore,
  type DistinctCount,
  fixedWindow,
  runOp,
  type StoreOp,
  StoreUnavailableError,
  type WindowCount,
} from './counter-store.ts';

/**
 * One script runs every operation a tick issued (typically all the lookups of one request, from
 * every layer): KEYS[i] is operation i's key; ARGV holds, per operation, its code, its argument
 * count and its arguments. It answers one result per operation (false for a missing value).
 */
const BATCH_LUA = `local out = {}
local a = 1
for i = 1, #KEYS do
  local k = KEYS[i]
  local op = ARGV[a]
  local n = tonumber(ARGV[a + 1])
  local p = a + 2
  local r
  if op == 'inc' then
    r = redis.call('INCRBY', k, ARGV[p])
    if r == tonumber(ARGV[p]) then redis.call('PEXPIRE', k, ARGV[p + 1]) end
  elseif op == 'get' then
    r = redis.call('GET', k)
  elseif op == 'note' then
    -- ARGV: score(now), member, drop-at-or-below, recent-above, maxTracked, ttl
    redis.call('ZADD', k, ARGV[p], ARGV[p + 1])
    redis.call('ZREMRANGEBYSCORE', k, '-inf', ARGV[p + 2])
    local total = redis.call('ZCARD', k)
    local cap = tonumber(ARGV[p + 4])
    if total > cap then
      redis.call('ZREMRANGEBYRANK', k, 0, total - cap - 1)
      total = cap
    end
    r = {total, redis.call('ZCOUNT', k, '(' .. ARGV[p + 3], '+inf')}
    redis.call('PEXPIRE', k, ARGV[p + 5])
  elseif op == 'count' then
    r = {redis.call('ZCOUNT', k, '(' .. ARGV[p], '+inf'), redis.call('ZCOUNT', k, '(' .. ARGV[p + 1], '+inf')}
  elseif op == 'push' then
    redis.call('LPUSH', k, ARGV[p])
    redis.call('LTRIM', k, 0, tonumber(ARGV[p + 1]) - 1)
    redis.call('PEXPIRE', k, ARGV[p + 2])
    r = redis.call('LRANGE', k, 0, -1)
  elseif op == 'list' then
    r = redis.call('LRANGE', k, 0, -1)
  elseif op == 'mark' then
    redis.call('SET', k, ARGV[p], 'PX', ARGV[p + 1])
    r = 1
  elseif op == 'claim' then
    -- ARGV: now, expiry (clock ms), ttl
    local v = redis.call('GET', k)
    if v and tonumber(v) > tonumber(ARGV[p]) then
      r = 0
    else
      redis.call('SET', k, ARGV[p + 1], 'PX', ARGV[p + 2])
      r = 1
    end
  else
    return redis.error_reply('unknown counter-store operation ' .. tostring(op))
  end
  out[i] = r
  a = p + n
end
return out`;

type OpCode = 'inc' | 'get' | 'note' | 'count' | 'push' | 'list' | 'mark' | 'claim';

interface QueuedOp {
  code: OpCode;
  key: string;
  args: (string | number)[];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

type BatchCall = (numberOfKeys: number, ...keysAndArgs: (string | number)[]) => Promise<unknown[]>;

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
  #queue: QueuedOp[] = [];

  constructor(redis: Redis, clock: Clock, options: RedisStoreOptions) {
    this.#redis = redis;
    this.#clock = clock;
    this.#prefix = options.keyPrefix;
    this.#slack = options.ttlSlackMs ?? 120_000;
    if (!('wcBatch' in redis)) redis.defineCommand('wcBatch', { lua: BATCH_LUA });
  }

  /** True while the connection is up: callers skip a dead Redis without waiting on it. */
  get ready(): boolean {
    return this.#redis.status === 'ready';
  }

  /** Queues one operation for this tick's batch. */
  #run<T>(code: OpCode, key: string, ...args: (string | number)[]): Promise<T> {
    if (!this.ready) return Promise.reject(new StoreUnavailableError(`redis is ${this.#redis.status}`));
    return new Promise<T>((resolve, reject) => {
      if (this.#queue.length === 0) process.nextTick(() => this.#flush());
      this.#queue.push({
        code,
        key: this.#prefix + key,
        args,
        resolve: resolve as (r: unknown) => void,
        reject,
      });
    });
  }

  #flush(): void {
    const ops = this.#queue;
    this.#queue = [];
    const keys = ops.map((op) => op.key);
    const argv = ops.flatMap((op) => [op.code, op.args.length, ...op.args]);
    const batch = (this.#redis as unknown as { wcBatch: BatchCall }).wcBatch;
    batch.call(this.#redis, keys.length, ...keys, ...argv).then(
      (results) => {
        for (let i = 0; i < ops.length; i++) ops[i]!.resolve(results[i]);
      },
      (error: unknown) => {
        const failure = new StoreUnavailableError(error);
        for (const op of ops) op.reject(failure);
      },
    );
  }

  async increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    const { index, resetMs } = fixedWindow(this.#clock.nowMs(), windowMs);
    const count = await this.#run<number>('inc', `c:${key}:${index}`, by, windowMs + this.#slack);
    return { count: Number(count), resetMs };
  }

  async peek(key: string, windowMs: number): Promise<WindowCount> {
    const { index, resetMs } = fixedWindow(this.#clock.nowMs(), windowMs);
    const value = await this.#run<string | null>('get', `c:${key}:${index}`);
    return { count: value === null ? 0 : Number(value), resetMs };
  }

  async noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    const now = this.#clock.nowMs();
    const [total, recent] = await this.#run<[number, number]>(
      'note',
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
    const now = this.#clock.nowMs();
    const [total, recent] = await this.#run<[number, number]>(
      'count',
      `d:${key}`,
      now - windowMs,
      now - recentMs,
    );
    return { total: Number(total), recent: Number(recent) };
  }

  async pushRecent(key: string, value: number, keep: number, ttlMs: number): Promise<number[]> {
    return (await this.#run<string[]>('push', `l:${key}`, value, keep, ttlMs + this.#slack)).map(Number);
  }

  async recent(key: string): Promise<number[]> {
    return (await this.#run<string[]>('list', `l:${key}`)).map(Number);
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    const expiresAt = this.#clock.nowMs() + ttlMs;
    await this.#run('mark', `m:${key}`, String(expiresAt), ttlMs + this.#slack);
  }

  async marked(keys: readonly string[]): Promise<boolean[]> {
    const now = this.#clock.nowMs();
    const values = await Promise.all(keys.map((key) => this.#run<string | null>('get', `m:${key}`)));
    return values.map((value) => value !== null && Number(value) > now);
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.nowMs();
    const claimed = await this.#run<number>('claim', `m:${key}`, now, now + ttlMs, ttlMs + this.#slack);
    return Number(claimed) === 1;
  }

  /** Each op is queued like a single call, so the whole batch goes in this tick's one script call. */
  async batch<const T extends readonly (StoreOp | null)[]>(ops: T): Promise<BatchResults<T>> {
    return (await Promise.all(ops.map((op) => (op === null ? null : runOp(this, op))))) as BatchResults<T>;
  }

  async close(): Promise<void> {}
}
