// One batch of each kind, start to finish: Arrow → de-identify → (PostgreSQL fix-ups) → one DuckDB
// transaction with the facts and the batch's watermark row → the claim is finished. The same code
// finishes a fresh batch and one re-extracted after a crash, so recovery is not a second path.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Clock } from '../../api/clock.ts';
import type { Db } from '../../api/db/index.ts';
import type { KeyStore } from '../../api/keys/keystore.ts';
import { weekOf } from '../cells.ts';
import { ContributorTags, type TagCache } from '../contributors.ts';
import { aggregateBotEvents, aggregatePosts, aggregateSalaries, type Deltas } from './aggregate.ts';
import { type ClaimKind, finishClaim } from './claims.ts';
import type { CompanyDirectory } from './companies.ts';
import { deidentifyBotEvents, deidentifyPosts, deidentifySalaries, Outcome } from './deidentify.ts';
import { type EnrichmentColumns, storedEnrichment } from './enrichment.ts';
import { markNotContributing } from './extract.ts';
import type { PostWorker } from './post-worker.ts';
import { applyDeltas, inTransaction } from './load.ts';
import { countLoad, countRemoval, type EtlSummary, type timer } from './summary.ts';
import {
  type BotEventRow,
  botEventsToArrow,
  column,
  POST_CONTRIBUTING,
  POST_STORED_NEGATIVE,
  type PostRow,
  postsToArrow,
  type SalaryRow,
  salariesToArrow,
} from './toArrow.ts';
import { recordBatch } from './watermark.ts';

export interface EtlHooks {
  /** After a batch's claim committed in PostgreSQL, before anything reaches DuckDB. */
  afterClaim?(batch: number, kind: ClaimKind): void | Promise<void>;
  /** Inside the DuckDB transaction, after the facts and the watermark row, before COMMIT. */
  beforeCommit?(batch: number, kind: ClaimKind): void | Promise<void>;
}

export interface BatchContext {
  db: Db;
  keys: KeyStore;
  clock: Clock;
  writer: DuckDBConnection;
  companies: CompanyDirectory;
  /** Contributor tags computed so far in this run (see ContributorTags). */
  tagCache: TagCache;
  /** Enriches and de-identifies large batches of new posts off the main thread. */
  postWorker: PostWorker;
  summary: EtlSummary;
  time: ReturnType<typeof timer>;
  hooks: EtlHooks;
}

/** Loads deltas and the watermark row in one DuckDB transaction, then finishes the claim. */
export async function commitBatch(
  ctx: BatchContext,
  batch: number,
  kind: ClaimKind,
  sourceRows: number,
  deltas: Deltas,
): Promise<void> {
  await ctx.time('load', () =>
    inTransaction(ctx.writer, async () => {
      await applyDeltas(ctx.writer, deltas, ctx.companies.nameOf);
      await recordBatch(ctx.writer, {
        batch,
        kind,
        sourceRows,
        isoWeek: weekOf(ctx.clock.now().getTime()).isoWeek,
      });
      await ctx.hooks.beforeCommit?.(batch, kind);
    }),
  );
  await ctx.time('finish', () => finishClaim(ctx.db, batch));
  ctx.summary.batches++;
}

const storedPostEnrichment = (source: ReturnType<typeof postsToArrow>): EnrichmentColumns => {
  const flags = column(source, 'flags').values;
  return storedEnrichment(
    column(source, 'stored_sentiment'),
    column(source, 'stored_topics'),
    (i) => (flags[i]! & POST_STORED_NEGATIVE) !== 0,
  );
};

/**
 * A claimed post load batch, with the enrichment stored by its claim. Posts the claim counted but
 * that cannot be counted now (link or cells died since) are marked not contributing first.
 */
