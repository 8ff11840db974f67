// Extraction SQL: pending rows in keyset order, claims (rows get etl_*_batch = n with their claim
// row in one transaction), re-extraction of a claimed batch after a crash, and the fix-ups and
// sweeps around them. Parameterised SQL only; every query names the partial index it relies on.
import type { Db, Queryable } from '../../api/db/index.ts';
import { type ClaimKind, insertClaim, nextBatchNumber } from './claims.ts';
import type { BotEventRow, PostRow, SalaryRow } from './toArrow.ts';

const POST_COLUMNS = `p.id, (extract(epoch FROM p.created_at) * 1000)::float8 AS created_ms,
  p.author_day::text AS author_day, p.author_box, t.company_id, t.is_canary, p.deleted, p.author_gone`;
const STORED_ENRICHMENT = 'p.sentiment, p.negative, p.topics';

/**
 * New posts (posts_etl_pending), oldest first from `since` but not those in `exclude` (the previous
 * batch's posts from that same millisecond, maybe not claimed yet), with their bodies. Not claimed.
 */
export async function selectPendingPosts(
  db: Queryable,
  since: Date,
  limit: number,
  exclude: readonly string[] = [],
): Promise<PostRow[]> {
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS}, p.body FROM posts p JOIN threads t ON t.id = p.thread_id
     WHERE p.etl_load_batch IS NULL AND p.created_at >= $1 AND NOT (p.id = ANY($3::text[]))
     ORDER BY p.created_at, p.id LIMIT $2`,
    [since, limit, exclude],
  );
  return rows;
}

export interface PostClaim {
  ids: string[];
  sentiment: (number | null)[];
  negative: (boolean | null)[];
  topics: (string | null)[];
  contributing: boolean[];
}

/**
 * Claims selected posts as batch n and stores their enrichment, in one transaction. A post deleted
 * (or whose author left) since it was selected is not claimed as contributing: it stays pending.
 */
export async function claimPosts(db: Db, claim: PostClaim): Promise<{ batch: number; claimed: Set<string> }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE posts AS p SET etl_load_batch = $1, sentiment = u.sentiment, negative = u.negative,
         topics = string_to_array(u.topics, ','),
         etl_unload_batch = CASE WHEN u.contributing THEN NULL ELSE $1::bigint END
       FROM unnest($2::text[], $3::real[], $4::boolean[], $5::text[], $6::boolean[])
         AS u(id, sentiment, negative, topics, contributing)
       WHERE p.id = u.id AND p.etl_load_batch IS NULL
         AND (NOT u.contributing OR NOT (p.deleted OR p.author_gone))
       RETURNING p.id`,
      [batch, claim.ids, claim.sentiment, claim.negative, claim.topics, claim.contributing],
    );
    await insertClaim(tx, { batch, kind: 'posts_load', rowCount: rows.length });
    return { batch, claimed: new Set(rows.map((r) => r.id)) };
  });
}

/** A claimed load batch again (after a crash): contributing = the claim counted it. Full scan. */
export async function reextractPostLoad(db: Queryable, batch: number): Promise<PostRow[]> {
  const { rows } = await db.query<PostRow>(
    `SELECT ${POST_COLUMNS}, '' AS body, ${STORED_ENRICHMENT}, (p.etl_unload_batch IS NULL) AS contributing
     FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.etl_load_batch = $1`,
    [batch],
  );
  return rows;
}

/** Claims loaded, contributing posts that were deleted or whose author left (posts_etl_removals). */
export async function claimPostRemovals(db: Db, limit: number): Promise<{ batch: number; rows: PostRow[] }> {
  return db.transaction(async (tx) => {
    const batch = await nextBatchNumber(tx);
    const { rows } = await tx.query<PostRow>(
      `UPDATE posts AS p SET etl_unload_batch = $1 FROM threads t
       WHERE t.id = p.thread_id AND p.id IN (
         SELECT id FROM posts WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND (deleted OR author_gone)
         ORDER BY id LIMIT $2)
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
     FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.etl_unload_batch = $1`,
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
  await db.query(
    `UPDATE ${table} SET etl_unload_batch = $1 WHERE id = ANY($2::text[]) AND etl_load_batch = $1 AND etl_unload_batch IS NULL`,
    [batch, ids],
  );
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
    `UPDATE posts SET author_box = NULL WHERE (author_gone OR deleted) AND author_box IS NOT NULL
     AND (etl_unload_batch IS NOT NULL OR etl_load_batch IS NULL)`,
  );
  return { tombstonesDeleted: tombstones.rowCount, authorBoxesCleared: boxes.rowCount };
}

export async function countPending(db: Queryable): Promise<Record<ClaimKind, number>> {
  const one = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0);
  return {
    posts_load: await one('SELECT count(*) AS n FROM posts WHERE etl_load_batch IS NULL'),
    posts_unload: await one(
      'SELECT count(*) AS n FROM posts WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND (deleted OR author_gone)',
    ),
    salaries_load: await one('SELECT count(*) AS n FROM salaries WHERE etl_load_batch IS NULL'),
    salaries_unload: await one(
      'SELECT count(*) AS n FROM salaries WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND deleted',
    ),
    bot_events_load: await one('SELECT count(*) AS n FROM bot_events WHERE etl_load_batch IS NULL'),
  };
}
