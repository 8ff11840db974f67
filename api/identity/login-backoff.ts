// Login back-off: from the 5th wrong password in a row an address is locked for 30 s, doubling
// with each further failure up to 15 minutes; a right password clears it. Known accounts keep
// the count in their row (shared by every API instance); unknown addresses keep the same count
// here in memory, so the lockout itself never tells whether an address has an account.
import { AppError } from '../errors.ts';
import { BoundedMap } from './bounded-map.ts';

export const FAILURES_BEFORE_LOCK = 4;
const LOCK_BASE_SECONDS = 30;
const LOCK_CAP_SECONDS = 15 * 60;

export interface LoginFailures {
  failures: number;
  lockedUntil: Date | null;
}

/** How long to lock after this many failures in a row (0: not yet). */
export function lockSeconds(failures: number): number {
  if (failures <= FAILURES_BEFORE_LOCK) return 0;
  const doublings = Math.min(failures - FAILURES_BEFORE_LOCK - 1, 20);
  return Math.min(LOCK_BASE_SECONDS * 2 ** doublings, LOCK_CAP_SECONDS);
}

/** Seconds until the lock ends, rounded up; 0 when not locked. */
export function secondsLocked(state: LoginFailures, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}

export function tooManyLoginAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    429,
    'TOO_MANY_LOGIN_ATTEMPTS',
    `Too many wrong passwords for this address. Try again in ${retryAfterSeconds} seconds.`,
    { 'retry-after': String(retryAfterSeconds) },
    { retryAfterSeconds },
  );
}

/** The in-memory twin of accounts.failed_logins / locked_until, for addresses with no account. */
export class UnknownAddressFailures {
  readonly #byEmailHash: BoundedMap<string, LoginFailures>;

  constructor(capacity = 20_000) {
    this.#byEmailHash = new BoundedMap(capacity);
  }

  get(emailHash: Buffer): LoginFailures {
    return this.#byEmailHash.get(emailHash.toString('base64')) ?? { failures: 0, lockedUntil: null };
  }

  recordFailure(emailHash: Buffer, now: Date): void {
    const failures = this.get(emailHash).failures + 1;
    const lock = lockSeconds(failures);
    this.#byEmailHash.set(emailHash.toString('base64'), {
      failures,
      lockedUntil: lock > 0 ? new Date(now.getTime() + lock * 1000) : null,
    });
  }
}
