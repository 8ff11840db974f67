// POST /v1/auth/register: start a sign-up. The answer never depends on whether the address has an
// account (enumeration): a new address gets a code; an existing one gets a "someone tried" mail.
// The route answers before this runs (background-work.ts), so the time to answer does not differ
// either; both branches hash the password all the same, so the work's load does not tell.
import type { Services } from '../services.ts';
import { accountExists } from './accounts.ts';
import { deliverMail } from './mail-delivery.ts';
import { emailHash, requireEmail } from './email.ts';
import { signupAttemptMail, signupCodeMail } from './mail-texts.ts';
import { membershipFor } from './membership.ts';
import { hashPassword } from './passwords.ts';
import { codeHash, newCode, savePendingSignup } from './signup-codes.ts';
import type { UnknownAddressCodes } from './unknown-address-codes.ts';

export interface RegisterInput {
  email: string;
  password: string;
}

export const REGISTER_ACCEPTED = {
  status: 'code_sent',
  message:
    'If this address can be used, we sent a 6-digit code to it. It expires in 10 minutes: send it to /v1/auth/verify.',
} as const;

/** `onMailError` hears why a send failed (never the address: it may be in the error text). */
export async function register(
  services: Services,
  unknownCodes: UnknownAddressCodes,
  input: RegisterInput,
  onMailError: (reason: string) => void = () => {},
): Promise<void> {
  const email = requireEmail(input.email);
  const hash = emailHash(services.secrets.EMAIL_HASH_SECRET, email.normalised);
  const [exists, passwordHash] = await Promise.all([
    accountExists(services.db, hash),
    hashPassword(input.password),
  ]);
  if (exists) {
    // A later verify for this address must see fresh tries, as it would after a real sign-up.
    unknownCodes.restart(hash, services.clock.now());
    await deliverMail(services, signupAttemptMail(email.deliverTo), onMailError);
    return;
  }
  const membership = await membershipFor(services.db, email.domain);
  const code = newCode(services.random);
  await savePendingSignup(services.db, services.clock, {
    emailHash: hash,
    codeHash: codeHash(services.secrets.EMAIL_HASH_SECRET, hash, code),
    passwordHash,
    memberKind: membership.kind,
    companyId: membership.company?.id ?? null,
  });
  await deliverMail(services, signupCodeMail(email.deliverTo, code), onMailError);
}
