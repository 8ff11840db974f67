// The in-memory twin of email_codes for addresses with no pending code (never registered, or
// already an account). It restarts when such an address registers, counts tries, expires and
// is swept like a real pending code, so /v1/auth/verify answers the same either way.
import { BoundedMap } from './bounded-map.ts';
import { CODE_MAX_TRIES, CODE_TTL_MINUTES, PENDING_KEPT_AFTER_EXPIRY_MS } from './signup-codes.ts';

export type Refusal = { kind: 'expired' } | { kind: 'used-up' } | { kind: 'wrong'; triesLeft: number };

interface Twin {
  attempts: number;
  expiresAt: number;
}

export class UnknownAddressCodes {
  readonly #byEmailHash: BoundedMap<string, Twin>;

  constructor(capacity = 20_000) {
    this.#byEmailHash = new BoundedMap(capacity);
  }

  /** As registering does to a real pending code: fresh tries, a fresh 10 minutes. */
  restart(emailHash: Buffer, now: Date): void {
    this.#byEmailHash.set(emailHash.toString('base64'), this.#fresh(now.getTime()));
  }

  /** Every code is wrong here; what matters is that the refusal looks like a real one. */
  refuse(emailHash: Buffer, now: Date): Refusal {
    const key = emailHash.toString('base64');
    const at = now.getTime();
    let twin = this.#byEmailHash.get(key);
    if (!twin || twin.expiresAt + PENDING_KEPT_AFTER_EXPIRY_MS < at) twin = this.#fresh(at);
    if (twin.expiresAt <= at) return { kind: 'expired' };
    if (twin.attempts >= CODE_MAX_TRIES) return { kind: 'used-up' };
    twin = { ...twin, attempts: twin.attempts + 1 };
    this.#byEmailHash.set(key, twin);
    return { kind: 'wrong', triesLeft: CODE_MAX_TRIES - twin.attempts };
  }

  #fresh(at: number): Twin {
    return { attempts: 0, expiresAt: at + CODE_TTL_MINUTES * 60_000 };
  }
}
