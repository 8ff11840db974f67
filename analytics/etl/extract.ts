// Extraction SQL: pending rows in keyset order, claims (rows get their batch number with their claim
// row in one transaction), re-extraction of a claimed batch after a crash, and the fix-ups and
// sweeps around them. Posts keep their bookkeeping in the narrow etl_posts table (migration 005):
// a post is pending while it has no row there. Parameterised SQL only; every query names the
// index it relies on.
import type { Db, Queryable } from '../../api/db/index.ts';
import { type ClaimKind, insertClaim, nextBatchNumber } from './claims.ts';
import type { BotEventRow, PostRow, SalaryRow } from './toArrow.ts';

const POST_COLUMNS = `p.id, (extract(epoch FROM p.created_at) * 1000)::float8 AS created_ms,
  p.author_day::text AS author_day, p.author_box, t.company_id, t.is_canary, p.deleted, p.author_gone`;
const STORED_ENRICHMENT = 'e.sentiment, e.negative, e.topics';
const NOT_CLAIMED = 'NOT EXISTS (SELECT 1 FROM etl_posts e WHERE e.post_id = p.id)';

/** Separates the values of an id list or a claim's column: one text parameter instead of an array. */
const SEP = '\u001f';

/** A column as one string (nulls empty): pg escapes an array parameter value by value, this once. */
function joined(values: readonly (string | number | boolean | null)[]): string {
  return values.map((v) => (v === null ? '' : v === true ? 't' : v === false ? 'f' : String(v))).join(SEP);
}

/** Post ids as one text parameter; an id that would not survive the split is refused, not skipped. */
function idList(ids: readonly string[]): string {
  const odd = ids.find((id) => id.length === 0 || id.includes(SEP));
  if (odd !== undefined) throw new Error(`post id ${JSON.stringify(odd)} is empty or holds U+001F`);
  return joined(ids);
}

/** A position in posts' keyset order (created_at, id); created_at as PostgreSQL's exact text. */
export interface PostCursor {
  createdAt: string;
  id: string;
}

export const POSTS_START: PostCursor = { createdAt: '-infinity', id: '' };

/**
 * The next window of posts after `after` in keyset order: the next `size` posts, claimed or not
 * (posts_keyset), then of those the ones still pending, with their bodies. Windows are disjoint, so
 * batches prepared ahead never overlap. The second query starts from the window's ids: the LATERAL
 * subqueries (OFFSET 0 keeps the planner from flattening them) make it one primary-key probe into
 * posts and threads per id. Left to itself, right after a bulk load (fresh statistics on posts, none
 * on a growing etl_posts) the planner once put posts on the outside of a nested loop over the id
 * list and ran for minutes. `next` is null after the last window.
 */
