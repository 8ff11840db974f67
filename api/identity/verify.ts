// POST /v1/auth/verify: the right code turns a pending sign-up into an account and a session.
// An address with no pending code (unknown, or already an account) is answered from an in-memory
// twin that counts tries and expires the same way, so the answers never tell the two apart.
import { timingSafeEqual } from 'node:crypto';
import { findCompanyById } from '../companies/repository.ts';
import { type AppError, badRequest } from '../errors.ts';
import type { Services } from '../services.ts';
import { createAccount } from './accounts.ts';
import { emailHash, parseEmail } from './email.ts';
import type { MemberKind } from './membership.ts';
import { createSession } from './sessions.ts';
import {
  CODE_MAX_TRIES,
  CODE_TTL_MINUTES,
  codeHash,
  countWrongTry,
  deletePendingSignup,
  lockPendingSignup,
  PENDING_KEPT_AFTER_EXPIRY_MS,
} from './signup-codes.ts';
import type { Refusal, UnknownAddressCodes } from './unknown-address-codes.ts';

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
  const email = parseEmail(input.email);
  // An address we could never have sent a code to is answered like any unknown one.
  const hash = emailHash(secrets.EMAIL_HASH_SECRET, email?.normalised ?? input.email.trim().toLowerCase());
  const given = codeHash(secrets.EMAIL_HASH_SECRET, hash, input.code);

  const outcome = await db.transaction(async (tx) => {
    const now = clock.now();
    let pending = await lockPendingSignup(tx, hash);
    // Past its keeping time a pending row counts as gone, whether or not a sweep has run yet.
    if (pending && pending.expires_at.getTime() + PENDING_KEPT_AFTER_EXPIRY_MS < now.getTime()) {
      await deletePendingSignup(tx, hash);
      pending = null;
    }
    if (!pending) return unknownCodes.refuse(hash, now);
    if (pending.expires_at.getTime() <= now.getTime()) return { kind: 'expired' } as const;
    if (pending.attempts >= CODE_MAX_TRIES) return { kind: 'used-up' } as const;
    if (!timingSafeEqual(pending.code_hash, given)) {
      const attempts = await countWrongTry(tx, hash);
      return { kind: 'wrong', triesLeft: Math.max(0, CODE_MAX_TRIES - attempts) } as const;
    }
    const accountId = await createAccount(tx, clock, services.random, {
      emailHash: hash,
      passwordHash: pending.password_hash,
      memberKind: pending.member_kind,
      companyId: pending.company_id,
    });
    await deletePendingSignup(tx, hash);
    // The address got an account meanwhile: this code is spent, like any used one.
    if (!accountId) return { kind: 'used-up' } as const;
    const session = await createSession(
      tx,
      clock,
      accountId,
      services.config.sessionTtlHours,
      services.random,
    );
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
  throw refusalError(outcome);
}

function refusalError(refusal: Refusal): AppError {
  switch (refusal.kind) {
    case 'expired':
      return badRequest(
        'CODE_EXPIRED',
        `This code has expired (codes last ${CODE_TTL_MINUTES} minutes). Register again at /v1/auth/register to get a new one.`,
      );
    case 'used-up':
      return badRequest(
        'CODE_USED_UP',
        `This code no longer works after ${CODE_MAX_TRIES} wrong tries. Register again at /v1/auth/register to get a new one.`,
      );
    case 'wrong':
      return badRequest(
        'CODE_WRONG',
        refusal.triesLeft > 0
          ? `That code is not right. ${refusal.triesLeft} ${refusal.triesLeft === 1 ? 'try' : 'tries'} left.`
          : 'That code is not right, and that was the last try. Register again at /v1/auth/register to get a new code.',
        { triesLeft: refusal.triesLeft },
      );
  }
}
