// Before a run loads anything: is this warehouse file the one PostgreSQL's bookkeeping describes,
// and which batches did an interrupted run claim but not finish? Those are finished first, from
// the rows their claim marked (A1).
import type { Db } from '../../api/db/index.ts';
import type { Warehouse } from '../warehouse.ts';
import {
  type BatchContext,
  finishBotEvents,
  finishPostLoad,
  finishPostRemoval,
  finishSalaryLoad,
  finishSalaryRemoval,
} from './batches.ts';
import { adoptOwner, finishClaim, openClaims, readOwner } from './claims.ts';
import { EtlError } from './errors.ts';
import {
  reextractBotEvents,
  reextractPostLoad,
  reextractPostRemoval,
  reextractSalaryLoad,
  reextractSalaryRemoval,
} from './extract.ts';
import type { ProgressListener } from './summary.ts';
import { isRecorded } from './watermark.ts';

/** True when this warehouse file owns PostgreSQL's bookkeeping; throws if it must be rebuilt first. */
export async function checkOwnership(
  db: Db,
  warehouse: Warehouse,
  maxRecorded: number,
  rebuild: boolean,
): Promise<boolean> {
  const owner = await readOwner(db);
  if (!owner) {
    await adoptOwner(db, warehouse.id, maxRecorded);
    return true;
  }
  if (owner.warehouse === warehouse.id && owner.lastBatch <= maxRecorded) return true;
  if (rebuild) return false;
  if (owner.warehouse !== warehouse.id)
    throw new EtlError(
      'WAREHOUSE_NOT_OWNER',
      `PostgreSQL's ETL bookkeeping belongs to another warehouse file (${owner.warehouse}), not ${warehouse.path} ` +
        `(${warehouse.id}). Open the right file, or run "npm run etl -- etl --rebuild" to adopt it (closed cells cannot be re-derived).`,
    );
  throw new EtlError(
    'WAREHOUSE_BEHIND',
    `${warehouse.path} has batches up to ${maxRecorded} but PostgreSQL finished batch ${owner.lastBatch}: ` +
      'the file is older than the bookkeeping (restored from a backup?). Run "npm run etl -- etl --rebuild".',
  );
}

/** Finishes every batch claimed in PostgreSQL that DuckDB never recorded (and the claims it did). */
export async function recoverClaims(ctx: BatchContext, progress: ProgressListener): Promise<void> {
  const claims = await openClaims(ctx.db);
  let done = 0;
  for (const claim of claims) {
    progress({ phase: 'recover', done, total: claims.length });
    if (await isRecorded(ctx.writer, claim.batch)) {
      await finishClaim(ctx.db, claim.batch);
    } else {
      const { db } = ctx;
      switch (claim.kind) {
        case 'posts_load':
          await finishPostLoad(
            ctx,
            claim.batch,
            await ctx.time('extract', () => reextractPostLoad(db, claim.batch)),
          );
          break;
        case 'posts_unload':
          await finishPostRemoval(
            ctx,
            claim.batch,
            await ctx.time('extract', () => reextractPostRemoval(db, claim.batch)),
          );
          break;
        case 'salaries_load':
          await finishSalaryLoad(
            ctx,
            claim.batch,
            await ctx.time('extract', () => reextractSalaryLoad(db, claim.batch)),
          );
          break;
        case 'salaries_unload':
          await finishSalaryRemoval(
            ctx,
            claim.batch,
            await ctx.time('extract', () => reextractSalaryRemoval(db, claim.batch)),
          );
          break;
        case 'bot_events_load':
          await finishBotEvents(
            ctx,
            claim.batch,
            await ctx.time('extract', () => reextractBotEvents(db, claim.batch)),
          );
          break;
      }
      ctx.summary.recoveredBatches++;
    }
    done++;
  }
}
