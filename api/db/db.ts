// The one small database interface the code talks to. Two implementations sit side by side:
// pg.ts (a real PostgreSQL through a pg.Pool) and pglite.ts (embedded PGlite). Both return
// int8/count and numeric as JS numbers and bytea as Buffer, so callers never see the difference.

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
