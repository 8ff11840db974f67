// POST /v1/auth/login: e-mail + password → a session. An unknown address and a wrong password get
// the same 401 after the same argon2 work (a dummy hash stands in for the missing account), and
// the same back-off (login-backoff.ts), so neither the answer nor the lockout reveals an account.
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { clearLoginFailures, findLoginRow, recordLoginFailure } from './accounts.ts';
import { lookupHash } from './email.ts';
import { secondsLocked, tooManyLoginAttempts, type UnknownAddressFailures } from './login-backoff.ts';
import { passwordMatches } from './passwords.ts';
import { openSession } from './sessions.ts';

export interface LoginInput {
  email: string;
  password: string;
}

export const wrongCredentials = () =>
  new AppError(
    401,
    'WRONG_CREDENTIALS',
    'That e-mail and password do not match an account. Check both, or register at /v1/auth/register.',
  );

export async function login(
  services: Services,
  unknownFailures: UnknownAddressFailures,
  dummyHash: () => Promise<string>,
  input: LoginInput,
): Promise<{ token: string; expiresAt: string }> {
  const { db, clock, secrets } = services;
  const hash = lookupHash(secrets.EMAIL_HASH_SECRET, input.email);
  const account = await findLoginRow(db, hash);

  const locked = secondsLocked(account ?? unknownFailures.get(hash), clock.now());
  if (locked > 0) throw tooManyLoginAttempts(locked);

  const matches = await passwordMatches(account?.passwordHash ?? (await dummyHash()), input.password);
  if (!account || !matches) {
    if (account) await recordLoginFailure(db, clock, account.id);
    else unknownFailures.recordFailure(hash, clock.now());
    throw wrongCredentials();
  }
  await clearLoginFailures(db, account.id);
  const session = await openSession(db, services, account.id);
  return { token: session.token, expiresAt: session.expiresAt.toISOString() };
}
