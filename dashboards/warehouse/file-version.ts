// A cheap fingerprint of the warehouse's state on disk: size and modification time of the DuckDB
// file and of its write-ahead log. Every commit changes one of them (the WAL grows, or a
// checkpoint rewrites the file), so while it stays equal the published tables read the same and
// answers computed from them can be reused. Null when there is no file.
import { statSync } from 'node:fs';

function stamp(path: string): string {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.size}@${stats.mtimeNs}`;
  } catch {
    return '-';
  }
}

export function warehouseVersion(path: string): string | null {
  const file = stamp(path);
  return file === '-' ? null : `${file}|${stamp(`${path}.wal`)}`;
}
