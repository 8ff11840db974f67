// What a warehouse file counted, in a form two files can be compared by: a row count and a SHA-256
// of every row (sorted, contributor tags included) of each fact and dimension table, and the
// source rows its batches covered per kind. Opened read-only, after the ETL that wrote it exited.
import { createHash } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';

export interface WarehouseDigest {
  tables: Record<string, { rows: number; sha256: string }>;
  /** Source rows covered by the batches of each kind (batch numbers differ between runs; these may not). */
  sourceRowsByKind: Record<string, number>;
  batches: number;
  /** The highest batch number loaded: the warehouse's side of the watermark. */
  lastBatch: number;
}

export async function digestWarehouse(path: string): Promise<WarehouseDigest> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    const names = (
      await read(
        `SELECT table_name FROM information_schema.tables
          WHERE table_name LIKE 'fact\\_%' ESCAPE '\\' OR table_name LIKE 'dim\\_%' ESCAPE '\\' ORDER BY table_name`,
      )
    ).map((row) => String(row.table_name));
    const tables: WarehouseDigest['tables'] = {};
    for (const name of names) {
      const rows = await read(`SELECT * FROM ${name} ORDER BY ALL`);
      tables[name] = {
        rows: rows.length,
        sha256: createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
      };
    }
    const kinds = await read(
      'SELECT kind, CAST(sum(source_rows) AS INTEGER) AS n, CAST(count(*) AS INTEGER) AS batches FROM etl_batches GROUP BY kind ORDER BY kind',
    );
    const [last] = await read('SELECT CAST(coalesce(max(batch), 0) AS INTEGER) AS last FROM etl_batches');
    return {
      tables,
      lastBatch: Number(last?.last ?? 0),
      sourceRowsByKind: Object.fromEntries(kinds.map((row) => [String(row.kind), Number(row.n)])),
      batches: kinds.reduce((sum, row) => sum + Number(row.batches), 0),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
