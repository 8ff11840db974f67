// One thread and a page of its posts in position order. Deleted posts stay in place as tombstones
// (no body, no alias) so positions and replies keep their meaning.
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { boardName } from './boards.ts';
import type { Cursors } from './cursors.ts';
import { finishPage, type PageRequest } from './paging.ts';
import { publicTime } from './public-time.ts';

export interface ThreadSummary {
  id: string;
  title: string;
  board: string;
  postCount: number;
  createdAt: string;
  lastActivity: string;
}

export interface PostView {
  id: string;
  position: number;
  alias: string;
  body: string;
  createdAt: string;
  deleted: boolean;
}

export interface ThreadPage {
  thread: ThreadSummary;
  posts: PostView[];
  nextCursor: string | null;
}

export const threadPostsScope = (threadId: string): string => `posts:${threadId}`;

export async function readThread(
  deps: { db: Db; config: Config; cursors: Cursors },
  threadId: string,
  request: PageRequest,
): Promise<ThreadPage> {
  const granularity = deps.config.publicTimeGranularity;
  const threads = await deps.db.query<{
    id: string;
    title: string;
    post_count: number;
    created_at: Date;
    last_post_at: Date;
    company_slug: string | null;
  }>(
    `SELECT t.id, t.title, t.post_count, t.created_at, t.last_post_at, c.slug AS company_slug
       FROM threads t LEFT JOIN companies c ON c.id = t.company_id
      WHERE t.id = $1`,
    [threadId],
  );
  const thread = threads.rows[0];
  if (!thread) throw notFound('This thread');
  const { start, limit } = request;
  const afterPosition = (start.after?.[0] as number | undefined) ?? 0;
  const posts = await deps.db.query<{
    id: string;
    position: number;
    alias: string;
    body: string;
    created_at: Date;
    deleted: boolean;
  }>(
    `SELECT id, position, alias, body, created_at, deleted
       FROM posts WHERE thread_id = $1 AND position > $2
      ORDER BY position LIMIT $3`,
    [thread.id, afterPosition, limit + 1],
  );
  const page = finishPage(deps.cursors, threadPostsScope(thread.id), start, posts.rows, limit, (row) => [
    row.position,
  ]);
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      board: boardName(thread.company_slug),
      postCount: thread.post_count,
      createdAt: publicTime(thread.created_at, granularity),
      lastActivity: publicTime(thread.last_post_at, granularity),
    },
    posts: page.rows.map((row) => ({
      id: row.id,
      position: row.position,
      alias: row.deleted ? '' : row.alias,
      body: row.deleted ? '' : row.body,
      createdAt: publicTime(row.created_at, granularity),
      deleted: row.deleted,
    })),
    nextCursor: page.nextCursor,
  };
}
