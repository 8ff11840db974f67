// Picks the Db for a config: PostgreSQL when DATABASE_URL is set, PGlite under DATA_DIR/pg otherwise.
import { mkdirSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { openPgDb } from './pg.ts';
import { openPgliteDb } from './pglite.ts';

export type { Db, Queryable, QueryResult, SqlParam } from './db.ts';
export { migrate } from './migrate.ts';

export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return openPgDb(config.databaseUrl);
  const dir = `${config.dataDir}/pg`;
  mkdirSync(dir, { recursive: true });
  return openPgliteDb(dir);
}
