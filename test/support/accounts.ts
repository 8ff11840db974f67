// Accounts and companies made straight in the database, with a real session (createSession), for
// tests that need a signed-in person but not the e-mail sign-up flow of api/identity.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../api/db/index.ts';
import { createSession } from '../../api/identity/sessions.ts';
import type { SessionAccount } from '../../api/identity/sessions.ts';
import { newId } from '../../api/ids.ts';
import type { Services } from '../../api/services.ts';

export interface TestAccount {
  accountId: string;
  token: string;
  /** The random stand-in for the keyed e-mail hash, so leak tests can look for it. */
  emailHash: Buffer;
}

export interface TestCompany {
  id: string;
  slug: string;
  name: string;
}

export async function createTestCompany(
  db: Queryable,
  clock: Services['clock'],
  input: { slug: string; name: string },
): Promise<TestCompany> {
  const id = newId();
  await db.query('INSERT INTO companies (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [
    id,
    input.slug,
    input.name,
    clock.now(),
  ]);
  return { id, ...input };
}

export async function createTestAccount(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  options: { memberKind?: SessionAccount['memberKind']; companyId?: string | null } = {},
): Promise<TestAccount> {
  const memberKind = options.memberKind ?? (options.companyId ? 'employee' : 'member');
  const accountId = newId();
  const emailHash = randomBytes(32);
  await services.db.query(
    `INSERT INTO accounts (id, email_hash, password_hash, member_kind, company_id, created_on)
     VALUES ($1, $2, 'not-a-password-hash', $3, $4, $5::date)`,
    [
      accountId,
      emailHash,
      memberKind,
      options.companyId ?? null,
      services.clock.now().toISOString().slice(0, 10),
    ],
  );
  const { token } = await signIn(services, accountId);
  return { accountId, token, emailHash };
}

/** A fresh session for an existing account (e.g. after the clock moved past the old one's expiry). */
export async function signIn(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  accountId: string,
): Promise<{ token: string }> {
  const { token } = await createSession(
    services.db,
    services.clock,
    accountId,
    services.config.sessionTtlHours,
  );
  return { token };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
