// Post → author links (P3). Each post carries, under the author-chain key of its day:
//   author_tag = HMAC(key, "author-tag" ‖ account id)  — finds the caller's posts for /me/posts;
//   author_box = AES-256-GCM(account id), aad = post id — lets the ETL count contributors.
// When the day key dies both are noise, and the forgetting job clears them.
import type { Queryable } from '../db/index.ts';
import { keyedHash, seal, subkey, unseal } from '../keys/crypto.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { periodLabel, periodStart } from '../keys/periods.ts';

export interface AuthorLink {
  authorDay: string;
  authorTag: Buffer;
  authorBox: Buffer;
}

/** The link for a new post, or null when the day's key is gone (the post is born authorless). */
export function linkAuthor(keys: KeyStore, postId: string, accountId: string, at: Date): AuthorLink | null {
  const dayKey = keys.key('author', at);
  if (!dayKey) return null;
  return {
    authorDay: at.toISOString().slice(0, 10),
    authorTag: keyedHash(subkey(dayKey, 'author-tag'), accountId),
    authorBox: seal(subkey(dayKey, 'author-box'), accountId, postId),
  };
}

/** Who wrote a post, while its day key lives; null after. For the ETL. */
export function openAuthorBox(
  keys: KeyStore,
  postId: string,
  authorDay: string | Date,
  box: Buffer,
): string | null {
  const day = typeof authorDay === 'string' ? new Date(`${authorDay}T00:00:00Z`) : authorDay;
  const dayKey = keys.key('author', day);
  return dayKey ? unseal(subkey(dayKey, 'author-box'), box, postId) : null;
}

/** The caller's author tags for every author day whose key still lives (newest first). */
export function liveAuthorTags(keys: KeyStore, accountId: string): Buffer[] {
  return keys
    .livePeriods('author')
    .reverse()
    .map((index) => keyedHash(subkey(keys.keyForPeriod('author', index)!, 'author-tag'), accountId));
}

/** Account deletion: posts stay, authorless. Returns how many posts lost their link. */
export async function unlinkAccountPosts(db: Queryable, keys: KeyStore, accountId: string): Promise<number> {
  const tags = liveAuthorTags(keys, accountId);
  if (tags.length === 0) return 0;
  const result = await db.query(
    'UPDATE posts SET author_tag = NULL, author_box = NULL WHERE author_tag = ANY($1::bytea[])',
    [tags],
  );
  return result.rowCount;
}

export const authorDayLabel = (index: number) => periodLabel('day', index);
export const authorDayStart = (index: number) => periodStart('day', index);
