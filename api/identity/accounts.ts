// The accounts table: an e-mail hash, an argon2id password hash, what the e-mail domain proved
// (member kind and employer), the day it was made, and the login back-off counters.
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/index.ts';
import { newId, type Random } from '../ids.ts';
import { lockSeconds, type LoginFailures } from './login-backoff.ts';
import type { MemberKind } from './membership.ts';

export interface LoginRow extends LoginFailures {
  id: string;
  passwordHash: string;
}

export async function accountExists(db: Queryable, emailHash: Buffer): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM accounts WHERE email_hash = $1', [emailHash]);
  return rows.length > 0;
}

export async function findLoginRow(db: Queryable, emailHash: Buffer): Promise<LoginRow | null> {
  const { rows } = await db.query<{
    id: string;
    password_hash: string;
    failed_logins: number;
    locked_until: Date | null;
  }>('SELECT id, password_hash, failed_logins, locked_until FROM accounts WHERE email_hash = $1', [
    emailHash,
  ]);
  const row = rows[0];
  return row
    ? {
        id: row.id,
        passwordHash: row.password_hash,
        failures: row.failed_logins,
        lockedUntil: row.locked_until,
      }
    : null;
}

export interface NewAccount {
  emailHash: Buffer;
  passwordHash: string;
  memberKind: MemberKind;
  companyId: string | null;
}

/** The new account's id, or null when the address got an account meanwhile. */
export async function createAccount(
  db: Queryable,
  clock: Clock,
  random: Random,
  account: NewAccount,
): Promise<string | null> {
  const id = newId(random);
  // The day only: account age matters to bot signals, the exact second would only fingerprint.
  const createdOn = clock.now().toISOString().slice(0, 10);
  const { rowCount } = await db.query(
    `INSERT INTO accounts (id, email_hash, password_hash, member_kind, company_id, created_on)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email_hash) DO NOTHING`,
    [id, account.emailHash, account.passwordHash, account.memberKind, account.companyId, createdOn],
  );
  return rowCount > 0 ? id : null;
}

export async function recordLoginFailure(db: Queryable, clock: Clock, accountId: string): Promise<void> {
  const { rows } = await db.query<{ failed_logins: number }>(
    'UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins',
    [accountId],
  );
  const lock = lockSeconds(rows[0]?.failed_logins ?? 0);
  if (lock === 0) return;
  const until = new Date(clock.now().getTime() + lock * 1000);
  // GREATEST: of two failures racing, the longer lock wins.
  await db.query(
    'UPDATE accounts SET locked_until = GREATEST(COALESCE(locked_until, $2::timestamptz), $2::timestamptz) WHERE id = $1',
    [accountId, until],
  );
}

export async function clearLoginFailures(db: Queryable, accountId: string): Promise<void> {
  await db.query(
    'UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND failed_logins > 0',
    [accountId],
  );
}
