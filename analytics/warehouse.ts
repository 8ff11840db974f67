// The DuckDB warehouse handle: opens the file, runs the numbered migrations in
// analytics/migrations, and hands out connections. DuckDB allows one writing process per file, so
// the API process (`npm start`) opens it once and shares this handle between the scheduled ETL,
// publication and the dashboards' readers; writers inside the process queue on `exclusive`.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Warehouse {
  readonly path: string;
  /** Random id of this file: PostgreSQL's ETL bookkeeping names the file it belongs to. */
  readonly id: string;
  readonly instance: DuckDBInstance;
  /** A shared connection for reads (dashboards, inspect). Writers use `exclusive`. */
  readonly connection: DuckDBConnection;
  /** A new connection of its own: a transaction on it does not disturb other connections. */
  connect(): Promise<DuckDBConnection>;
  /** Runs fn with the writer connection, one writer at a time in this process. */
  exclusive<T>(fn: (writer: DuckDBConnection) => Promise<T>): Promise<T>;
  close(): void;
}

export async function openWarehouse(path: string, options: { threads?: number } = {}): Promise<Warehouse> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const settings: Record<string, string> = {};
  if (options.threads) settings.threads = String(options.threads);
  // fromCache: the dashboards reader in this process gets this same instance, so it sees every commit.
  const instance = await DuckDBInstance.fromCache(path, settings);
  const connection = await instance.connect();
  const writer = await instance.connect();
  await migrateWarehouse(writer);
  const id = await warehouseId(writer);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    path,
    id,
    instance,
    connection,
    connect: () => instance.connect(),
    exclusive<T>(fn: (writer: DuckDBConnection) => Promise<T>): Promise<T> {
      const run = queue.then(() => {
        if (closed) throw new Error('The warehouse is closed.');
        return fn(writer);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close() {
      if (closed) return;
      closed = true;
      writer.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Applies every analytics/migrations/NNN_*.sql not yet applied, each in its own transaction. */
export async function migrateWarehouse(connection: DuckDBConnection): Promise<string[]> {
  await connection.run('CREATE TABLE IF NOT EXISTS warehouse_migrations (name VARCHAR PRIMARY KEY)');
  const applied = new Set(
    (await connection.runAndReadAll('SELECT name FROM warehouse_migrations'))
      .getRowObjectsJS()
      .map((row) => String(row.name)),
  );
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort();
  const ran: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(readFileSync(MIGRATIONS_DIR + file, 'utf8'));
      await connection.run('INSERT INTO warehouse_migrations VALUES ($1)', [file]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw error;
    }
    ran.push(file);
  }
  return ran;
}

async function warehouseId(connection: DuckDBConnection): Promise<string> {
  const found = await readState(connection, 'warehouse_id');
  if (found) return found;
  const id = randomBytes(12).toString('base64url');
  await connection.run('INSERT INTO warehouse_state VALUES ($1, $2)', ['warehouse_id', id]);
  return id;
}

export async function readState(connection: DuckDBConnection, name: string): Promise<string | undefined> {
  const rows = (
    await connection.runAndReadAll('SELECT value FROM warehouse_state WHERE name = $1', [name])
  ).getRowObjectsJS();
  return rows[0] ? String(rows[0].value) : undefined;
}

export async function writeState(connection: DuckDBConnection, name: string, value: string): Promise<void> {
  await connection.run('INSERT OR REPLACE INTO warehouse_state VALUES ($1, $2)', [name, value]);
}

/** Every table of the file with its row count: for `inspect` and tests. */
export async function tableCounts(connection: DuckDBConnection): Promise<Record<string, number>> {
  const tables = (
    await connection.runAndReadAll(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database() ORDER BY table_name",
    )
  )
    .getRowObjectsJS()
    .map((row) => String(row.table_name));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = (await connection.runAndReadAll(`SELECT count(*) AS n FROM "${table}"`)).getRowObjectsJS();
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}
