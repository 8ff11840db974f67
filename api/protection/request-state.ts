// What the protection layers know about one request, kept on request.protection as it passes
// through them (identity → fingerprint → allow-list → traps → behaviour → decision → limits).
import type { FastifyRequest } from 'fastify';
import type { RouteClass } from '../http/route-context.ts';
import type { Evidence } from './signals/evidence.ts';
import type { StoreKeys } from './store-keys.ts';

export type Decision = 'allow' | 'throttle' | 'challenge' | 'block';

export interface ProtectionState {
  readonly routeClass: RouteClass;
  /** Whether this class gets scored and decided (policy.decisionClasses); others only get budgets. */
  readonly judged: boolean;
  /** HMAC of the /24 or /48 prefix under today's network-chain key, hex. Never the address itself. */
  readonly networkKey: string;
  /** HMAC of the account id under this month's account-chain key, hex; null without a session. */
  readonly accountTag: string | null;
  /** The network in store keys: the first 96 bits of networkKey (short, and collision-free in practice). */
  readonly network: string;
  /** The account in store keys: the first 96 bits of accountTag; null without a session. */
  readonly account: string | null;
  /** Set by the fingerprint layer, like the three below (see identifyClient). */
  fingerprintId: string;
  /** The fingerprint in store keys: the first 96 bits of fingerprintId. */
  fingerprint: string;
  /** One browser or app on one network, "<fingerprint, 96 bits>.<network>": the unit without a session. */
  client: string;
  /** Who behaviour is tracked for: "a.<account>" with a session, "c.<client>" without. */
  actor: string;
  readonly evidence: Evidence[];
  allowListed: boolean;
  score: number;
  decision: Decision;
  /** The request carried a valid challenge pass that turned a challenge into an allow. */
  passed: boolean;
  /** Which budget refused (or, in monitor mode, would have refused) the request. */
  limited: string | null;
  /**
   * Store lookups a layer started without waiting (traps, behaviour): they run together, in one
   * Redis round trip, and the decision layer waits for all of them before it scores.
   */
  readonly pending: Promise<void>[];
}

/** Starts `work` now and lets the decision layer wait for it; a failure is logged there, not thrown. */
export function alongside(
  state: ProtectionState,
  work: Promise<void>,
  onError: (error: unknown) => void,
): void {
  state.pending.push(work.catch(onError));
}

declare module 'fastify' {
  interface FastifyRequest {
    protection: ProtectionState | null;
  }
}

export function routeClassOf(request: FastifyRequest): RouteClass {
  return request.routeOptions.config?.routeClass ?? 'public';
}

/**
 * Completes the request's identity once its fingerprint is known. The strings come from `keys`,
 * so every request of one client carries the same string objects (see store-keys.ts).
 */
export function identifyClient(
  state: ProtectionState,
  fingerprint: { id: string; short: string },
  keys: StoreKeys,
): void {
  state.fingerprintId = fingerprint.id;
  state.fingerprint = fingerprint.short;
  state.client = keys.pair(fingerprint.short, state.network);
  state.actor = keys.actor(state.account, state.client);
}
