// Signed-in accounts on the database a child server uses (rows and sessions made in SQL by
// test/support/accounts.ts, on the real clock the child runs by), and a short-lived connection for
// checking what a fault left behind.
import { systemClock } from '../../../api/clock.ts';
import { loadConfig } from '../../../api/config.ts';
import type { Db } from '../../../api/db/db.ts';
import { openPgDb } from '../../../api/db/pg.ts';
import { createTestAccount } from '../../support/accounts.ts';

/** Opens the database, runs `use`, closes it: no pooled connection outlives a fault. */
export async function withDb<T>(url: string, use: (db: Db) => Promise<T>): Promise<T> {
  const db = openPgDb(url, { max: 2 });
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** `count` members (general board) with a session each; returns their bearer tokens. */
export function createSessions(url: string, dataDir: string, count: number): Promise<string[]> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return withDb(url, async (db) => {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++)
      tokens.push((await createTestAccount({ db, clock: systemClock, config })).token);
    return tokens;
  });
}

/** Which of the acknowledged ids are missing from the database, and whether every thread is whole. */
export function auditWrites(
  url: string,
  acknowledged: { threadIds: readonly string[]; postIds: readonly string[] },
): Promise<{
  missingThreads: string[];
  missingPosts: string[];
  threads: number;
  posts: number;
  torn: number;
}> {
  return withDb(url, async (db) => {
    const threads = await db.query<{ id: string }>('SELECT id FROM threads WHERE id = ANY($1)', [
      [...acknowledged.threadIds],
    ]);
    const posts = await db.query<{ id: string }>('SELECT id FROM posts WHERE id = ANY($1)', [
      [...acknowledged.postIds],
    ]);
    const foundThreads = new Set(threads.rows.map((r) => r.id));
    const foundPosts = new Set(posts.rows.map((r) => r.id));
    // A thread whose post_count disagrees with its posts was half written.
    const torn = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM threads t
        WHERE t.post_count <> (SELECT count(*) FROM posts p WHERE p.thread_id = t.id)`,
    );
    const totals = await db.query<{ threads: number; posts: number }>(
      `SELECT (SELECT count(*) FROM threads WHERE NOT is_canary) AS threads, 
              (SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE NOT t.is_canary) AS posts`,
    );
    return {
      missingThreads: acknowledged.threadIds.filter((id) => !foundThreads.has(id)),
      missingPosts: acknowledged.postIds.filter((id) => !foundPosts.has(id)),
      threads: totals.rows[0]!.threads,
      posts: totals.rows[0]!.posts,
      torn: torn.rows[0]!.n,
    };
  });
}
