// The loading loops. New posts: prepared (select, Arrow, enrich, de-identify) ahead, claimed two
// batches at a time, loaded into DuckDB one at a time in order. Claim-first kinds: the next batch
// is claimed while the current one is loaded. Every batch keeps its own claim and watermark row.
import type { RecordBatch } from 'apache-arrow';
import { ContributorTags } from '../contributors.ts';
import { aggregatePosts } from './aggregate.ts';
import { type BatchContext, commitBatch, finishPostLoad } from './batches.ts';
import type { ClaimKind } from './claims.ts';
import { Outcome } from './deidentify.ts';
import { POST_WORKER_THREADS } from './post-worker.ts';
import type { EnrichmentColumns } from './enrichment.ts';
import {
  claimPosts,
  POSTS_START,
  type PostCursor,
  reextractPostLoad,
  selectPendingPosts,
} from './extract.ts';
import { countLoad, type ProgressListener } from './summary.ts';
import {
  column,
  POST_AUTHOR_GONE,
  POST_CANARY,
  POST_DELETED,
  type PostRow,
  postsToArrow,
} from './toArrow.ts';

/** Marks a promise handled now (it is awaited later): a failure while another step runs must not crash. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/**
 * Claim-first kinds: the next batch is claimed in PostgreSQL while this one is de-identified and
 * loaded into DuckDB, so the two databases work at the same time. Batches stay disjoint (each claim
 * takes rows still unclaimed) and each is still one DuckDB transaction with its watermark row.
 */
export async function loadClaimed<Row>(
  ctx: BatchContext,
  phase: ClaimKind,
  total: number,
  progress: ProgressListener,
  claim: () => Promise<{ batch: number; rows: Row[] }>,
  finish: (batch: number, rows: Row[]) => Promise<void>,
): Promise<void> {
  if (total === 0) return;
  let done = 0;
  progress({ phase, done, total });
  let next = later(ctx.time('extract', claim));
  for (;;) {
    const { batch, rows } = await next;
    if (rows.length === 0) break;
    next = later(ctx.time('extract', claim));
    await ctx.hooks.afterClaim?.(batch, phase);
    await finish(batch, rows);
    done += rows.length;
    progress({ phase, done: Math.min(done, total), total: Math.max(total, done) });
  }
}

const CANDIDATE_EXCLUDED = POST_DELETED | POST_AUTHOR_GONE | POST_CANARY;

interface PreparedPosts {
  rows: PostRow[];
  enrichment: EnrichmentColumns;
  contributions: RecordBatch;
  outcome: Uint8Array;
}

type Window = Awaited<ReturnType<typeof selectPendingPosts>>;

/** The next window after `after` that holds pending posts, or null after the last. */
async function selectWindow(ctx: BatchContext, after: PostCursor, size: number): Promise<Window | null> {
  let window = await ctx.time('extract', () => selectPendingPosts(ctx.db, after, size));
  while (window.rows.length === 0) {
    const next = window.next;
    if (!next) return null;
    window = await ctx.time('extract', () => selectPendingPosts(ctx.db, next, size));
  }
  return window;
}

/** Arrow, enrich and de-identify one selected window of new posts; nothing is written yet. */
async function preparePosts(ctx: BatchContext, window: Window): Promise<PreparedPosts> {
  const { time } = ctx;
  const { rows } = window;
  await ctx.companies.ensure(rows.map((r) => r.company_id));
  const source = await time('arrow', () => postsToArrow(rows, ctx.companies.slugOf));
  const flags = column(source, 'flags').values;
  const companies = column(source, 'company');
  const candidates = Uint8Array.from(flags, (flag, i) =>
    flag & CANDIDATE_EXCLUDED || companies.valueOffsets[i] === companies.valueOffsets[i + 1] ? 0 : 1,
  );
  const tags = new ContributorTags(ctx.keys, ctx.tagCache);
  const { enrichment, contributions, outcome, enrichMs, deidentifyMs } = await ctx.postWorker.prepare(
    source,
    candidates,
    { keys: ctx.keys, tags },
  );
  ctx.summary.stagesMs.enrich += enrichMs;
  ctx.summary.stagesMs.deidentify += deidentifyMs;
  return { rows, enrichment, contributions, outcome };
}

/** Post batches claimed at once: the next claim commits in PostgreSQL while DuckDB loads this one. */
const CLAIMS_IN_FLIGHT = 2;

/** Post batches being prepared at once (one per post worker thread). */
const PREPARED_AHEAD = POST_WORKER_THREADS;

/**
 * New posts in keyset order (created_at, id), one window at a time. A batch is selected, enriched
 * and de-identified first (on the post worker), then claimed together with its enrichment in one
 * INSERT into etl_posts, so each post is written once. While batches are being claimed the next one
 * is prepared and the one after it selected; DuckDB loads them in order, one at a time.
 */
export async function loadPosts(
  ctx: BatchContext,
  size: number,
  total: number,
  progress: ProgressListener,
): Promise<void> {
  const { db, time, summary } = ctx;
  let done = 0;
  if (total > 0) progress({ phase: 'posts_load', done, total });
  const inFlight: { prepared: PreparedPosts; claim: Promise<{ batch: number; claimed: Set<string> }> }[] = [];
  const commitOldest = async () => {
    const { prepared, claim } = inFlight.shift()!;
    const { rows, contributions, outcome } = prepared;
    const { batch, claimed } = await claim;
    done += rows.length;
    if (claimed.size === 0) return;
    await ctx.hooks.afterClaim?.(batch, 'posts_load');
    if (claimed.size === rows.length) {
      countLoad(summary.posts, outcome);
      await commitBatch(ctx, batch, 'posts_load', rows.length, aggregatePosts(contributions, 1));
    } else {
      // Some posts changed between select and claim: finish from what the claim recorded.
      await finishPostLoad(ctx, batch, await time('extract', () => reextractPostLoad(db, batch)));
    }
    progress({ phase: 'posts_load', done: Math.min(done, total), total: Math.max(total, done) });
  };

  // Windows are selected one after another, each as soon as the one before it is read, and up to
  // PREPARED_AHEAD of them are prepared (on the post workers) while earlier batches are claimed and
  // loaded; the loop takes them in order.
  let selecting = later(selectWindow(ctx, POSTS_START, size));
  const ahead: Promise<PreparedPosts | null>[] = [];
  const prepareNext = () => {
    const selected = selecting;
    selecting = later(
      selected.then((window) => (window?.next ? selectWindow(ctx, window.next, size) : null)),
    );
    ahead.push(later(selected.then((window) => (window ? preparePosts(ctx, window) : null))));
  };
  for (let i = 0; i < PREPARED_AHEAD; i++) prepareNext();
  for (;;) {
    const prepared = await ahead.shift()!;
    if (!prepared) break;
    const { rows, enrichment, outcome } = prepared;
    const counted = (i: number) => outcome[i] === Outcome.contributed;
    const claim = later(
      time('claim', () =>
        claimPosts(db, {
          ids: rows.map((r) => r.id),
          sentiment: rows.map((_, i) => (counted(i) ? enrichment.sentimentE4[i]! / 10_000 : null)),
          negative: rows.map((_, i) => (counted(i) ? enrichment.negative[i] === 1 : null)),
          topics: rows.map((_, i) => (counted(i) ? enrichment.topics[i]! : null)),
          contributing: rows.map((_, i) => counted(i)),
        }),
      ),
    );
    inFlight.push({ prepared, claim });
    prepareNext();
    if (inFlight.length >= CLAIMS_IN_FLIGHT) await commitOldest();
  }
  while (inFlight.length > 0) await commitOldest();
}
