// Layered budgets (S1) on @fastify/rate-limit: per route class, keyed by account, by network
// prefix and by fingerprint, each with its own number in the policy (0 turns a layer off), plus
// the daily read quota per account (thread views; smaller for new cheap accounts). A throttle decision shrinks every budget by
// policy.throttleFactor. Counting goes through our clock-driven counter store (Redis when
// configured, memory otherwise), started in the same round trip as the behaviour lookups;
// answers carry RateLimit-Limit/-Remaining/-Reset, and a refusal is a 429 with Retry-After.
// While Redis is down each class does what policy.redisDown says: "local" counts in this instance's memory, "closed" answers 503, "open" skips its budgets.
// (Per-account login back-off lives with the login itself: api/identity/login-backoff.ts.)
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DAY_MS } from '../clock.ts';
import { AppError, unavailable } from '../errors.ts';
import type { RouteClass } from '../http/route-context.ts';
import type { LayerOptions } from './context.ts';
import type { Policy } from './policy.ts';
import type { SessionAccount } from '../identity/sessions.ts';
import type { ProtectionState } from './request-state.ts';
import { isCheapAccount } from './signals/sybil.ts';
import { rateLimitStoreFor } from './store/rate-limit-store.ts';

type Layer = 'account' | 'network' | 'fingerprint';
const LAYERS: readonly Layer[] = ['account', 'network', 'fingerprint'];
const WHO: Record<Layer, string> = {
  account: 'this account',
  network: 'your network',
  fingerprint: 'this app or browser build',
};

/** The policy's budget for a class and layer (0: the layer is off). */
export function fullBudget(policy: Policy, routeClass: RouteClass, layer: Layer): number {
  const budget = policy.budgets[routeClass];
  return layer === 'account'
    ? budget.perAccount
    : layer === 'network'
      ? budget.perNetwork
      : budget.perFingerprint;
}

/** The daily read quota of a request's account: smaller for new cheap accounts (sybil farms' stock). */
export function readQuotaFor(policy: Policy, account: SessionAccount | null, now: Date): number {
  const { perAccountPerDay, perCheapAccountPerDay } = policy.readQuota;
  if (perCheapAccountPerDay === undefined || !account) return perAccountPerDay;
  return isCheapAccount(account, now, policy.behaviour.sybil) ? perCheapAccountPerDay : perAccountPerDay;
}

/** The budget a request is judged by: the full one, or a throttled client's share of it. */
export function budgetFor(policy: Policy, state: ProtectionState, layer: Layer): number {
  const base = fullBudget(policy, state.routeClass, layer);
  if (base === 0) return 0;
  return state.decision === 'throttle' ? Math.max(1, Math.floor(base * policy.throttleFactor)) : base;
}

/** The subject a layer counts: the account, the network, or the client's fingerprint. */
function subjectOf(state: ProtectionState, layer: Layer): string | null {
  if (layer === 'account') return state.account;
  if (layer === 'network') return state.network;
  return state.fingerprint;
}

const stateOf = (request: FastifyRequest): ProtectionState => request.protection!;

type LimiterResult = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

export interface BudgetVerdict {
  limit: string;
  max: number;
  remaining: number;
  resetSeconds: number;
  windowSeconds: number;
  exceeded: boolean;
}

/**
 * Counting starts before the decision (in the same round trip as the behaviour lookups), against
 * the full budget; once the decision is known a throttle shrinks the budget it is judged by.
 */
export function verdictFor(limit: string, result: LimiterResult, max: number): BudgetVerdict | null {
  if (result.isAllowed) return null;
  // The limiter reports remaining = max(0, budget − count) and exceeded = count > budget.
  const count = result.isExceeded ? result.max + 1 : result.max - result.remaining;
  return {
    limit,
    max,
    remaining: Math.max(0, max - count),
    resetSeconds: result.ttlInSeconds,
    windowSeconds: Math.round(result.timeWindow / 1000),
    exceeded: result.isExceeded || count > max,
  };
}

/** A budget a request is counted against: one of its layers, or the daily read quota (layer null). */
interface Budget {
  readonly limit: string;
  readonly layer: Layer | null;
}

const READ_QUOTA: Budget = { limit: 'read-quota', layer: null };

/** The budgets a request is counted against, and their counts in the same order. */
interface BudgetCounts {
  readonly budgets: readonly Budget[];
  readonly results: Promise<LimiterResult[]>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Budget counts started by rateLimitCounting, judged by rateLimitVerdict. */
    budgetCounts: BudgetCounts | null;
  }
}

