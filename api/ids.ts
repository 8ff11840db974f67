// Public identifiers: 128 random bits, base64url. They carry no time and no sequence (P1, S4),
// so an id says nothing about when or after what a thing was made.
import { randomBytes } from 'node:crypto';

export type Random = (bytes: number) => Buffer;
export const cryptoRandom: Random = (n) => randomBytes(n);

export function newId(random: Random = cryptoRandom): string {
  return random(16).toString('base64url');
}

export const ID_PATTERN = '^[A-Za-z0-9_-]{22}$';
