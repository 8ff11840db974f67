// Alias words per thread (P1): the same person keeps the same words inside a thread while the
// alias tag's key lives (api/forum/aliases.ts); no two tags share words in one thread. The
// thread_aliases row is the allocation: same tag → its words; words taken by another tag → the
// next candidate. The opening post of a thread is allocated the same way.
import type { Queryable } from '../db/index.ts';
import { conflict } from '../errors.ts';
import type { Random } from '../ids.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { aliasTag, aliasWords } from './aliases.ts';

/** Candidates tried before giving up: with ≥ 65,536 combinations a thread never gets near this. */
const MAX_ATTEMPTS = 64;

export interface AliasDeps {
  keys: KeyStore;
  authorLinkDays: number;
  random: Random;
}

export async function threadAliasWords(
  tx: Queryable,
  deps: AliasDeps,
  thread: { id: string; createdAt: Date },
  accountId: string,
  at: Date,
): Promise<string> {
  // Without a live key (a store started after the thread) no one can recompute a tag: the post
  // gets a one-off random tag, so a fresh alias, which is the safe direction.
  const tag =
    aliasTag(deps.keys, deps.authorLinkDays, thread.createdAt, at, accountId, thread.id)?.tag ??
    deps.random(32);
  const existing = await wordsOfTag(tx, thread.id, tag);
  if (existing) return existing;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const words = aliasWords(tag, attempt);
    // ON CONFLICT DO NOTHING instead of catching 23505: a failed statement would abort the
    // transaction. A conflict is either our own tag inserted by a concurrent request (reuse it)
    // or the words taken by someone else (try the next candidate).
    const inserted = await tx.query<{ words: string }>(
      `INSERT INTO thread_aliases (thread_id, tag, words) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING words`,
      [thread.id, tag, words],
    );
    if (inserted.rows[0]) return inserted.rows[0].words;
    const raced = await wordsOfTag(tx, thread.id, tag);
    if (raced) return raced;
  }
  throw conflict('NO_ALIAS_LEFT', 'This thread has no free alias left for you. Start a new thread instead.');
}

async function wordsOfTag(tx: Queryable, threadId: string, tag: Buffer): Promise<string | null> {
  const { rows } = await tx.query<{ words: string }>(
    'SELECT words FROM thread_aliases WHERE thread_id = $1 AND tag = $2',
    [threadId, tag],
  );
  return rows[0]?.words ?? null;
}
