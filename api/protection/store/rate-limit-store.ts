// Adapts a CounterStore to the store interface of @fastify/rate-limit (incr / read / child), so the
// plugin's limiters count in our clock-driven windows, in Redis or memory, like everything else.
// (The plugin's own LocalStore and RedisStore time windows by Date.now() and Redis TTLs.)
// Keys are used as the limiters make them, so they carry their own namespace (rate-limits.ts:
// "rl:…") and, made once per client there, reach the store without a new string per request.
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { CounterStore } from './counter-store.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

export function rateLimitStoreFor(counters: CounterStore): FastifyRateLimitStoreCtor {
  return class ClockedRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      counters.increment(key, timeWindow).then(
        ({ count, resetMs }) => callback(null, { current: count, ttl: resetMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      counters.peek(key, timeWindow).then(
        ({ count, resetMs }) => callback(null, { current: count, ttl: count === 0 ? 0 : resetMs }),
        (error: Error) => callback(error),
      );
    }

    // Every limiter shares the one counter space; keys already carry their class and layer.
    child(): this {
      return this;
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
