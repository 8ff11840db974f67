// E-mail addresses in, keyed hashes out. The address itself is never stored (P4): it goes to the
// mailer and is forgotten; the database holds HMAC(EMAIL_HASH_SECRET, normalised address) only.
//
// Normalisation, so one mailbox is one account however it is typed:
//   1. trim surrounding white space;
//   2. lower-case the whole address (local parts are case-insensitive at every provider we know);
//   3. drop a "+tag" from the local part: "Wei.Zhang+forum@Acme.example" → "wei.zhang@acme.example".
//      Providers deliver plus-addressed mail to the base mailbox, so tags would otherwise let one
//      person open many accounts. Dots are left alone (only some providers ignore them).
import { normaliseDomain, isValidDomain } from '../companies/domains.ts';
import { badRequest } from '../errors.ts';
import { keyedHash } from '../keys/crypto.ts';

export interface ParsedEmail {
  /** What the person typed, trimmed: where mail is sent (their tag and case kept). */
  deliverTo: string;
  /** The normalised address: what is hashed. */
  normalised: string;
  domain: string;
}

/** The parsed address, or null when it is not one we can use (no local part left, bad domain). */
export function parseEmail(raw: string): ParsedEmail | null {
  const deliverTo = raw.trim();
  const at = deliverTo.lastIndexOf('@');
  if (at <= 0) return null;
  const local = deliverTo.slice(0, at).toLowerCase().split('+')[0]!;
  const domain = normaliseDomain(deliverTo.slice(at + 1));
  if (local.length === 0 || local.length > 64 || !isValidDomain(domain)) return null;
  return { deliverTo, normalised: `${local}@${domain}`, domain };
}

/** Like parseEmail, for sign-up: a 400 that says what is wrong instead of null. */
export function requireEmail(raw: string): ParsedEmail {
  const parsed = parseEmail(raw);
  if (!parsed)
    throw badRequest(
      'INVALID_EMAIL',
      'body.email must be a work or personal e-mail address such as name@company.com.',
    );
  return parsed;
}

export function normaliseEmail(raw: string): string | null {
  return parseEmail(raw)?.normalised ?? null;
}

export function emailHash(emailHashSecret: string, normalised: string): Buffer {
  return keyedHash(emailHashSecret, normalised);
}

/**
 * The hash a typed address is looked up by (login, verify, password reset): its normalised form,
 * or for text that is no address the trimmed, lower-cased text — found nowhere, so it is answered
 * like any unknown address.
 */
export function lookupHash(emailHashSecret: string, typed: string): Buffer {
  return emailHash(emailHashSecret, parseEmail(typed)?.normalised ?? typed.trim().toLowerCase());
}
