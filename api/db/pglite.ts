// Db on embedded PGlite (PostgreSQL compiled to WASM): the zero-install default for `npm start`.
import { PGlite, types } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable, SqlParam } from './db.ts';

const BYTEA = 17;

type PgliteLike = Pick<PGlite, 'query'>;

function wrap(handle: PgliteLike): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<Row>> {
      const result = await handle.query<Row>(sql, params as unknown[]);
      const byteaFields = result.fields.filter((f) => f.dataTypeID === BYTEA).map((f) => f.name);
      if (byteaFields.length > 0) {
        for (const row of result.rows as Record<string, unknown>[]) {
          for (const name of byteaFields) {
            const value = row[name];
            if (value instanceof Uint8Array)
              row[name] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
          }
        }
      }
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
  };
}

/** dataDir undefined → in memory (tests). */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  const lite = await PGlite.create(dataDir, {
    parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) },
  });
  const root = wrap(lite);
  return {
    kind: 'pglite',
    query: root.query,
    transaction: (fn) => lite.transaction((tx) => fn(wrap(tx))),
    close: () => lite.close(),
  };
}
