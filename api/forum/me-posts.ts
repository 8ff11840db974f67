// GET /v1/me/posts: the caller's own posts, found through their live author tags (P2, P3). Once a
// post's day key dies it drops out of this list for good: nobody, the author included, can find it.
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { liveAuthorTags } from './author-links.ts';
import type { Cursors } from './cursors.ts';
import { finishPage, type PageRequest } from './paging.ts';
import { publicTime } from './public-time.ts';

export interface MyPost {
  id: string;
  threadId: string;
  threadTitle: string;
  alias: string;
  position: number;
  createdAt: string;
}

export interface MyPostsPage {
  items: MyPost[];
  nextCursor: string | null;
}

/** The cursor holds only a keyset (time, post id) of the caller's own list, encrypted. */
export const MY_POSTS_SCOPE = 'me:posts';

export async function listMyPosts(
  deps: { db: Db; config: Config; cursors: Cursors; keys: KeyStore },
  accountId: string,
  request: PageRequest,
): Promise<MyPostsPage> {
  const tags = liveAuthorTags(deps.keys, accountId);
  const { start, limit } = request;
  if (tags.length === 0) return { items: [], nextCursor: null };
  const [afterMs, afterId] = (start.after ?? [null, null]) as [number | null, string | null];
  const { rows } = await deps.db.query<{
    id: string;
    thread_id: string;
    title: string;
    alias: string;
    position: number;
    created_at: Date;
  }>(
    `SELECT p.id, p.thread_id, t.title, p.alias, p.position, p.created_at
       FROM posts p JOIN threads t ON t.id = p.thread_id
      WHERE p.author_tag = ANY($1::bytea[]) AND NOT p.deleted
        AND ($2::timestamptz IS NULL OR p.created_at < $2 OR (p.created_at = $2 AND p.id > $3::text))
      ORDER BY p.created_at DESC, p.id ASC
      LIMIT $4`,
    [tags, afterMs === null ? null : new Date(afterMs), afterId, limit + 1],
  );
  const page = finishPage(deps.cursors, MY_POSTS_SCOPE, start, rows, limit, (row) => [
    row.created_at.getTime(),
    row.id,
  ]);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      threadId: row.thread_id,
      threadTitle: row.title,
      alias: row.alias,
      position: row.position,
      createdAt: publicTime(row.created_at, deps.config.publicTimeGranularity),
    })),
    nextCursor: page.nextCursor,
  };
}
