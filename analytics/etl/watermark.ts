// The DuckDB side of exactly-once loading: etl_batches. A batch's row is written in the same DuckDB
// transaction as its facts, so "DuckDB has batch n" and "batch n's rows are counted" are one fact.
import type { DuckDBConnection } from '@duckdb/node-api';

export type BatchKind =
  | 'posts_load'
  | 'posts_unload'
  | 'salaries_load'
  | 'salaries_unload'
  | 'bot_events_load'
  | 'rebuild';

export interface BatchRecord {
  batch: number;
  kind: BatchKind;
  sourceRows: number;
  isoWeek: string;
}

export async function isRecorded(connection: DuckDBConnection, batch: number): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT 1 FROM etl_batches WHERE batch = $1', [
    BigInt(batch),
  ]);
  return reader.currentRowCount > 0;
}

export async function recordBatch(connection: DuckDBConnection, record: BatchRecord): Promise<void> {
  await connection.run('INSERT INTO etl_batches VALUES ($1, $2, $3, $4)', [
    BigInt(record.batch),
    record.kind,
    record.sourceRows,
    record.isoWeek,
  ]);
}

export async function maxRecordedBatch(connection: DuckDBConnection): Promise<number> {
  const rows = (await connection.runAndReadAll('SELECT max(batch) AS n FROM etl_batches')).getRowObjectsJS();
  return Number(rows[0]?.n ?? 0);
}

/** The latest batch of each kind: `inspect` shows it as the watermark. */
export async function latestBatches(connection: DuckDBConnection): Promise<BatchRecord[]> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT batch, kind, source_rows, iso_week FROM etl_batches
       WHERE batch IN (SELECT max(batch) FROM etl_batches GROUP BY kind) ORDER BY batch`,
    )
  ).getRowObjectsJS();
  return rows.map((r) => ({
    batch: Number(r.batch),
    kind: r.kind as BatchKind,
    sourceRows: Number(r.source_rows),
    isoWeek: String(r.iso_week),
  }));
}
