// `export`: the published tables (and the releases table) as Parquet or CSV files, one per table,
// with DuckDB's built-in COPY. Facts never leave through here. The operators' bot table is
// included only when asked for.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, quotedString } from '@duckdb/node-api';
import { PUBLISHED_TABLES } from './publish/write.ts';

export type ExportFormat = 'parquet' | 'csv';

export interface ExportedFile {
  table: string;
  path: string;
  rows: number;
}

export async function exportPublished(
  connection: DuckDBConnection,
  options: { format: ExportFormat; outDir: string; operator?: boolean },
): Promise<ExportedFile[]> {
  const dir = resolve(options.outDir);
  mkdirSync(dir, { recursive: true });
  const tables = [
    ...PUBLISHED_TABLES.filter((t) => options.operator || t !== 'pub_bot_decisions_hourly'),
    'releases',
  ];
  const files: ExportedFile[] = [];
  for (const table of tables) {
    const path = join(dir, `${table}.${options.format}`);
    const format = options.format === 'parquet' ? '(FORMAT parquet)' : '(FORMAT csv, HEADER true)';
    const result = await connection.run(`COPY (SELECT * FROM ${table}) TO ${quotedString(path)} ${format}`);
    files.push({ table, path, rows: result.rowsChanged });
  }
  return files;
}
