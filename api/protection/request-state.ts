// What the protection layers know about one request, kept on request.protection as it passes
// through them (identity → fingerprint → allow-list → traps → behaviour → decision → limits).
import type { FastifyRequest } from 'fastify';
import type { RouteClass } from '../http/route-context.ts';
import type { Evidence } from './signals/evidence.ts';

export type Decision = 'allow' | 'throttle' | 'challenge' | 'block';

export interface ProtectionState {
  readonly routeClass: RouteClass;
  /** Whether this class gets scored and decided (policy.decisionClasses); others only get budgets. */
  readonly judged: boolean;
  /** HMAC of the /24 or /48 prefix under today's network-chain key, hex. Never the address itself. */
  readonly networkKey: string;
  /** HMAC of the account id under this month's account-chain key, hex; null without a session. */
  readonly accountTag: string | null;
  fingerprintId: string;
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

// Store keys use 96-bit prefixes of the hex tags: short, and still collision-free in practice.
export const shortNetwork = (state: ProtectionState): string => state.networkKey.slice(0, 24);
export const shortAccount = (state: ProtectionState): string | null => state.accountTag?.slice(0, 24) ?? null;

/** One browser or app on one network: the unit for requests without a session. */
export const clientKey = (state: ProtectionState): string =>
  `${state.fingerprintId.slice(0, 24)}.${shortNetwork(state)}`;

/** Who behaviour is tracked for: the account when there is a session, the client otherwise. */
export const actorKey = (state: ProtectionState): string =>
  state.accountTag ? `a.${shortAccount(state)}` : `c.${clientKey(state)}`;
