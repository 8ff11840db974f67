// Sign-up codes: six random digits, mailed, stored only as a keyed hash in email_codes next to the
// pending account (password hash, employer). A code lives 10 minutes and allows 5 tries.
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/index.ts';
import type { Random } from '../ids.ts';
import { keyedHash } from '../keys/crypto.ts';
import type { MemberKind } from './membership.ts';

export const CODE_TTL_MINUTES = 10;
export const CODE_MAX_TRIES = 5;
/**
 * Pending rows are kept a day past expiry, so "expired, register again" outlives the code; after
 * that they count as gone (verify.ts) and are swept. The forgetting job should keep them as long.
 */
export const PENDING_KEPT_AFTER_EXPIRY_MS = 86_400_000;

const UINT32_RANGE = 2 ** 32;
const CODE_SPACE = 1_000_000;
const UNBIASED_LIMIT = UINT32_RANGE - (UINT32_RANGE % CODE_SPACE);

/** Six uniformly random digits (rejection sampling: no modulo bias). */
export function newCode(random: Random): string {
  for (;;) {
    const n = random(4).readUInt32BE(0);
    if (n < UNBIASED_LIMIT) return String(n % CODE_SPACE).padStart(6, '0');
  }
}

export function codeHash(emailHashSecret: string, emailHash: Buffer, code: string): Buffer {
  return keyedHash(emailHashSecret, 'signup-code', emailHash, code);
}

export interface PendingSignup {
  emailHash: Buffer;
  codeHash: Buffer;
  passwordHash: string;
  memberKind: MemberKind;
  companyId: string | null;
}

/** Registering again replaces the pending code: a fresh code, fresh tries, a fresh 10 minutes. */
export async function savePendingSignup(db: Queryable, clock: Clock, pending: PendingSignup): Promise<void> {
  const now = clock.now();
  await db.query('DELETE FROM email_codes WHERE expires_at < $1', [
    new Date(now.getTime() - PENDING_KEPT_AFTER_EXPIRY_MS),
  ]);
  await db.query(
    `INSERT INTO email_codes (email_hash, code_hash, password_hash, company_id, member_kind, attempts, expires_at)
     VALUES ($1, $2, $3, $4, $5, 0, $6)
     ON CONFLICT (email_hash) DO UPDATE
       SET code_hash = EXCLUDED.code_hash, password_hash = EXCLUDED.password_hash,
           company_id = EXCLUDED.company_id, member_kind = EXCLUDED.member_kind,
           attempts = 0, expires_at = EXCLUDED.expires_at`,
    [
      pending.emailHash,
      pending.codeHash,
      pending.passwordHash,
      pending.companyId,
      pending.memberKind,
      new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
    ],
  );
}

export interface PendingRow {
  code_hash: Buffer;
  password_hash: string;
  company_id: string | null;
  member_kind: MemberKind;
  attempts: number;
  expires_at: Date;
}

/** The pending sign-up, locked for this transaction so parallel guesses cannot exceed the tries. */
export async function lockPendingSignup(tx: Queryable, emailHash: Buffer): Promise<PendingRow | null> {
  const { rows } = await tx.query<PendingRow>(
    `SELECT code_hash, password_hash, company_id, member_kind, attempts, expires_at
       FROM email_codes WHERE email_hash = $1 FOR UPDATE`,
    [emailHash],
  );
  return rows[0] ?? null;
}

export async function countWrongTry(tx: Queryable, emailHash: Buffer): Promise<number> {
  const { rows } = await tx.query<{ attempts: number }>(
    'UPDATE email_codes SET attempts = attempts + 1 WHERE email_hash = $1 RETURNING attempts',
    [emailHash],
  );
  return rows[0]?.attempts ?? CODE_MAX_TRIES;
}

export async function deletePendingSignup(tx: Queryable, emailHash: Buffer): Promise<void> {
  await tx.query('DELETE FROM email_codes WHERE email_hash = $1', [emailHash]);
}
