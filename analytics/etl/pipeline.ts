// The loading loops. New posts: prepared (select, Arrow, enrich, de-identify) ahead, claimed two
// batches at a time, loaded into DuckDB one at a time in order. Claim-first kinds: the next batch
// is claimed while the current one is loaded. Every batch keeps its own claim and watermark row.
import { ContributorTags } from '../contributors.ts';
import { aggregatePosts } from './aggregate.ts';
import { type BatchContext, commitBatch, finishPostLoad } from './batches.ts';
import type { ClaimKind } from './claims.ts';
import { deidentifyPosts, Outcome } from './deidentify.ts';
import { enrichBodies, topicsOf } from './enrichment.ts';
import { claimPosts, reextractPostLoad, selectPendingPosts } from './extract.ts';
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
  enrichment: ReturnType<typeof enrichBodies>;
  contributions: Parameters<typeof aggregatePosts>[0];
  outcome: Uint8Array;
}

/** Select (keyset), Arrow, enrich and de-identify one batch of new posts; nothing is written yet. */
async function preparePosts(
  ctx: BatchContext,
  since: Date,
  exclude: string[],
  size: number,
): Promise<PreparedPosts | null> {
  const { time } = ctx;
  const rows = await time('extract', () => selectPendingPosts(ctx.db, since, size, exclude));
  if (rows.length === 0) return null;
  await ctx.companies.ensure(rows.map((r) => r.company_id));
  const source = await time('arrow', () => postsToArrow(rows, ctx.companies.slugOf));
  const flags = column(source, 'flags').values;
  const companies = column(source, 'company');
  const candidates = Uint8Array.from(flags, (flag, i) =>
    flag & CANDIDATE_EXCLUDED || companies.valueOffsets[i] === companies.valueOffsets[i + 1] ? 0 : 1,
  );
  const enrichment = await time('enrich', () => enrichBodies(column(source, 'body'), candidates));
  const tags = new ContributorTags(ctx.keys);
  const { batch: contributions, outcome } = await time('deidentify', () =>
    deidentifyPosts(source, enrichment, { keys: ctx.keys, tags }, 'new'),
  );
  return { rows, enrichment, contributions, outcome };
}

/** Post batches claimed at once: PostgreSQL's row rewrites are the slowest stage, so two run side by side. */
const CLAIMS_IN_FLIGHT = 2;

/**
 * New posts in keyset order (created_at, id). A batch is selected, enriched and de-identified first,
 * then claimed together with its enrichment in one UPDATE, so each post is written once. While
 * batches are being claimed the next one is prepared; DuckDB loads them in order, one at a time.
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

  let next = later(preparePosts(ctx, new Date(0), [], size));
  for (;;) {
    const prepared = await next;
    if (!prepared) break;
    const { rows, enrichment, outcome } = prepared;
    // The next batch starts at this one's last millisecond, minus the posts already taken from it
    // by batches whose claims may not have committed yet.
    const since = Math.floor(rows[rows.length - 1]!.created_ms) - 1;
    const taken = [...inFlight.map((f) => f.prepared.rows), rows]
      .flat()
      .filter((r) => r.created_ms >= since)
      .map((r) => r.id);
    const counted = (i: number) => outcome[i] === Outcome.contributed;
    const claim = later(
      time('claim', () =>
        claimPosts(db, {
          ids: rows.map((r) => r.id),
          sentiment: rows.map((_, i) => (counted(i) ? enrichment.sentimentE4[i]! / 10_000 : null)),
          negative: rows.map((_, i) => (counted(i) ? enrichment.negative[i] === 1 : null)),
          topics: rows.map((_, i) => (counted(i) ? topicsOf(enrichment.topics[i]!).join(',') : null)),
          contributing: rows.map((_, i) => counted(i)),
        }),
      ),
    );
    inFlight.push({ prepared, claim });
    next = later(preparePosts(ctx, new Date(since), taken, size));
    if (inFlight.length >= CLAIMS_IN_FLIGHT) await commitOldest();
  }
  while (inFlight.length > 0) await commitOldest();
}
