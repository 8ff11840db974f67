// Db on a real PostgreSQL server through a pg.Pool.
import pg from 'pg';
import { type Db, isDatabaseDown, type QueryResult, type Queryable, type SqlParam } from './db.ts';

const INT8 = 20;
const NUMERIC = 1700;
const CONNECT_TIMEOUT_MS = 10_000;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<Row>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
  };
}

export function openPgDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    // Bounds on waiting: a server that accepts but never answers, or a pool saturated for this
    // long, gives an error (503 to clients) instead of a request that hangs.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
  const root = wrap(pool);
  return {
    kind: 'pg',
    query: root.query,
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client has no pool listener: a connection lost between two statements (or
      // the "terminated" that follows a 57P01) would be an 'error' event nobody hears, which
      // crashes the process. Hear it here, and keep a client whose connection broke out of the pool.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken ??= error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isDatabaseDown(error)) broken ??= error as Error;
        // A lost connection rolls back on the server by itself; only a live one needs ROLLBACK.
        if (!broken)
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken ??= rollbackError;
          });
        throw error;
      } finally {
        client.removeListener('error', onError);
        client.release(broken); // with an error the pool destroys the client instead of reusing it
      }
    },
    close: () => pool.end(),
  };
}
