// The one small database interface the code talks to. Two implementations sit side by side:
// pg.ts (a real PostgreSQL through a pg.Pool) and pglite.ts (embedded PGlite). Both return
// int8/count and numeric as JS numbers and bytea as Buffer, so callers never see the difference.
// isDatabaseDown tells a lost or refused connection (answered 503, retried later) from a bad query.

export type SqlParam =
  | string
  | number
  | boolean
  | null
  | Date
  | Buffer
  | Uint8Array
  | readonly unknown[]
  | bigint;

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<Row>>;
}

export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs fn inside BEGIN/COMMIT; a throw rolls back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Connection-level failures: refused, reset, timed out (Node); admin/crash shutdown, cannot connect
// now — starting up, shutting down, in recovery — (57P0x); the connection exception class (08xxx).
const DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const DOWN_SQLSTATE = /^(57P0[1-3]|08[0-9A-Z]{3})$/;
// node-postgres reports a lost socket, a pool connect timeout and a dead client by message only.
const DOWN_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/;

/** True when the error says the database cannot be reached right now (not that the query was wrong). */
export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && (DOWN_CODES.has(e.code) || DOWN_SQLSTATE.test(e.code))) return true;
  return typeof e?.message === 'string' && DOWN_MESSAGE.test(e.message);
}
