// A statement's rows → Parquet bytes: DuckDB writes them with COPY to a private temp file, which is
// read back and removed at once. The file name is ours, never the client's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WarehouseReader } from '../warehouse/warehouse-reader.ts';
import type { Statement } from './select-sql.ts';

export const PARQUET = 'application/vnd.apache.parquet';

export async function toParquet(reader: WarehouseReader, statement: Statement): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-parquet-'));
  const file = join(dir, 'rows.parquet');
  try {
    await reader.withConnection((connection) =>
      connection.run(
        `COPY (${statement.sql}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`,
        [...statement.params],
      ),
    );
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
