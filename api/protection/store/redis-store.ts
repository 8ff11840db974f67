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
  op,
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

/** One operation of the script: its code, its key (without the prefix) and its arguments. */
interface ScriptOp {
  code: OpCode;
  key: string;
  args: (string | number)[];
}

/** A call queued in this tick: its script operations, and how to answer it with their results. */
interface QueuedCall {
  ops: readonly ScriptOp[];
  resolve: (results: unknown[]) => void;
  reject: (error: Error) => void;
}

type BatchCall = (...numberOfKeysThenKeysAndArgs: (string | number)[]) => Promise<unknown[]>;

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
  #queue: QueuedCall[] = [];

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

  /** Queues operations for this tick's script call; answers their results, in order. */
  #send(ops: readonly ScriptOp[]): Promise<unknown[]> {
    if (!this.ready) return Promise.reject(new StoreUnavailableError(`redis is ${this.#redis.status}`));
    return new Promise((resolve, reject) => {
      if (this.#queue.length === 0) process.nextTick(() => this.#flush());
      this.#queue.push({ ops, resolve, reject });
    });
  }

  #flush(): void {
    const calls = this.#queue;
    this.#queue = [];
    const keys: (string | number)[] = [0];
    const argv: (string | number)[] = [];
    for (const call of calls)
      for (const scriptOp of call.ops) {
        keys.push(this.#prefix + scriptOp.key);
        argv.push(scriptOp.code, scriptOp.args.length);
        for (const arg of scriptOp.args) argv.push(arg);
      }
    keys[0] = keys.length - 1;
    const batch = (this.#redis as unknown as { wcBatch: BatchCall }).wcBatch;
    batch.apply(this.#redis, keys.concat(argv)).then(
      (results) => {
        let at = 0;
        for (const call of calls) {
          call.resolve(results.slice(at, at + call.ops.length));
          at += call.ops.length;
        }
      },
      (error: unknown) => {
        const failure = new StoreUnavailableError(error);
        for (const call of calls) call.reject(failure);
      },
    );
  }

  /** The script operations of one lookup (a `marked` of n keys is n reads). */
  #encode(lookup: StoreOp, now: number): ScriptOp[] {
    switch (lookup.op) {
      case 'increment':
        return [
          {
            code: 'inc',
            key: `c:${lookup.key}:${fixedWindow(now, lookup.windowMs).index}`,
            args: [lookup.by ?? 1, lookup.windowMs + this.#slack],
          },
        ];
      case 'peek':
        return [{ code: 'get', key: `c:${lookup.key}:${fixedWindow(now, lookup.windowMs).index}`, args: [] }];
      case 'noteDistinct':
        // score (now), member, drop at or below, recent above, maxTracked, ttl
        return [
          {
            code: 'note',
            key: `d:${lookup.key}`,
            args: [
              now,
              lookup.member,
              now - lookup.windowMs,
              now - lookup.recentMs,
              lookup.maxTracked,
              lookup.windowMs + this.#slack,
            ],
          },
        ];
      case 'countDistinct':
        return [
          { code: 'count', key: `d:${lookup.key}`, args: [now - lookup.windowMs, now - lookup.recentMs] },
        ];
      case 'pushRecent':
        return [
          {
            code: 'push',
            key: `l:${lookup.key}`,
            args: [lookup.value, lookup.keep, lookup.ttlMs + this.#slack],
          },
        ];
      case 'recent':
        return [{ code: 'list', key: `l:${lookup.key}`, args: [] }];
      case 'marked':
        return lookup.keys.map((key) => ({ code: 'get', key: `m:${key}`, args: [] }));
    }
  }

  /** The lookup's answer from its operations' results. */
  #decode(lookup: StoreOp, results: readonly unknown[], now: number): unknown {
    switch (lookup.op) {
      case 'increment':
        return { count: Number(results[0]), resetMs: fixedWindow(now, lookup.windowMs).resetMs };
      case 'peek':
        return {
          count: results[0] === null ? 0 : Number(results[0]),
          resetMs: fixedWindow(now, lookup.windowMs).resetMs,
        };
      case 'noteDistinct':
      case 'countDistinct': {
        const [total, recent] = results[0] as [number, number];
        return { total: Number(total), recent: Number(recent) };
      }
      case 'pushRecent':
      case 'recent':
        return (results[0] as string[]).map(Number);
      case 'marked':
        return results.map((value) => value !== null && Number(value) > now);
    }
  }

  /** All the lookups in one queued call: one promise, whatever their number. */
  async batch<const T extends readonly (StoreOp | null)[]>(ops: T): Promise<BatchResults<T>> {
    const now = this.#clock.nowMs();
    const encoded = ops.map((lookup) => (lookup === null ? [] : this.#encode(lookup, now)));
    const results = await this.#send(encoded.flat());
    let at = 0;
    return ops.map((lookup, i) => {
      if (lookup === null) return null;
      const count = encoded[i]!.length;
      at += count;
      return this.#decode(lookup, results.slice(at - count, at), now);
    }) as BatchResults<T>;
  }

  async #one<R>(lookup: StoreOp): Promise<R> {
    const [result] = await this.batch([lookup]);
    return result as R;
  }

  increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    return this.#one(op.increment(key, windowMs, by));
  }

  peek(key: string, windowMs: number): Promise<WindowCount> {
    return this.#one(op.peek(key, windowMs));
  }

  noteDistinct(
    key: string,
    member: string,
    windowMs: number,
    recentMs: number,
    maxTracked: number,
  ): Promise<DistinctCount> {
    return this.#one(op.noteDistinct(key, member, windowMs, recentMs, maxTracked));
  }

  countDistinct(key: string, windowMs: number, recentMs: number): Promise<DistinctCount> {
    return this.#one(op.countDistinct(key, windowMs, recentMs));
  }

  pushRecent(key: string, value: number, keep: number, ttlMs: number): Promise<number[]> {
    return this.#one(op.pushRecent(key, value, keep, ttlMs));
  }

  recent(key: string): Promise<number[]> {
    return this.#one(op.recent(key));
  }

  marked(keys: readonly string[]): Promise<boolean[]> {
    return this.#one(op.marked(keys));
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    const expiresAt = this.#clock.nowMs() + ttlMs;
    await this.#send([{ code: 'mark', key: `m:${key}`, args: [String(expiresAt), ttlMs + this.#slack] }]);
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.nowMs();
    const [claimed] = await this.#send([
      { code: 'claim', key: `m:${key}`, args: [now, now + ttlMs, ttlMs + this.#slack] },
    ]);
    return Number(claimed) === 1;
  }

  async close(): Promise<void> {}
}