export async function selectPendingPosts(
  db: Queryable,
  after: PostCursor,
  size: number,
): Promise<{ rows: PostRow[]; next: PostCursor | null }> {
  const window = await db.query<{ created_at: string; id: string }>(
    `SELECT created_at::text AS created_at, id FROM posts
     WHERE created_at >= $1::timestamptz AND (created_at, id) > ($1::timestamptz, $2)
     ORDER BY created_at, id LIMIT $3`,
    [after.createdAt, after.id, size],
  );
  const last = window.rows.length === size ? window.rows[size - 1] : undefined;
  if (window.rows.length === 0) return { rows: [], next: null };
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS}, p.body FROM unnest(string_to_array($1, $2)) AS w(id)
     CROSS JOIN LATERAL (SELECT * FROM posts p WHERE p.id = w.id OFFSET 0) p
     CROSS JOIN LATERAL (SELECT * FROM threads t WHERE t.id = p.thread_id OFFSET 0) t
     WHERE NOT EXISTS (SELECT 1 FROM etl_posts e WHERE e.post_id = w.id)
     ORDER BY p.created_at, p.id`,
    [idList(window.rows.map((r) => r.id)), SEP],
  );
  return { rows, next: last ? { createdAt: last.created_at, id: last.id } : null };
}

export interface PostClaim {
  ids: string[];
  sentiment: (number | null)[];
  negative: (boolean | null)[];
  /** Topic masks (TOPICS order). */
  topics: (number | null)[];
  contributing: boolean[];
}

/**
 * Claims selected posts as batch n and stores their enrichment, in one transaction: one narrow
 * etl_posts row each (one primary-key probe into posts per id, fenced as in selectPendingPosts). A post deleted (or whose author left) since it was selected is not claimed as
 * contributing: it stays pending. A later deletion is a removal, like any other.
 */
export async function claimPosts(db: Db, claim: PostClaim): Promise<{ batch: number; claimed: Set<string> }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<{ post_id: string }>(
      `INSERT INTO etl_posts (post_id, load_batch, unload_batch, sentiment, negative, topics)
       SELECT u.id, $1, CASE WHEN u.contributing THEN NULL ELSE $1::bigint END, u.sentiment, u.negative, u.topics
       FROM unnest(string_to_array($2, $7), string_to_array($3, $7, '')::real[],
         string_to_array($4, $7, '')::boolean[], string_to_array($5, $7, '')::smallint[],
         string_to_array($6, $7)::boolean[]) AS u(id, sentiment, negative, topics, contributing)
       CROSS JOIN LATERAL (SELECT deleted, author_gone FROM posts p WHERE p.id = u.id OFFSET 0) p
       WHERE NOT u.contributing OR NOT (p.deleted OR p.author_gone)
       ON CONFLICT (post_id) DO NOTHING
       RETURNING post_id`,
      [
        batch,
        idList(claim.ids),
        joined(claim.sentiment),
        joined(claim.negative),
        joined(claim.topics),
        joined(claim.contributing),
        SEP,
      ],
    );
    await insertClaim(tx, { batch, kind: 'posts_load', rowCount: rows.length });
    return { batch, claimed: new Set(rows.map((r) => r.post_id)) };
  });
}

/** A claimed load batch again (after a crash): contributing = the claim counted it. Scans etl_posts. */
export async function reextractPostLoad(db: Queryable, batch: number): Promise<PostRow[]> {
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS}, '' AS body, ${STORED_ENRICHMENT}, (e.unload_batch IS NULL) AS contributing
     FROM etl_posts e JOIN posts p ON p.id = e.post_id JOIN threads t ON t.id = p.thread_id
     WHERE e.load_batch = $1`,
    [batch],
  );
  return rows;
}

/** Claims loaded, contributing posts that were deleted or whose author left (posts_gone). */
export async function claimPostRemovals(db: Db, limit: number): Promise<{ batch: number; rows: PostRow[] }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<PostRow>(
      `UPDATE etl_posts AS e SET unload_batch = $1 FROM posts p JOIN threads t ON t.id = p.thread_id
       WHERE p.id = e.post_id AND e.post_id IN (
         SELECT g.id FROM posts g JOIN etl_posts c ON c.post_id = g.id
         WHERE (g.deleted OR g.author_gone) AND c.unload_batch IS NULL
         ORDER BY g.id LIMIT $2)
       RETURNING ${POST_COLUMNS}, '' AS body, ${STORED_ENRICHMENT}, true AS contributing`,
      [batch, limit],
    );
    if (rows.length > 0) await insertClaim(tx, { batch, kind: 'posts_unload', rowCount: rows.length });
    return { batch, rows };
  });
}

