// Bearer sessions: an opaque random token goes to the client; only its SHA-256 is stored.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/index.ts';
import { cryptoRandom, type Random } from '../ids.ts';
import type { Services } from '../services.ts';

export interface SessionAccount {
  id: string;
  memberKind: 'employee' | 'verified' | 'member';
  companyId: string | null;
  createdOn: Date;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export async function createSession(
  db: Queryable,
  clock: Clock,
  accountId: string,
  ttlHours: number,
  random: Random = cryptoRandom,
): Promise<{ token: string; expiresAt: Date }> {
  const token = `wc_${random(32).toString('base64url')}`;
  const expiresAt = new Date(clock.now().getTime() + ttlHours * 3_600_000);
  await db.query('INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    accountId,
    expiresAt,
  ]);
  return { token, expiresAt };
}

/** A session for a person who just proved who they are, with the deployment's lifetime. */
export function openSession(
  db: Queryable,
  services: Pick<Services, 'clock' | 'config' | 'random'>,
  accountId: string,
): Promise<{ token: string; expiresAt: Date }> {
  return createSession(db, services.clock, accountId, services.config.sessionTtlHours, services.random);
}

export async function resolveSession(
  db: Queryable,
  clock: Clock,
  token: string,
): Promise<SessionAccount | null> {
  const { rows } = await db.query<{
    id: string;
    member_kind: SessionAccount['memberKind'];
    company_id: string | null;
    created_on: Date;
  }>(
    `SELECT a.id, a.member_kind, a.company_id, a.created_on
       FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [hashToken(token), clock.now()],
  );
  const row = rows[0];
  return row
    ? { id: row.id, memberKind: row.member_kind, companyId: row.company_id, createdOn: row.created_on }
    : null;
}

export async function revokeSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}
