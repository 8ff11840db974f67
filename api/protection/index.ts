// The scraper defence (S1–S6), one Fastify plugin registered right after `authenticate` and before
// every route. It builds what the layers share (policy, counter store, metrics, event log, allow-
// list, canary ids) and registers the layers in the order a request meets them:
//   client identity → fingerprint → allow-list → traps → behaviour → budgets → decision → verdict
// (traps, behaviour and budget counting start their store lookups together — one Redis round
// trip — and the decision waits for them),
// then the routes it owns: POST /v1/challenge, GET /metrics, GET /robots.txt and the honeypots.
// README.md in this folder explains the policy, the challenge protocol and Redis failure modes.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { ProtectionMode } from '../config.ts';
import type { Services } from '../services.ts';
import { AllowList, allowListLayer } from './allow-list.ts';
import { behaviourLayer } from './behaviour.ts';
import { ChallengeAuthority, challengeLayer } from './challenge.ts';
import { clientIdentityLayer } from './client-identity.ts';
import type { ProtectionContext } from './context.ts';
import { decisionLayer } from './decision.ts';
import { BotEventLog } from './events.ts';
import { fingerprintLayer } from './fingerprint.ts';
import { metricsLayer, ProtectionMetrics } from './metrics.ts';
import { loadPolicy, type Policy } from './policy.ts';
import { rateLimitCounting, rateLimitVerdict } from './rate-limits.ts';
import { MemoryCounterStore } from './store/memory-store.ts';
import { RedisCounterStore } from './store/redis-store.ts';
import { ResilientCounterStore } from './store/resilient-store.ts';
import { StoreKeys } from './store-keys.ts';
import { CanaryRegistry, trapsLayer } from './traps.ts';

export interface ProtectionOptions {
  services: Services;
  /** Use this policy instead of reading config.protectionPolicyPath (tests, benchmarks). */
  policy?: Policy;
  /** Overrides config.protectionMode. */
  mode?: ProtectionMode;
  /** Overrides config.redisUrl; null forces the memory store. */
  redisUrl?: string | null;
  /** Overrides config.redisKeyPrefix (REDIS_KEY_PREFIX, default "wc:p:"); unique per test. */
  redisKeyPrefix?: string;
  /** Create canary threads at start-up and every ten minutes (default true). */
  canaries?: boolean;
}

/** What the rest of the app (operator routes, tests) may reach: `app.protection`. */
export interface ProtectionHandle {
  readonly policy: Policy;
  readonly mode: ProtectionMode;
  readonly allowList: AllowList;
  readonly canaries: CanaryRegistry;
  readonly metrics: ProtectionMetrics;
  readonly store: ResilientCounterStore;
  /** Writes buffered bot_events rows now. */
  flushEvents(): Promise<void>;
  /** Re-reads the allow-list and canary ids (after another instance or a test changed them). */
  refresh(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    protection: ProtectionHandle;
  }
}

const EVENT_FLUSH_MS = 1_000;
const ALLOW_LIST_RELOAD_MS = 30_000;
const CANARY_REFRESH_MS = 10 * 60_000;
const REDIS_READY_WAIT_MS = 2_000;

const plugin: FastifyPluginAsync<ProtectionOptions> = async (app, options) => {
  const { services } = options;
  const { config, db, clock, random } = services;
  const policy = options.policy ?? loadPolicy(config.protectionPolicyPath);
  const mode = options.mode ?? config.protectionMode;
  const metrics = new ProtectionMetrics();

  const redisUrl = options.redisUrl === undefined ? config.redisUrl : (options.redisUrl ?? undefined);
  const redis = redisUrl ? openRedis(redisUrl, app.log) : null;
  if (redis) await readyOrTimeout(redis, REDIS_READY_WAIT_MS);
  const shared = redis
    ? new RedisCounterStore(redis, clock, { keyPrefix: options.redisKeyPrefix ?? config.redisKeyPrefix })
    : null;
  const store = new ResilientCounterStore(shared, new MemoryCounterStore(clock), () =>
    metrics.storeFailures.inc(),
  );

  const events = new BotEventLog(db, metrics, (err) =>
    app.log.error({ err }, 'protection: bot_events write failed'),
  );
  const allowList = new AllowList();
  await allowList.reload(db);
  const canaries = new CanaryRegistry();
  const withCanaries = options.canaries !== false;
  if (withCanaries) await canaries.refresh(db, clock, random);

  const storeKeys = new StoreKeys();
  const context: ProtectionContext = {
    services,
    policy,
    mode,
    store,
    storeKeys,
    metrics,
    events,
    allowList,
    canaries,
  };
  const authority = new ChallengeAuthority(services.secrets.PASS_SECRET, clock, random, policy.challenge);
  const handle: ProtectionHandle = {
    policy,
    mode,
    allowList,
    canaries,
    metrics,
    store,
    flushEvents: () => events.flush(),
    async refresh() {
      await allowList.reload(db);
      if (withCanaries) await canaries.refresh(db, clock, random);
    },
  };
  app.decorate('protection', handle);

  await app.register(clientIdentityLayer, { context });
  await app.register(fingerprintLayer, { context });
  await app.register(allowListLayer, { allowList });
  await app.register(trapsLayer, { context });
  await app.register(behaviourLayer, { context });
  await app.register(rateLimitCounting, { context });
  await app.register(decisionLayer, { context, authority });
  await app.register(rateLimitVerdict, { context });
  await app.register(challengeLayer, { context, authority });
  await app.register(metricsLayer, { metrics });

  const logFailure = (what: string) => (err: unknown) => app.log.error({ err }, `protection: ${what} failed`);
  const timers = [
    setInterval(() => void events.flush(), EVENT_FLUSH_MS),
    setInterval(() => void allowList.reload(db).catch(logFailure('allow-list reload')), ALLOW_LIST_RELOAD_MS),
    ...(withCanaries
      ? [
          setInterval(
            () => void canaries.refresh(db, clock, random).catch(logFailure('canary refresh')),
            CANARY_REFRESH_MS,
          ),
        ]
      : []),
  ];
  for (const timer of timers) timer.unref();

  app.addHook('onClose', async () => {
    for (const timer of timers) clearInterval(timer);
    await events.flush();
    await store.close();
    redis?.disconnect();
  });
};

function openRedis(
  url: string,
  log: { warn: (obj: object, msg: string) => void; info: (msg: string) => void },
) {
  const redis = new Redis(url, {
    // Fail fast instead of queueing while disconnected: resilient-store.ts falls back to memory.
    enableOfflineQueue: false,
    // No auto-pipelining: the store already sends a tick's operations as one script call.
    commandTimeout: 250,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(200 * times, 5_000),
  });
  let down = false;
  redis.on('error', (err) => {
    if (!down)
      log.warn({ err }, 'protection: Redis is unreachable; counting in local memory until it is back');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('protection: Redis is back; counts are shared again');
    down = false;
  });
  return redis;
}

async function readyOrTimeout(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const protection = fp(plugin, { name: 'protection', dependencies: ['authenticate'] });
