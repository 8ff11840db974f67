// GET /v1/data: what a researcher needs before downloading anything: every published table and
// column in words, the filters each accepts, the k threshold and the release the figures come from.
import { PUBLISHED_TABLES } from '../warehouse/published-tables.ts';
import type { PublishedData, Release } from './published-data.ts';
import { ARROW_STREAM } from './to-arrow.ts';
import { CSV } from './to-csv.ts';
import { PARQUET } from './to-parquet.ts';

export interface DataDictionary {
  status: 'published' | 'not-published-yet';
  message: string;
  k: number;
  release: Release | null;
  formats: Record<string, string>;
  tables: unknown[];
}

export async function dataDictionary(data: PublishedData): Promise<DataDictionary> {
  const present = await data.tablesPresent();
  const release = await data.latestRelease();
  const k = data.kOf(release);
  const published = release !== null;
  return {
    status: published ? 'published' : 'not-published-yet',
    message: published
      ? `Every published cell has at least ${k} distinct contributors; smaller cells are suppressed (suppressed = true, statistics null) and never shown as zero.`
      : 'Nothing has been published yet: the analytics ETL creates these tables on its first run.',
    k,
    release,
    formats: {
      arrow: `${ARROW_STREAM} (default; what the dashboards load)`,
      csv: `${CSV} (?format=csv)`,
      parquet: `${PARQUET} (?format=parquet)`,
    },
    tables: PUBLISHED_TABLES.map((table) => ({
      name: table.name,
      description: table.description,
      access: table.audience === 'operator' ? 'operators only (X-Operator-Token)' : 'public',
      url: `/v1/data/${table.name}`,
      available: present.has(table.name),
      filters: table.columns
        .filter((c) => c.filter)
        .map((c) => ({
          column: c.name,
          parameters:
            c.filter === 'range' ? [c.name, `${c.name}_from`, `${c.name}_to`] : [`${c.name} (comma list)`],
          ...(c.values ? { values: c.values } : {}),
        })),
      columns: table.columns.map((c) => ({ name: c.name, type: c.kind, description: c.description })),
    })),
  };
}
