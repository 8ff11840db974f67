// Writing posts: the opening post of a thread and replies. Each post gets its thread alias, an
// author link under today's author-chain key (P3) and a deletion receipt; a reply takes the next
// position under a row lock on its thread, in the same transaction that bumps the thread's counters.
import type { Queryable } from '../db/index.ts';
import { notFound } from '../errors.ts';
import type { SessionAccount } from '../identity/sessions.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { type AuthorStanding, aliasLabel, loadAuthorStanding } from './alias-label.ts';
import { linkAuthor } from './author-links.ts';
import { refusePersonalData } from './doxxing-guard.ts';
import { publicTime } from './public-time.ts';
import { newReceipt } from './receipts.ts';
import { BODY_RULE, cleanText } from './text-rules.ts';
import { threadAliasWords } from './thread-aliases.ts';

export interface CreatedPost {
  id: string;
  threadId: string;
  position: number;
  alias: string;
  createdAt: string;
  /** Deletes the post at any time (DELETE /v1/posts/:id with X-Deletion-Receipt). Shown once. */
  deletionReceipt: string;
}

export interface PostInput {
  body: string;
  hideEmployer?: boolean;
}

export interface PostDraft {
  body: string;
  hideEmployer: boolean;
  standing: AuthorStanding;
}

/** Checks and cleans what the author sent, before any transaction starts. */
export async function draftPost(
  services: Services,
  account: SessionAccount,
  input: PostInput,
): Promise<PostDraft> {
  const body = cleanText(input.body, BODY_RULE);
  refusePersonalData({ body });
  return {
    body,
    hideEmployer: input.hideEmployer ?? false,
    standing: await loadAuthorStanding(services.db, account),
  };
}

/** Inserts one post at `position` (the caller holds the thread). */
export async function insertPost(
  tx: Queryable,
  services: Services,
  thread: { id: string; createdAt: Date },
  position: number,
  account: SessionAccount,
  draft: PostDraft,
  at: Date,
): Promise<CreatedPost> {
  const { config, keys, random } = services;
  const id = newId(random);
  const words = await threadAliasWords(
    tx,
    { keys, authorLinkDays: config.authorLinkDays, random },
    thread,
    account.id,
    at,
  );
  const alias = aliasLabel(draft.standing, words, {
    hideEmployer: draft.hideEmployer,
    minEmployerCrowd: config.minEmployerCrowd,
  });
  const link = linkAuthor(keys, id, account.id, at);
  const receipt = newReceipt(random);
  await tx.query(
    `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, author_tag, author_box, receipt_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10)`,
    [
      id,
      thread.id,
      position,
      draft.body,
      alias,
      at,
      link?.authorDay ?? at.toISOString().slice(0, 10),
      link?.authorTag ?? null,
      link?.authorBox ?? null,
      receipt.hash,
    ],
  );
  return {
    id,
    threadId: thread.id,
    position,
    alias,
    createdAt: publicTime(at, config.publicTimeGranularity),
    deletionReceipt: receipt.receipt,
  };
}

export async function replyToThread(
  services: Services,
  account: SessionAccount,
  threadId: string,
  input: PostInput,
): Promise<CreatedPost> {
  const draft = await draftPost(services, account, input);
  return services.db.transaction(async (tx) => {
    const at = services.clock.now();
    // The row lock serialises replies to one thread: positions stay dense and unique, and the
    // alias allocation below never races inside a thread.
    const { rows } = await tx.query<{ id: string; created_at: Date; post_count: number }>(
      'SELECT id, created_at, post_count FROM threads WHERE id = $1 FOR UPDATE',
      [threadId],
    );
    const thread = rows[0];
    if (!thread) throw notFound('This thread');
    const position = thread.post_count + 1;
    const post = await insertPost(
      tx,
      services,
      { id: thread.id, createdAt: thread.created_at },
      position,
      account,
      draft,
      at,
    );
    await tx.query(
      'UPDATE threads SET post_count = $2, last_post_at = GREATEST(last_post_at, $3) WHERE id = $1',
      [thread.id, position, at],
    );
    return post;
  });
}
