// runEtl: one incremental, exactly-once pass PostgreSQL → Arrow → DuckDB (A1). In order:
//   1. finish batches an interrupted run claimed in PostgreSQL (etl_claims) but DuckDB never recorded;
//   2. load new posts, salary reports and bot events in claimed batches;
//   3. remove the contributions of deleted posts, posts whose author left, and withdrawn reports;
//   4. (rebuild only) re-derive the cells that can still be re-derived;
//   5. sweep tombstones and author boxes nobody needs any more.
// Every batch commits its facts and its watermark row in one DuckDB transaction.
import type { Clock } from '../../api/clock.ts';
import type { Config } from '../../api/config.ts';
import type { Db } from '../../api/db/index.ts';
import type { KeyStore } from '../../api/keys/keystore.ts';
import { readState, type Warehouse } from '../warehouse.ts';
import {
  type BatchContext,
  type EtlHooks,
  finishBotEvents,
  finishPostRemoval,
  finishSalaryLoad,
  finishSalaryRemoval,
} from './batches.ts';
import { adoptOwner } from './claims.ts';
import { CompanyDirectory } from './companies.ts';
import {
  claimBotEvents,
  claimPostRemovals,
  claimSalaries,
  claimSalaryRemovals,
  countPending,
  sweepRemoved,
} from './extract.ts';
import { loadClaimed, loadPosts } from './pipeline.ts';
import { PostWorker } from './post-worker.ts';
import { REBUILD_PENDING, rebuildOpenCells, releaseForeignClaims } from './rebuild.ts';
import { checkOwnership, recoverClaims } from './recover.ts';
import { emptySummary, type EtlSummary, type ProgressListener, timer } from './summary.ts';
import { maxRecordedBatch } from './watermark.ts';

export { EtlError } from './errors.ts';
export type { EtlHooks } from './batches.ts';
export type { EtlProgress, EtlSummary, RebuildSummary } from './summary.ts';

export const DEFAULT_BATCH_SIZE = 50_000;

export interface EtlDeps {
  db: Db;
  keys: KeyStore;
  clock: Clock;
  config: Pick<Config, 'authorLinkDays' | 'etlGraceDays'>;
  warehouse: Warehouse;
  onProgress?: ProgressListener;
  /** Rows per claimed batch (default 25 000). */
  batchSize?: number;
  /** Re-derive every cell that can honestly be re-derived (see analytics/README.md). */
  rebuild?: boolean;
  hooks?: EtlHooks;
}

export async function runEtl(deps: EtlDeps): Promise<EtlSummary> {
  const { db, warehouse } = deps;
  const summary = emptySummary();
  const started = performance.now();
  const time = timer(summary);
  const size = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress = deps.onProgress ?? (() => {});

  return warehouse.exclusive(async (writer) => {
    const ctx: BatchContext = {
      db,
      keys: deps.keys,
      clock: deps.clock,
      writer,
      companies: new CompanyDirectory(db),
      tagCache: new WeakMap(),
      postWorker: new PostWorker(),
      summary,
      time,
      hooks: deps.hooks ?? {},
    };
    try {
      const rebuild = deps.rebuild || (await readState(writer, REBUILD_PENDING)) === '1';
      const owned = await checkOwnership(db, warehouse, await maxRecordedBatch(writer), rebuild);
      if (owned) await recoverClaims(ctx, progress);
      else await releaseForeignClaims(db);

      const pending = await countPending(db);
      await loadPosts(ctx, size, pending.posts_load, progress);
      await loadClaimed(
        ctx,
        'salaries_load',
        pending.salaries_load,
        progress,
        () => claimSalaries(db, size),
        (batch, rows) => finishSalaryLoad(ctx, batch, rows),
      );
      await loadClaimed(
        ctx,
        'bot_events_load',
        pending.bot_events_load,
        progress,
        () => claimBotEvents(db, size),
        (batch, rows) => finishBotEvents(ctx, batch, rows),
      );
      await loadClaimed(
        ctx,
        'posts_unload',
        pending.posts_unload,
        progress,
        () => claimPostRemovals(db, size),
        (batch, rows) => finishPostRemoval(ctx, batch, rows),
      );
      await loadClaimed(
        ctx,
        'salaries_unload',
        pending.salaries_unload,
        progress,
        () => claimSalaryRemovals(db, size),
        (batch, rows) => finishSalaryRemoval(ctx, batch, rows),
      );

      if (rebuild) {
        progress({ phase: 'rebuild', done: 0, total: 1 });
        summary.rebuild = await rebuildOpenCells(ctx, size);
        progress({ phase: 'rebuild', done: 1, total: 1 });
      }
      if (!owned || rebuild) await adoptOwner(db, warehouse.id, await maxRecordedBatch(writer));

      const swept = await time('finish', () => sweepRemoved(db));
      summary.tombstonesDeleted = swept.tombstonesDeleted;
      summary.authorBoxesCleared = swept.authorBoxesCleared;
      summary.totalMs = performance.now() - started;
      return summary;
    } finally {
      await ctx.postWorker.close();
    }
  });
}
