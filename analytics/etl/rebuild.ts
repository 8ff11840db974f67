// `etl --rebuild`: re-derive, from PostgreSQL, every cell that can still honestly be re-derived, and
// keep every other cell exactly as it is. A cell can be re-derived only while its key lives AND every
// contribution to it is still attributable:
//   - post cells (week, month) that start on or after the oldest live author-link day: older cells
//     hold posts whose author links have died, so recomputing them would silently drop those posts;
//   - salary cells whose warehouseYear key lives (reporter links outlive it by design).
// Closed cells (key dead) are final (P5) and never touched. Re-derivation reads the rows the
// bookkeeping counts (loaded, not unloaded), runs the current enricher again, writes changed
// enrichment back (only for the cells being re-derived), then replaces those cells in ONE DuckDB
// transaction. PostgreSQL's claim columns do not change, so exactly-once still holds afterwards.
import { type DuckDBValue, listValue } from '@duckdb/node-api';
import type { Db, Queryable } from '../../api/db/index.ts';
import { dayToIso, monthLabel, monthOf, weekOf, yearLabel } from '../cells.ts';
import { ContributorTags } from '../contributors.ts';
import { readState, writeState } from '../warehouse.ts';
import { aggregatePosts, aggregateSalaries, emptyDeltas } from './aggregate.ts';
import type { BatchContext } from './batches.ts';
import { nextBatchNumber, openClaims } from './claims.ts';
import { deidentifyPosts, deidentifySalaries } from './deidentify.ts';
import { enrichBodies } from './enrichment.ts';
import { applyDeltas, inTransaction } from './load.ts';
import type { RebuildSummary } from './summary.ts';
import {
  column,
  NO_STORED_TOPICS,
  POST_STORED_NEGATIVE,
  type PostRow,
  postsToArrow,
  type SalaryRow,
  salariesToArrow,
} from './toArrow.ts';
import { recordBatch } from './watermark.ts';

/** DuckDB warehouse_state flag: a rebuild wrote enrichment to PostgreSQL but has not committed. */
export const REBUILD_PENDING = 'rebuild_pending';

export async function rebuildOpenCells(ctx: BatchContext, size: number): Promise<RebuildSummary> {
  const { db, keys, writer } = ctx;
  const tags = new ContributorTags(keys, ctx.tagCache);
  // Decide liveness once, through the same cache the tags use, so "deleted" and "re-derived" agree.
  const liveMonths = keys.livePeriods('warehouseMonth').filter((m) => tags.live('warehouseMonth', m));
  const liveYears = keys.livePeriods('warehouseYear').filter((y) => tags.live('warehouseYear', y));
  const oldestLiveAuthorDay = keys.livePeriods('author')[0];
  const fromDay = oldestLiveAuthorDay ?? Number.POSITIVE_INFINITY;
  const summary: RebuildSummary = {
    postCellsFrom: Number.isFinite(fromDay) ? dayToIso(fromDay) : 'none',
    salaryKeyYears: liveYears,
    postsRederived: 0,
    salariesRederived: 0,
    enrichmentChanged: 0,
    rowsDeleted: 0,
  };

  if ((await readState(writer, REBUILD_PENDING)) !== '1') await writeState(writer, REBUILD_PENDING, '1');
  const deltas = emptyDeltas();

  if (Number.isFinite(fromDay) && liveMonths.length > 0) {
    let since = new Date(fromDay * 86_400_000);
    for (;;) {
      const rows = await ctx.time('extract', () => selectCountedPosts(db, since, size));
      if (rows.length === 0) break;
      await ctx.companies.ensure(rows.map((r) => r.company_id));
      const source = await ctx.time('arrow', () => postsToArrow(rows, ctx.companies.slugOf));
      const fresh = await ctx.time('enrich', () =>
        enrichBodies(column(source, 'body'), new Uint8Array(rows.length).fill(1)),
      );
      summary.enrichmentChanged += await ctx.time('claim', () =>
        writeBackChangedEnrichment(db, rows, source, fresh, fromDay),
      );
      const { batch } = await ctx.time('deidentify', () =>
        deidentifyPosts(source, fresh, { keys, tags }, 'counted', { fromDay }),
      );
      aggregatePosts(batch, 1, deltas);
      summary.postsRederived += batch.numRows;
      since = new Date(Math.floor(rows[rows.length - 1]!.created_ms) - 1);
      if (rows.length < size) break;
    }
  }

  if (liveYears.length > 0) {
    const rows = await ctx.time('extract', () => selectCountedSalaries(db, liveYears));
    await ctx.companies.ensure(rows.map((r) => r.company_id));
    const source = await ctx.time('arrow', () => salariesToArrow(rows, ctx.companies.slugOf));
    const { batch } = await ctx.time('deidentify', () =>
      deidentifySalaries(source, { keys, tags }, 'counted'),
    );
    aggregateSalaries(batch, 1, deltas);
    summary.salariesRederived += batch.numRows;
  }

  const batch = await nextBatchNumber(db);
  await ctx.time('load', () =>
    inTransaction(writer, async () => {
      const months = liveMonths.map(monthLabel);
      const years = liveYears.map(yearLabel);
      if (Number.isFinite(fromDay) && months.length > 0) {
        const from = dayToIso(fromDay);
        summary.rowsDeleted += await deleteRows(
          writer,
          'DELETE FROM fact_sentiment_week WHERE week_start >= CAST($1 AS DATE) AND list_contains($2, key_period)',
          [from, listValue(months)],
        );
        summary.rowsDeleted += await deleteRows(
          writer,
          'DELETE FROM fact_topics_month WHERE month >= CAST($1 AS DATE) AND list_contains($2, key_period)',
          [from, listValue(months)],
        );
      }
      if (years.length > 0) {
        for (const table of ['fact_salary_company', 'fact_salary_city']) {
          summary.rowsDeleted += await deleteRows(
            writer,
            `DELETE FROM ${table} WHERE list_contains($1, key_period)`,
            [listValue(years)],
          );
        }
      }
      await applyDeltas(writer, deltas, ctx.companies.nameOf);
      await recordBatch(writer, {
        batch,
        kind: 'rebuild',
        sourceRows: summary.postsRederived + summary.salariesRederived,
        isoWeek: weekOf(ctx.clock.now().getTime()).isoWeek,
      });
      await writeState(writer, REBUILD_PENDING, '0');
    }),
  );
  ctx.summary.batches++;
  return summary;
}

