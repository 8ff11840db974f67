// PostgreSQL side of exactly-once loading (migration 003): batch numbers from etl_batch_seq, the
// batches in flight (etl_claims), and the owner row naming the warehouse file the bookkeeping
// columns describe. A claim row is written in the same transaction as the claimed rows and deleted
// only after DuckDB has recorded the batch.
import type { Db, Queryable } from '../../api/db/index.ts';

export type ClaimKind =
  | 'posts_load'
  | 'posts_unload'
  | 'salaries_load'
  | 'salaries_unload'
  | 'bot_events_load';

export interface Claim {
  batch: number;
  kind: ClaimKind;
  rowCount: number;
}

export async function nextBatchNumber(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>("SELECT nextval('etl_batch_seq') AS n");
  return Number(rows[0]!.n);
}

export async function insertClaim(tx: Queryable, claim: Claim): Promise<void> {
  await tx.query('INSERT INTO etl_claims (batch, kind, row_count) VALUES ($1, $2, $3)', [
    claim.batch,
    claim.kind,
    claim.rowCount,
  ]);
}

/** Batches claimed in PostgreSQL and not yet finished, oldest first. */
export async function openClaims(db: Queryable): Promise<Claim[]> {
  const { rows } = await db.query<{ batch: number; kind: ClaimKind; row_count: number }>(
    'SELECT batch, kind, row_count FROM etl_claims ORDER BY batch',
  );
  return rows.map((r) => ({ batch: Number(r.batch), kind: r.kind, rowCount: r.row_count }));
}

/** The batch is in DuckDB: forget the claim and move the owner's high-water mark. */
export async function finishClaim(db: Db, batch: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM etl_claims WHERE batch = $1', [batch]);
    await tx.query('UPDATE etl_owner SET last_batch = greatest(last_batch, $1)', [batch]);
  });
}

export interface Owner {
  warehouse: string;
  lastBatch: number;
}

export async function readOwner(db: Queryable): Promise<Owner | undefined> {
  const { rows } = await db.query<{ warehouse: string; last_batch: number }>(
    'SELECT warehouse, last_batch FROM etl_owner',
  );
  return rows[0] ? { warehouse: rows[0].warehouse, lastBatch: Number(rows[0].last_batch) } : undefined;
}

/** Makes `warehouse` the owner (first run, or a rebuild adopting the bookkeeping). */
export async function adoptOwner(tx: Queryable, warehouse: string, lastBatch: number): Promise<void> {
  await tx.query(
    `INSERT INTO etl_owner (only_row, warehouse, last_batch) VALUES (true, $1, $2)
     ON CONFLICT (only_row) DO UPDATE SET warehouse = EXCLUDED.warehouse, last_batch = EXCLUDED.last_batch`,
    [warehouse, lastBatch],
  );
}