export async function reextractPostRemoval(db: Queryable, batch: number): Promise<PostRow[]> {
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS}, '' AS body, ${STORED_ENRICHMENT}, true AS contributing
     FROM etl_posts e JOIN posts p ON p.id = e.post_id JOIN threads t ON t.id = p.thread_id
     WHERE e.unload_batch = $1`,
    [batch],
  );
  return rows;
}

const SALARY_COLUMNS = `id, submitted_year, reporter_box, deleted, company_id, job_family, level, city,
  base, bonus, equity, currency, year`;

/** Claims pending salary reports (salaries_etl_pending) as batch n. */
export async function claimSalaries(db: Db, limit: number): Promise<{ batch: number; rows: SalaryRow[] }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<SalaryRow>(
      `UPDATE salaries SET etl_load_batch = $1 WHERE id IN (
         SELECT id FROM salaries WHERE etl_load_batch IS NULL ORDER BY submitted_on, id LIMIT $2)
       RETURNING ${SALARY_COLUMNS}`,
      [batch, limit],
    );
    if (rows.length > 0) await insertClaim(tx, { batch, kind: 'salaries_load', rowCount: rows.length });
    return { batch, rows };
  });
}

/** A claimed salary load batch again: the rows not yet marked as not contributing. Full scan. */
export async function reextractSalaryLoad(db: Queryable, batch: number): Promise<SalaryRow[]> {
  const { rows } = await db.query<SalaryRow>(
    `SELECT ${SALARY_COLUMNS} FROM salaries WHERE etl_load_batch = $1 AND etl_unload_batch IS NULL`,
    [batch],
  );
  return rows;
}

/** Claims loaded reports that became tombstones (salaries_etl_removals). */
export async function claimSalaryRemovals(
  db: Db,
  limit: number,
): Promise<{ batch: number; rows: SalaryRow[] }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<SalaryRow>(
      `UPDATE salaries SET etl_unload_batch = $1 WHERE id IN (
         SELECT id FROM salaries WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND deleted
         ORDER BY id LIMIT $2)
       RETURNING ${SALARY_COLUMNS}`,
      [batch, limit],
    );
    if (rows.length > 0) await insertClaim(tx, { batch, kind: 'salaries_unload', rowCount: rows.length });
    return { batch, rows };
  });
}

export async function reextractSalaryRemoval(db: Queryable, batch: number): Promise<SalaryRow[]> {
  const { rows } = await db.query<SalaryRow>(
    `SELECT ${SALARY_COLUMNS} FROM salaries WHERE etl_unload_batch = $1`,
    [batch],
  );
  return rows;
}

/**
 * Rows of load batch n that turned out not to contribute (link dead, cells closed, deleted…):
 * marked unloaded by the same batch, so no removal ever subtracts them. Runs before DuckDB commits.
 */
export async function markNotContributing(
  db: Queryable,
  table: 'posts' | 'salaries',
  batch: number,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const sql =
    table === 'posts'
      ? 'UPDATE etl_posts SET unload_batch = $1 WHERE post_id = ANY($2::text[]) AND load_batch = $1 AND unload_batch IS NULL'
      : 'UPDATE salaries SET etl_unload_batch = $1 WHERE id = ANY($2::text[]) AND etl_load_batch = $1 AND etl_unload_batch IS NULL';
  await db.query(sql, [batch, ids]);
}

const BOT_COLUMNS =
  '(extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_ms, decision, reasons, route_class';

/** Claims unloaded protection decisions (bot_events_etl_pending) as batch n. */
export async function claimBotEvents(db: Db, limit: number): Promise<{ batch: number; rows: BotEventRow[] }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<BotEventRow>(
      `UPDATE bot_events SET etl_load_batch = $1 WHERE id IN (
         SELECT id FROM bot_events WHERE etl_load_batch IS NULL ORDER BY id LIMIT $2)
       RETURNING ${BOT_COLUMNS}`,
      [batch, limit],
    );
    if (rows.length > 0) await insertClaim(tx, { batch, kind: 'bot_events_load', rowCount: rows.length });
    return { batch, rows };
  });
}

export async function reextractBotEvents(db: Queryable, batch: number): Promise<BotEventRow[]> {
  const { rows } = await db.query<BotEventRow>(
    `SELECT ${BOT_COLUMNS} FROM bot_events WHERE etl_load_batch = $1`,
    [batch],
  );
  return rows;
}

/**
 * After a run has finished every batch: salary tombstones the warehouse no longer counts are deleted
 * (002: "stays as a tombstone until the ETL has removed it"), and deleted posts and posts whose
 * author left lose the author box they kept only so that their contribution could be removed.
 */
export async function sweepRemoved(
  db: Db,
): Promise<{ tombstonesDeleted: number; authorBoxesCleared: number }> {
  const tombstones = await db.query('DELETE FROM salaries WHERE deleted AND etl_unload_batch IS NOT NULL');
  const boxes = await db.query(
    `UPDATE posts p SET author_box = NULL WHERE (p.author_gone OR p.deleted) AND p.author_box IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM etl_posts e WHERE e.post_id = p.id AND e.unload_batch IS NULL)`,
  );
  return { tombstonesDeleted: tombstones.rowCount, authorBoxesCleared: boxes.rowCount };
}

export async function countPending(db: Queryable): Promise<Record<ClaimKind, number>> {
  const one = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0);
  return {
    posts_load: await one(`SELECT count(*) AS n FROM posts p WHERE ${NOT_CLAIMED}`),
    posts_unload: await one(
      `SELECT count(*) AS n FROM posts p JOIN etl_posts e ON e.post_id = p.id
       WHERE (p.deleted OR p.author_gone) AND e.unload_batch IS NULL`,
    ),
    salaries_load: await one('SELECT count(*) AS n FROM salaries WHERE etl_load_batch IS NULL'),
    salaries_unload: await one(
      'SELECT count(*) AS n FROM salaries WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND deleted',
    ),
    bot_events_load: await one('SELECT count(*) AS n FROM bot_events WHERE etl_load_batch IS NULL'),
  };
}
