// The demo generator's fast path on a real PostgreSQL: the whole load is one transaction on a
// connection of its own, rows go in by COPY (api/demo/copy-in.ts), and when the loaded tables are
// empty their indexes — primary keys and unique constraints included — and every foreign key on or
// to them are dropped first and made again at the end: one sort per index and one join per key
// instead of millions of index insertions and trigger calls; a duplicate or a dangling reference
// still fails the load, at the end.
// The definitions are read from the catalogue, so whatever the migrations say is what comes back.
// Being one transaction, a failure (or a killed process) leaves the database as it was, indexes
// and keys included. While it runs, an empty database's loaded tables are locked: demo data only.
import pg from 'pg';
import type { Db, Queryable, SqlParam } from '../db/index.ts';
import type { BufferedRows } from './bulk-insert.ts';
import { copyFrom } from './copy-in.ts';
import { DemoSetupError } from './setup-error.ts';

/** The tables the generator fills week by week (companies are written before, through the Db). */
export const LOADED_TABLES = ['accounts', 'threads', 'thread_aliases', 'posts', 'salaries'] as const;

interface Deferred {
  table: string;
  name: string;
  definition: string;
}

export interface BulkLoadReport {
  /** Indexes, unique constraints and foreign keys dropped for the load and made again after it. */
  deferred: number;
  /** Time spent making them again and committing. */
  finishMs: number;
  /** The three slowest of those statements. */
  slowest: { name: string; ms: number }[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Refuses a `url` that names another database than `db`'s. */
export async function assertSameDatabase(url: string, db: Db): Promise<void> {
  const probe = 'SELECT current_database() AS name, pg_postmaster_start_time()::text AS started';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [mine, theirs] = await Promise.all([client.query(probe), db.query(probe)]);
    if (JSON.stringify(mine.rows[0]) !== JSON.stringify(theirs.rows[0]))
      throw new DemoSetupError('databaseUrl names another database than the one the generator was given.');
  } finally {
    await client.end();
  }
}

export class BulkLoad {
  readonly #client: pg.Client;
  readonly #batchSize: number;
  readonly #tx: Queryable;
  #constraints: Deferred[] = [];
  #indexes: Deferred[] = [];
  #foreignKeys: Deferred[] = [];

  private constructor(client: pg.Client, batchSize: number) {
    this.#client = client;
    this.#batchSize = batchSize;
    this.#tx = {
      query: async (sql: string, params?: readonly SqlParam[]) => {
        const result = await client.query(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
    };
  }

  /**
   * Connects to `url` and begins the load's transaction; on empty tables, drops their indexes,
   * unique constraints and foreign keys.
   */
  static async open(url: string, batchSize: number): Promise<BulkLoad> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const load = new BulkLoad(client, batchSize);
    try {
      await client.query('BEGIN');
      // Demo rows can be made again: no need to wait for the WAL flush at the commit.
      await client.query('SET LOCAL synchronous_commit = off');
      await client.query("SET LOCAL maintenance_work_mem = '256MB'");
      if (await load.#tablesEmpty()) {
        await client.query(`LOCK TABLE ${LOADED_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
        if (await load.#tablesEmpty()) await load.#dropIndexesAndKeys();
      }
      return load;
    } catch (error) {
      await load.abort();
      throw error;
    }
  }

  /** Inserts by COPY; updates (which COPY cannot do) by unnest, on the same transaction. */
  async write(rows: BufferedRows): Promise<void> {
    if (rows.length === 0) return;
    if (rows.copySql === null) await rows.write(this.#tx, this.#batchSize);
    else await copyFrom(this.#client, rows.copySql, rows.copyChunks(this.#batchSize));
  }

  /** Makes the dropped indexes and keys again (validating every key) and commits. */
  async finish(): Promise<BulkLoadReport> {
    const from = performance.now();
    const timings: { name: string; ms: number }[] = [];
    const timed = async (name: string, sql: string) => {
      const start = performance.now();
      await this.#client.query(sql);
      timings.push({ name, ms: performance.now() - start });
    };
    const add = ({ table, name, definition }: Deferred) =>
      timed(name, `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} ${definition}`);
    try {
      for (const constraint of this.#constraints) await add(constraint);
      for (const index of this.#indexes) await timed(index.name, index.definition);
      for (const key of this.#foreignKeys) await add(key);
      await timed('COMMIT', 'COMMIT');
    } catch (error) {
      await this.abort();
      throw error;
    }
    await this.#client.end();
    return {
      deferred: this.#constraints.length + this.#indexes.length + this.#foreignKeys.length,
      finishMs: performance.now() - from,
      slowest: timings.sort((a, b) => b.ms - a.ms).slice(0, 3),
    };
  }

  /** Rolls everything back, dropped indexes and keys included. */
  async abort(): Promise<void> {
    await this.#client.query('ROLLBACK').catch(() => {});
    await this.#client.end().catch(() => {});
  }

  async #tablesEmpty(): Promise<boolean> {
    const probes = LOADED_TABLES.map((table) => `NOT EXISTS (SELECT 1 FROM ${table})`).join(' AND ');
    const { rows } = await this.#client.query<{ empty: boolean }>(`SELECT ${probes} AS empty`);
    return rows[0]!.empty;
  }

  async #dropIndexesAndKeys(): Promise<void> {
    const tables = [...LOADED_TABLES];
    const constraints = async (where: string) =>
      (
        await this.#client.query<Deferred>(
          `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
             FROM pg_constraint WHERE ${where} ORDER BY 1, 2`,
          [tables],
        )
      ).rows;
    // Keys on the loaded tables and keys from other tables to them (those hang on their indexes).
    const foreignKeys = await constraints(
      "contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))",
    );
    const unique = await constraints("contype IN ('p', 'u') AND conrelid = ANY($1::regclass[])");
    const { rows: indexes } = await this.#client.query<Deferred>(
      `SELECT i.indrelid::regclass::text AS "table", i.indexrelid::regclass::text AS name,
              pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
        WHERE i.indrelid = ANY($1::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                           WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid)
        ORDER BY 1, 2`,
      [tables],
    );
    for (const { table, name } of [...foreignKeys, ...unique])
      await this.#client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(name)}`);
    for (const index of indexes) await this.#client.query(`DROP INDEX ${index.name}`);
    this.#foreignKeys = foreignKeys;
    this.#constraints = unique;
    this.#indexes = indexes;
  }
}