async function deleteRows(
  writer: BatchContext['writer'],
  sql: string,
  params: DuckDBValue[],
): Promise<number> {
  return (await writer.run(sql, params)).rowsChanged;
}

/** Posts the bookkeeping counts (loaded, not removed) created on or after `since`, with bodies. */
async function selectCountedPosts(db: Queryable, since: Date, limit: number): Promise<PostRow[]> {
  const { rows } = await db.query<PostRow>(
    `SELECT p.id, (extract(epoch FROM p.created_at) * 1000)::float8 AS created_ms,
       p.author_day::text AS author_day, p.author_box, t.company_id, t.is_canary, p.deleted, p.author_gone,
       p.body, e.sentiment, e.negative, e.topics, true AS contributing
     FROM posts p JOIN etl_posts e ON e.post_id = p.id JOIN threads t ON t.id = p.thread_id
     WHERE e.unload_batch IS NULL AND p.created_at >= $1
     ORDER BY p.created_at, p.id LIMIT $2`,
    [since, limit],
  );
  return rows;
}

async function selectCountedSalaries(db: Queryable, keyYears: number[]): Promise<SalaryRow[]> {
  const { rows } = await db.query<SalaryRow>(
    `SELECT id, submitted_year, reporter_box, deleted, company_id, job_family, level, city, base, bonus, equity,
       currency, year
     FROM salaries WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND submitted_year = ANY($1::int[])`,
    [keyYears],
  );
  return rows;
}

/**
 * Stores the new enrichment of posts whose re-derived cell needs it: sentiment and negative when the
 * week cell is re-derived, topics when the month cell is. Removals later subtract what is stored.
 */
async function writeBackChangedEnrichment(
  db: Db,
  rows: PostRow[],
  source: ReturnType<typeof postsToArrow>,
  fresh: ReturnType<typeof enrichBodies>,
  fromDay: number,
): Promise<number> {
  const storedSentiment = column(source, 'stored_sentiment').values;
  const storedTopics = column(source, 'stored_topics').values;
  const flags = column(source, 'flags').values;
  const ids: string[] = [];
  const sentiment: number[] = [];
  const negative: boolean[] = [];
  const topics: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const ms = rows[i]!.created_ms;
    const weekRederived = weekOf(ms).startDay >= fromDay;
    const monthRederived = monthOf(ms).startDay >= fromDay;
    const oldSentiment = Math.round(storedSentiment[i]! * 10_000);
    const oldNegative = (flags[i]! & POST_STORED_NEGATIVE) !== 0;
    const newSentiment = weekRederived ? fresh.sentimentE4[i]! : oldSentiment;
    const newNegative = weekRederived ? fresh.negative[i] === 1 : oldNegative;
    const newTopics = monthRederived ? fresh.topics[i]! : storedTopics[i]!;
    if (newSentiment === oldSentiment && newNegative === oldNegative && newTopics === storedTopics[i])
      continue;
    ids.push(rows[i]!.id);
    sentiment.push(newSentiment / 10_000);
    negative.push(newNegative);
    topics.push(newTopics === NO_STORED_TOPICS ? 0 : newTopics);
  }
  if (ids.length === 0) return 0;
  await db.query(
    `UPDATE etl_posts AS e SET sentiment = u.sentiment, negative = u.negative, topics = u.topics
     FROM unnest($1::text[], $2::real[], $3::boolean[], $4::smallint[]) AS u(id, sentiment, negative, topics)
     WHERE e.post_id = u.id`,
    [ids, sentiment, negative, topics],
  );
  return ids.length;
}

/**
 * Adopting bookkeeping left by another (lost or replaced) warehouse file: its batches in flight were
 * never counted here, so their rows go back to "pending" (loads) or "counted" (removals).
 */
export async function releaseForeignClaims(db: Db): Promise<void> {
  for (const claim of await openClaims(db)) {
    await db.transaction(async (tx) => {
      const reset: Record<typeof claim.kind, string> = {
        posts_load: 'DELETE FROM etl_posts WHERE load_batch = $1',
        posts_unload: 'UPDATE etl_posts SET unload_batch = NULL WHERE unload_batch = $1',
        salaries_load:
          'UPDATE salaries SET etl_load_batch = NULL, etl_unload_batch = NULL WHERE etl_load_batch = $1',
        salaries_unload: 'UPDATE salaries SET etl_unload_batch = NULL WHERE etl_unload_batch = $1',
        bot_events_load: 'UPDATE bot_events SET etl_load_batch = NULL WHERE etl_load_batch = $1',
      };
      await tx.query(reset[claim.kind], [claim.batch]);
      await tx.query('DELETE FROM etl_claims WHERE batch = $1', [claim.batch]);
    });
  }
}