const counting: FastifyPluginAsync<LayerOptions> = async (app, { context }) => {
  const { policy, store, storeKeys } = context;
  const { clock } = context.services;
  await app.register(rateLimit, { global: false, store: rateLimitStoreFor(store), enableDraftSpec: true });
  app.decorateRequest('budgetCounts', null);

  // One limiter per route class and layer that has a budget, with its numbers fixed (the plugin
  // awaits a max or timeWindow given as a function, twice per check). Allow-listed requests never
  // reach them (see the hook), so they need no allowList.
  const limiters = new Map(
    (Object.keys(policy.budgets) as RouteClass[]).map((routeClass) => [
      routeClass,
      LAYERS.filter((layer) => fullBudget(policy, routeClass, layer) > 0).map((layer) => {
        // "rl:read.a.<account>", "rl:read.n.<network>", "rl:read.f.<fingerprint>"
        const keys = storeKeys.family(`rl:${routeClass}.${layer[0]}.`);
        return {
          layer,
          limit: `rate-limit-${layer}`,
          check: app.createRateLimit({
            keyGenerator: (request) => {
              const subject = subjectOf(stateOf(request), layer);
              return subject === null ? '-' : keys.of(subject);
            },
            max: fullBudget(policy, routeClass, layer),
            timeWindow: policy.budgets[routeClass].windowSeconds * 1000,
          }),
        };
      }),
    ]),
  );
  // The daily read quota: the same counter, judged by the smaller number for new cheap accounts.
  const quotaKeys = storeKeys.family('rl:quota.');
  const quotaLimiter = (max: number) =>
    app.createRateLimit({
      keyGenerator: (request) => quotaKeys.of(stateOf(request).account ?? '-'),
      max,
      timeWindow: DAY_MS,
    });
  const quota = quotaLimiter(policy.readQuota.perAccountPerDay);
  const cheapQuota =
    policy.readQuota.perCheapAccountPerDay === undefined
      ? quota
      : quotaLimiter(policy.readQuota.perCheapAccountPerDay);

  app.addHook('onRequest', (request, _reply, done) => {
    const state = request.protection;
    // A throw (a "closed" class while Redis is down) is caught by Fastify and becomes the answer.
    if (state && !state.allowListed) startCounting(request, state);
    done();
  });

  function startCounting(request: FastifyRequest, state: ProtectionState) {
    if (store.degraded) {
      const whenDown = policy.redisDown[state.routeClass];
      if (whenDown === 'open') return;
      if (whenDown === 'closed') {
        if (context.mode === 'enforce')
          throw unavailable(
            'This is paused for a moment while a protection service recovers. Try again in a few seconds.',
          );
        return;
      }
    }
    const budgets: Budget[] = [];
    const checks: Promise<LimiterResult>[] = [];
    if (state.routeClass === 'read' && state.accountTag !== null && policy.readQuota.perAccountPerDay > 0) {
      const full = readQuotaFor(policy, request.account, clock.now()) === policy.readQuota.perAccountPerDay;
      budgets.push(READ_QUOTA);
      checks.push((full ? quota : cheapQuota)(request));
    }
    for (const limiter of limiters.get(state.routeClass) ?? [])
      if (limiter.layer !== 'account' || state.accountTag !== null) {
        budgets.push(limiter);
        checks.push(limiter.check(request));
      }
    if (checks.length === 0) return;
    const results = Promise.all(checks);
    results.catch(() => {}); // awaited by the verdict hook; never an unhandled rejection
    request.budgetCounts = { budgets, results };
  }
};

const verdict: FastifyPluginAsync<LayerOptions> = async (app, { context }) => {
  const { policy, metrics } = context;
  const enforced = context.mode === 'enforce';

  app.addHook('onRequest', async (request, reply) => {
    const state = request.protection;
    if (!state || !request.budgetCounts) return;
    let shown: BudgetVerdict | null = null;
    const { budgets, results: pending } = request.budgetCounts;
    const results = await pending;
    request.budgetCounts = null; // not held through the handler's database work (see decision.ts)
    for (let i = 0; i < budgets.length; i++) {
      const { limit, layer } = budgets[i]!;
      const result = results[i]!;
      if (result.isAllowed) continue;
      // The quota's number is the one its limiter counted with (full, or smaller for a cheap account).
      const max = layer === null ? result.max : budgetFor(policy, state, layer);
      const judged = verdictFor(limit, result, max);
      if (!judged) continue;
      if (judged.exceeded) {
        shown = judged;
        break;
      }
      if (!shown || judged.remaining < shown.remaining) shown = judged;
    }
    if (!shown) return;
    const headers = {
      'ratelimit-limit': String(shown.max),
      'ratelimit-remaining': String(shown.remaining),
      'ratelimit-reset': String(shown.resetSeconds),
    };
    if (!shown.exceeded) {
      reply.headers(headers);
      return;
    }
    state.limited = shown.limit;
    metrics.rateLimited.inc({
      route_class: state.routeClass,
      limit: shown.limit,
      enforced: String(enforced),
    });
    if (!enforced) return;
    const retry = { ...headers, 'retry-after': String(shown.resetSeconds) };
    if (shown.limit === 'read-quota')
      throw new AppError(
        429,
        'READ_QUOTA_EXHAUSTED',
        `This account has opened ${shown.max} threads today, the daily limit. It resets at midnight UTC, in ${shown.resetSeconds} s.` +
          (shown.max < policy.readQuota.perAccountPerDay
            ? ' New accounts without a verified employer have a smaller limit for their first days.'
            : ''),
        retry,
        { retryAfterSeconds: shown.resetSeconds },
      );
    const layer = shown.limit.replace('rate-limit-', '') as Layer;
    throw new AppError(
      429,
      'RATE_LIMITED',
      `Too many ${state.routeClass} requests from ${WHO[layer]}: at most ${shown.max} per ${shown.windowSeconds} s. ` +
        `Try again in ${shown.resetSeconds} s.`,
      retry,
      { retryAfterSeconds: shown.resetSeconds },
    );
  });
};

/** Starts counting the request against its budgets (registered before the decision layer). */
export const rateLimitCounting = fp(counting, { name: 'protection-rate-limit-counting' });
/** Judges the counts against the budgets the decision left (registered after it). */
export const rateLimitVerdict = fp(verdict, { name: 'protection-rate-limit-verdict' });
