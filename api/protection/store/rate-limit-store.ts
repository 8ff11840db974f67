// Adapts a CounterStore to the store interface of @fastify/rate-limit (incr / read / child), so the
// plugin's limiters count in our clock-driven windows, in Redis or memory, like everything else.
// (The plugin's own LocalStore and RedisStore time windows by Date.now() and Redis TTLs.)
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { CounterStore } from './counter-store.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

export function rateLimitStoreFor(counters: CounterStore, namespace = 'rl'): FastifyRateLimitStoreCtor {
  return class ClockedRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      counters.increment(`${namespace}:${key}`, timeWindow).then(
        ({ count, resetMs }) => callback(null, { current: count, ttl: resetMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      counters.peek(`${namespace}:${key}`, timeWindow).then(
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
