// POST /v1/auth/verify: the right code turns a pending sign-up into an account and a session.
// An address with no pending code (unknown, or already an account) is answered from an in-memory
// twin that counts tries and expires the same way, so the answers never tell the two apart.
import { findCompanyById } from '../companies/repository.ts';
import type { Services } from '../services.ts';
import { createAccount } from './accounts.ts';
import { lookupHash } from './email.ts';
import type { MemberKind } from './membership.ts';
import { openSession } from './sessions.ts';
import { checkCode, codeRefusalError } from './code-check.ts';
import { codeHash, countWrongTry, deletePendingSignup, lockPendingSignup } from './signup-codes.ts';
import type { UnknownAddressCodes } from './unknown-address-codes.ts';

export interface VerifyInput {
  email: string;
  code: string;
}

export interface Verified {
  token: string;
  expiresAt: string;
  member: { kind: MemberKind; company: { slug: string; name: string } | null };
}

export async function verify(
  services: Services,
  unknownCodes: UnknownAddressCodes,
  input: VerifyInput,
): Promise<Verified> {
  const { db, clock, secrets } = services;
  // An address we could never have sent a code to is answered like any unknown one.
  const hash = lookupHash(secrets.EMAIL_HASH_SECRET, input.email);
  const given = codeHash(secrets.EMAIL_HASH_SECRET, hash, input.code);

  const outcome = await db.transaction(async (tx) => {
    const now = clock.now();
    const checked = await checkCode(await lockPendingSignup(tx, hash), given, now, {
      forget: () => deletePendingSignup(tx, hash),
      countWrongTry: () => countWrongTry(tx, hash),
      refuseUnknown: () => unknownCodes.refuse(hash, now),
    });
    if (checked.kind !== 'right') return checked;
    const pending = checked.row;
    const accountId = await createAccount(tx, clock, services.random, {
      emailHash: hash,
      passwordHash: pending.password_hash,
      memberKind: pending.member_kind,
      companyId: pending.company_id,
    });
    await deletePendingSignup(tx, hash);
    // The address got an account meanwhile: this code is spent, like any used one.
    if (!accountId) return { kind: 'used-up' } as const;
    const session = await openSession(tx, services, accountId);
    const company = pending.company_id ? await findCompanyById(tx, pending.company_id) : null;
    return {
      kind: 'verified',
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      member: {
        kind: pending.member_kind,
        company: company ? { slug: company.slug, name: company.name } : null,
      },
    } as const;
  });

  if (outcome.kind === 'verified') {
    const { kind: _, ...verified } = outcome;
    return verified;
  }
  throw codeRefusalError(outcome, 'Register again at /v1/auth/register to get a new one.');
}
