// `inspect`: what the warehouse holds (row counts per table), its watermark (the last batch of each
// kind), the last release, and what PostgreSQL still has waiting for the next run.
import type { Db } from '../api/db/index.ts';
import type { KeyStore } from '../api/keys/keystore.ts';
import { monthLabel, yearLabel } from './cells.ts';
import { openClaims, readOwner } from './etl/claims.ts';
import { countPending } from './etl/extract.ts';
import { type BatchRecord, latestBatches } from './etl/watermark.ts';
import { tableCounts, type Warehouse } from './warehouse.ts';

export interface Inspection {
  warehouse: { path: string; id: string };
  owner: { warehouse: string; lastBatch: number } | null;
  tables: Record<string, number>;
  lastBatches: BatchRecord[];
  claimsInFlight: number;
  pending: Record<string, number>;
  lastRelease: Record<string, unknown> | null;
  /** Periods whose cells still change; all older cells are final. */
  openPeriods: { months: string[]; years: string[] };
}

export async function inspectWarehouse(warehouse: Warehouse, db: Db, keys: KeyStore): Promise<Inspection> {
  const connection = warehouse.connection;
  const release = (
    await connection.runAndReadAll('SELECT * FROM releases ORDER BY release_id DESC LIMIT 1')
  ).getRowObjectsJson()[0];
  return {
    warehouse: { path: warehouse.path, id: warehouse.id },
    owner: (await readOwner(db)) ?? null,
    tables: await tableCounts(connection),
    lastBatches: await latestBatches(connection),
    claimsInFlight: (await openClaims(db)).length,
    pending: await countPending(db),
    lastRelease: (release as Record<string, unknown> | undefined) ?? null,
    openPeriods: {
      months: keys.livePeriods('warehouseMonth').map(monthLabel),
      years: keys.livePeriods('warehouseYear').map(yearLabel),
    },
  };
}
