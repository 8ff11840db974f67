// Per-thread aliases (P1). A person's alias tag in a thread is
//   HMAC(author-chain key of the alias epoch's first day, "alias" ‖ account ‖ thread)
// where epochs are AUTHOR_LINK_DAYS-long windows counted from the thread's first day. While the
// epoch's key lives the same person gets the same tag (so the same alias); once it dies nobody can
// recompute it, and a later post by the same person starts a fresh alias.
import { createHmac } from 'node:crypto';
import { keyedHash, subkey } from '../keys/crypto.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { periodIndex } from '../keys/periods.ts';
import { ADJECTIVES, NOUNS } from './alias-words.ts';

export interface AliasTag {
  tag: Buffer;
  /** Index of the author-chain day whose key made the tag. */
  epochDay: number;
}

export function aliasTag(
  keys: KeyStore,
  authorLinkDays: number,
  threadCreatedAt: Date,
  postAt: Date,
  accountId: string,
  threadId: string,
): AliasTag | null {
  const firstDay = periodIndex('day', threadCreatedAt);
  const postDay = periodIndex('day', postAt);
  const epoch = Math.max(0, Math.floor((postDay - firstDay) / authorLinkDays));
  const epochDay = firstDay + epoch * authorLinkDays;
  const dayKey = keys.keyForPeriod('author', epochDay);
  if (!dayKey) return null;
  return { tag: keyedHash(subkey(dayKey, 'alias'), accountId, threadId), epochDay };
}

/** Candidate alias words for a tag; attempt 1, 2, … give other candidates when one is taken in the thread. */
export function aliasWords(tag: Buffer, attempt = 0): string {
  const bytes = attempt === 0 ? tag : createHmac('sha256', tag).update(`attempt:${attempt}`).digest();
  const adjective = ADJECTIVES[bytes.readUInt16BE(0) % ADJECTIVES.length]!;
  const noun = NOUNS[bytes.readUInt16BE(2) % NOUNS.length]!;
  return `${adjective} ${noun}`;
}

export const ALIAS_COMBINATIONS = ADJECTIVES.length * NOUNS.length;
