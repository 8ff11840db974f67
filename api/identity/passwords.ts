// Passwords: argon2id (the @node-rs/argon2 default: 19 MiB, 2 passes) in PHC form "$argon2id$…".
// A fixed dummy hash lets a login for an unknown address cost what a real one costs.
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password nobody knows, made with the current cost settings so verifying
 * against it takes as long as verifying a real account. Made once, on first use.
 */
export function dummyPasswordHash(): () => Promise<string> {
  let made: Promise<string> | undefined;
  return () => {
    made ??= hashPassword(randomBytes(24).toString('base64url'));
    return made;
  };
}