export async function finishPostLoad(ctx: BatchContext, batch: number, rows: PostRow[]): Promise<void> {
  await ctx.companies.ensure(rows.map((r) => r.company_id));
  const source = await ctx.time('arrow', () => postsToArrow(rows, ctx.companies.slugOf));
  const tags = new ContributorTags(ctx.keys, ctx.tagCache);
  const { batch: contributions, outcome } = await ctx.time('deidentify', () =>
    deidentifyPosts(source, storedPostEnrichment(source), { keys: ctx.keys, tags }, 'counted'),
  );
  const flags = column(source, 'flags').values;
  const lost = rows
    .filter((_, i) => flags[i]! & POST_CONTRIBUTING && outcome[i] !== Outcome.contributed)
    .map((r) => r.id);
  await ctx.time('claim', () => markNotContributing(ctx.db, 'posts', batch, lost));
  countLoad(ctx.summary.posts, outcome);
  ctx.summary.posts.unattributable += lost.length;
  await commitBatch(ctx, batch, 'posts_load', rows.length, aggregatePosts(contributions, 1));
}

export async function finishPostRemoval(ctx: BatchContext, batch: number, rows: PostRow[]): Promise<void> {
  await ctx.companies.ensure(rows.map((r) => r.company_id));
  const source = await ctx.time('arrow', () => postsToArrow(rows, ctx.companies.slugOf));
  const tags = new ContributorTags(ctx.keys, ctx.tagCache);
  const { batch: contributions, outcome } = await ctx.time('deidentify', () =>
    deidentifyPosts(source, storedPostEnrichment(source), { keys: ctx.keys, tags }, 'counted'),
  );
  countRemoval(ctx.summary.posts, outcome);
  await commitBatch(ctx, batch, 'posts_unload', rows.length, aggregatePosts(contributions, -1));
}

/** A claimed salary load batch: reports that do not count are marked so before DuckDB commits. */
export async function finishSalaryLoad(ctx: BatchContext, batch: number, rows: SalaryRow[]): Promise<void> {
  await ctx.companies.ensure(rows.map((r) => r.company_id));
  const source = await ctx.time('arrow', () => salariesToArrow(rows, ctx.companies.slugOf));
  const tags = new ContributorTags(ctx.keys, ctx.tagCache);
  const { batch: contributions, outcome } = await ctx.time('deidentify', () =>
    deidentifySalaries(source, { keys: ctx.keys, tags }, 'new'),
  );
  const notCounted = rows.filter((_, i) => outcome[i] !== Outcome.contributed).map((r) => r.id);
  await ctx.time('claim', () => markNotContributing(ctx.db, 'salaries', batch, notCounted));
  countLoad(ctx.summary.salaries, outcome);
  await commitBatch(ctx, batch, 'salaries_load', rows.length, aggregateSalaries(contributions, 1));
}

export async function finishSalaryRemoval(
  ctx: BatchContext,
  batch: number,
  rows: SalaryRow[],
): Promise<void> {
  await ctx.companies.ensure(rows.map((r) => r.company_id));
  const source = await ctx.time('arrow', () => salariesToArrow(rows, ctx.companies.slugOf));
  const tags = new ContributorTags(ctx.keys, ctx.tagCache);
  const { batch: contributions, outcome } = await ctx.time('deidentify', () =>
    deidentifySalaries(source, { keys: ctx.keys, tags }, 'counted'),
  );
  countRemoval(ctx.summary.salaries, outcome);
  await commitBatch(ctx, batch, 'salaries_unload', rows.length, aggregateSalaries(contributions, -1));
}

export async function finishBotEvents(ctx: BatchContext, batch: number, rows: BotEventRow[]): Promise<void> {
  const source = await ctx.time('arrow', () => botEventsToArrow(rows));
  const counts = await ctx.time('deidentify', () => deidentifyBotEvents(source));
  ctx.summary.botEvents.loaded += rows.length;
  await commitBatch(ctx, batch, 'bot_events_load', rows.length, aggregateBotEvents(counts));
}
