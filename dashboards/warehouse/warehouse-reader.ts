// Read-only access to the published tables in the DuckDB warehouse file. The instance is opened
// lazily and shared per path through DuckDB's instance cache: the ETL writes to the same file from
// this process, and two separate instances of one file in one process do not see each other's
// commits. A few connections are pooled so concurrent requests do not queue on one.
// Missing files, missing tables and a busy file become 503s that say what to do, never a 500.
import { existsSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, type JS } from '@duckdb/node-api';
import { AppError } from '../../api/errors.ts';

export interface QueryResult {
  readonly columnNames: readonly string[];
  /** One array per column, values converted to JS (numbers, strings, booleans, Dates, null). */
  readonly columns: readonly (readonly JS[])[];
  readonly rowCount: number;
}

/** 503 before the first release; `detail` says what is missing, e.g. "table pub_x is missing". */
export const notPublishedYet = (detail: string) =>
  new AppError(
    503,
    'NOT_PUBLISHED_YET',
    `Nothing has been published yet (${detail}). The analytics ETL creates the published tables on its first run (npm run etl); try again after it has run.`,
    { 'retry-after': '60' },
  );

const warehouseOutOfDate = () =>
  new AppError(
    503,
    'WAREHOUSE_OUT_OF_DATE',
    'The warehouse was published by an older version and lacks a column this API reads. Run the ETL again to republish it.',
    { 'retry-after': '60' },
  );

const warehouseBusy = () =>
  new AppError(
    503,
    'WAREHOUSE_BUSY',
    'The warehouse file is locked by another process (the API server or an ETL run). Try again in a few seconds; a command-line tool can read a copy of the file instead.',
    { 'retry-after': '5' },
  );

const openedDifferently = () =>
  new AppError(
    503,
    'WAREHOUSE_OPENED_DIFFERENTLY',
    'The warehouse is open in this process with other DuckDB settings, so the dashboards cannot share it. Open it with DuckDBInstance.fromCache(path) and no settings.',
    { 'retry-after': '60' },
  );

/** Turns DuckDB's failure messages into errors a client can act on; anything else stays a bug. */
export function translateDuckDbError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const missingTable = /Table with name ([A-Za-z0-9_.]+) does not exist/.exec(message);
  if (missingTable) return notPublishedYet(`table ${missingTable[1]} is missing`);
  if (/^Binder Error: (Referenced column|Values list|.*not found in FROM clause)/.test(message))
    return warehouseOutOfDate();
  // A published column whose values no longer fit its published kind: also a schema mismatch.
  if (/^Conversion Error/.test(message)) return warehouseOutOfDate();
  if (/different configuration than existing connections/.test(message)) return openedDifferently();
  if (/Could not set lock on file|Conflicting lock|database is locked/i.test(message)) return warehouseBusy();
  if (/^IO Error/.test(message)) return warehouseBusy();
  return error;
}

const MAX_CONNECTIONS = 4;

export class WarehouseReader {
  readonly #path: string;
  #instance: Promise<DuckDBInstance> | undefined;
  readonly #idle: DuckDBConnection[] = [];
  readonly #waiting: ((connection: DuckDBConnection) => void)[] = [];
  #open = 0;
  #closed = false;

  constructor(path: string) {
    this.#path = path;
  }

  /** Runs one parameterised statement and returns every row, column by column. */
  async query(sql: string, params: readonly DuckDBValue[] = []): Promise<QueryResult> {
    return this.withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(sql, [...params]);
      return {
        columnNames: reader.columnNames(),
        columns: reader.getColumnsJS(),
        rowCount: reader.currentRowCount,
      };
    });
  }

  /** Lends a pooled connection to `use`; DuckDB errors come back translated. */
  async withConnection<T>(use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.#acquire();
    try {
      return await use(connection);
    } catch (error) {
      throw translateDuckDbError(error);
    } finally {
      this.#release(connection);
    }
  }

  /** Disconnects this reader's connections; the shared instance stays for the ETL. */
  close(): void {
    this.#closed = true;
    for (const connection of this.#idle.splice(0)) connection.disconnectSync();
    this.#open = 0;
  }

  async #acquire(): Promise<DuckDBConnection> {
    if (this.#closed) throw new AppError(503, 'UNAVAILABLE', 'The server is shutting down.');
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#open < MAX_CONNECTIONS) {
      this.#open += 1;
      try {
        return await (await this.#openInstance()).connect();
      } catch (error) {
        this.#open -= 1;
        throw translateDuckDbError(error);
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(connection: DuckDBConnection): void {
    const next = this.#waiting.shift();
    if (next) next(connection);
    else if (this.#closed) connection.disconnectSync();
    else this.#idle.push(connection);
  }

  #openInstance(): Promise<DuckDBInstance> {
    // Opening a path that does not exist would create an empty warehouse; say "not yet" instead.
    if (!existsSync(this.#path)) return Promise.reject(notPublishedYet('there is no warehouse file'));
    if (!this.#instance) {
      this.#instance = DuckDBInstance.fromCache(this.#path);
      // A failed open (file locked by another process, say) must not stick: retry next time.
      this.#instance.catch(() => {
        this.#instance = undefined;
      });
    }
    return this.#instance;
  }
}
