// Forgotten passwords. POST /v1/auth/password-reset mails a 6-digit code to an address that has an
// account, and a "there is no account here" note to one that has none; the answer is the same
// either way (enumeration), and sent before this work runs (background-work.ts), so its timing does
// not tell either. POST /v1/auth/password-reset/confirm with the code and a new password
// sets it, signs every session of the account out, clears its login back-off and returns a new
// session. Codes live 10 minutes and allow 5 tries, like sign-up codes, and exist in clear only in
// the mail; an address with no code is answered by an in-memory twin (unknown-address-codes.ts).
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/index.ts';
import { keyedHash } from '../keys/crypto.ts';
import type { Services } from '../services.ts';
import { accountExists } from './accounts.ts';
import { type CodeRow, checkCode, codeRefusalError } from './code-check.ts';
import { deliverMail } from './mail-delivery.ts';
import { emailHash, lookupHash, requireEmail } from './email.ts';
import { resetCodeMail, resetNoAccountMail } from './mail-texts.ts';
import { hashPassword } from './passwords.ts';
import { openSession } from './sessions.ts';
import { CODE_MAX_TRIES, CODE_TTL_MINUTES, newCode } from './signup-codes.ts';
import type { UnknownAddressCodes } from './unknown-address-codes.ts';

export const RESET_REQUESTED = {
  status: 'code_sent',
  message:
    'If this address has an account, we sent a 6-digit code to it. It expires in 10 minutes: send it with a new password to /v1/auth/password-reset/confirm.',
} as const;

const resetCodeHash = (secret: string, hash: Buffer, code: string): Buffer =>
  keyedHash(secret, 'reset-code', hash, code);

/** `onMailError` hears why a send failed (never the address: it may be in the error text). */
export async function requestPasswordReset(
  services: Services,
  unknownCodes: UnknownAddressCodes,
  input: { email: string },
  onMailError: (reason: string) => void = () => {},
): Promise<void> {
  const { db, clock, secrets } = services;
  const email = requireEmail(input.email);
  const hash = emailHash(secrets.EMAIL_HASH_SECRET, email.normalised);
  if (!(await accountExists(db, hash))) {
    // A later confirm for this address must see fresh tries, as it would after a real request.
    unknownCodes.restart(hash, clock.now());
    await deliverMail(services, resetNoAccountMail(email.deliverTo), onMailError);
    return;
  }
  const code = newCode(services.random);
  await saveResetCode(db, clock, hash, resetCodeHash(secrets.EMAIL_HASH_SECRET, hash, code));
  await deliverMail(services, resetCodeMail(email.deliverTo, code), onMailError);
}

export interface ResetInput {
  email: string;
  code: string;
  password: string;
}

export async function confirmPasswordReset(
  services: Services,
  unknownCodes: UnknownAddressCodes,
  input: ResetInput,
): Promise<{ token: string; expiresAt: string }> {
  const { db, clock, secrets } = services;
  const hash = lookupHash(secrets.EMAIL_HASH_SECRET, input.email);
  const given = resetCodeHash(secrets.EMAIL_HASH_SECRET, hash, input.code);
  // Hashed before looking, whatever the outcome: every answer costs the same argon2 work.
  const passwordHash = await hashPassword(input.password);

  const outcome = await db.transaction(async (tx) => {
    const now = clock.now();
    const { rows } = await tx.query<CodeRow>(
      'SELECT code_hash, attempts, expires_at FROM password_resets WHERE email_hash = $1 FOR UPDATE',
      [hash],
    );
    const forget = () => tx.query('DELETE FROM password_resets WHERE email_hash = $1', [hash]).then(() => {});
    const checked = await checkCode(rows[0] ?? null, given, now, {
      forget,
      async countWrongTry() {
        const { rows: counted } = await tx.query<{ attempts: number }>(
          'UPDATE password_resets SET attempts = attempts + 1 WHERE email_hash = $1 RETURNING attempts',
          [hash],
        );
        return counted[0]?.attempts ?? CODE_MAX_TRIES;
      },
      refuseUnknown: () => unknownCodes.refuse(hash, now),
    });
    if (checked.kind !== 'right') return checked;
    await forget();
    const { rows: updated } = await tx.query<{ id: string }>(
      `UPDATE accounts SET password_hash = $2, failed_logins = 0, locked_until = NULL
        WHERE email_hash = $1 RETURNING id`,
      [hash, passwordHash],
    );
    // The account was deleted after the code was sent: the code is spent.
    const accountId = updated[0]?.id;
    if (!accountId) return { kind: 'used-up' } as const;
    await tx.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
    const session = await openSession(tx, services, accountId);
    return { kind: 'reset', token: session.token, expiresAt: session.expiresAt.toISOString() } as const;
  });

  if (outcome.kind === 'reset') return { token: outcome.token, expiresAt: outcome.expiresAt };
  throw codeRefusalError(outcome, 'Ask for a new one at /v1/auth/password-reset.');
}

/** Asking again replaces the code: a fresh code, fresh tries, a fresh 10 minutes. */
async function saveResetCode(db: Queryable, clock: Clock, hash: Buffer, codeHash: Buffer): Promise<void> {
  const now = clock.now();
  await db.query(
    `INSERT INTO password_resets (email_hash, code_hash, attempts, expires_at) VALUES ($1, $2, 0, $3)
     ON CONFLICT (email_hash) DO UPDATE
       SET code_hash = EXCLUDED.code_hash, attempts = 0, expires_at = EXCLUDED.expires_at`,
    [hash, codeHash, new Date(now.getTime() + CODE_TTL_MINUTES * 60_000)],
  );
}
