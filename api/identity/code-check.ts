// The check both mailed-code flows make (sign-up in verify.ts, password reset in
// password-reset.ts): a code row kept a day past expiry, 5 tries, compared in constant time; an
// address without a row is answered by its in-memory twin (unknown-address-codes.ts), so the
// answers never tell the two apart. Also the refusal a person reads, naming how to get a new code.
import { timingSafeEqual } from 'node:crypto';
import { type AppError, badRequest } from '../errors.ts';
import { CODE_MAX_TRIES, CODE_TTL_MINUTES, PENDING_KEPT_AFTER_EXPIRY_MS } from './signup-codes.ts';
import type { Refusal } from './unknown-address-codes.ts';

export interface CodeRow {
  code_hash: Buffer;
  attempts: number;
  expires_at: Date;
}

export interface CodeStore {
  /** Deletes the row (it outlived its keeping time). */
  forget(): Promise<void>;
  /** Counts one wrong try; returns the tries used so far. */
  countWrongTry(): Promise<number>;
  /** The answer for an address with no row. */
  refuseUnknown(): Refusal;
}

/** The row when `given` is its code; otherwise why not, as a person will be told. */
export async function checkCode<Row extends CodeRow>(
  row: Row | null,
  given: Buffer,
  now: Date,
  store: CodeStore,
): Promise<{ kind: 'right'; row: Row } | Refusal> {
  let pending = row;
  // Past its keeping time a row counts as gone, whether or not a sweep has run yet.
  if (pending && pending.expires_at.getTime() + PENDING_KEPT_AFTER_EXPIRY_MS < now.getTime()) {
    await store.forget();
    pending = null;
  }
  if (!pending) return store.refuseUnknown();
  if (pending.expires_at.getTime() <= now.getTime()) return { kind: 'expired' };
  if (pending.attempts >= CODE_MAX_TRIES) return { kind: 'used-up' };
  if (timingSafeEqual(pending.code_hash, given)) return { kind: 'right', row: pending };
  const attempts = await store.countWrongTry();
  return { kind: 'wrong', triesLeft: Math.max(0, CODE_MAX_TRIES - attempts) };
}

/** `again` tells how to get a new code, e.g. "Register again at /v1/auth/register to get a new one." */
export function codeRefusalError(refusal: Refusal, again: string): AppError {
  switch (refusal.kind) {
    case 'expired':
      return badRequest(
        'CODE_EXPIRED',
        `This code has expired (codes last ${CODE_TTL_MINUTES} minutes). ${again}`,
      );
    case 'used-up':
      return badRequest(
        'CODE_USED_UP',
        `This code no longer works after ${CODE_MAX_TRIES} wrong tries. ${again}`,
      );
    case 'wrong':
      return badRequest(
        'CODE_WRONG',
        refusal.triesLeft > 0
          ? `That code is not right. ${refusal.triesLeft} ${refusal.triesLeft === 1 ? 'try' : 'tries'} left.`
          : `That code is not right, and that was the last try. ${again}`,
        { triesLeft: refusal.triesLeft },
      );
  }
}
