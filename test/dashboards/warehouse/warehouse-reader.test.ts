// The warehouse reader: opens lazily and never creates a missing file, shares the DuckDB instance
// with a writer in the same process (the ETL), serves concurrent reads from a small pool, and
// turns DuckDB's failures into 503s a client can act on.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../api/errors.ts';
import { translateDuckDbError, WarehouseReader } from '../../../dashboards/warehouse/warehouse-reader.ts';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('warehouse reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wc-reader-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 for a missing file and does not create it', async () => {
    const path = join(dir, 'none.duckdb');
    const reader = new WarehouseReader(path);
    const error = await failure(reader.query('SELECT 1'));
    expect(error.statusCode).toBe(503);
    expect(error.code).toBe('NOT_PUBLISHED_YET');
    expect(existsSync(path)).toBe(false);
    reader.close();
  });

  it('sees what a writer in the same process commits, through the shared instance', async () => {
    const path = join(dir, 'shared.duckdb');
    const writer = await (await DuckDBInstance.fromCache(path)).connect();
    await writer.run('CREATE TABLE releases (release_id INTEGER, created_at TIMESTAMP)');
    const reader = new WarehouseReader(path);
    expect((await reader.query('SELECT count(*)::INTEGER AS n FROM releases')).columns[0]).toEqual([0]);
    await writer.run("INSERT INTO releases VALUES (1, TIMESTAMP '2026-03-02 09:00:00')");
    expect((await reader.query('SELECT count(*)::INTEGER AS n FROM releases')).columns[0]).toEqual([1]);
    writer.disconnectSync();
    reader.close();
  });

  it('runs many reads at once on a bounded pool', async () => {
    const path = join(dir, 'pool.duckdb');
    const writer = await (await DuckDBInstance.fromCache(path)).connect();
    await writer.run('CREATE TABLE t AS SELECT range AS n FROM range(10000)');
    writer.disconnectSync();
    const reader = new WarehouseReader(path);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reader.query('SELECT sum(n)::BIGINT + $1 FROM t', [i])),
    );
    expect(results.map((r) => Number(r.columns[0]?.[0]))).toEqual(
      Array.from({ length: 20 }, (_, i) => 49_995_000 + i),
    );
    reader.close();
  });

  it('turns a missing table, a missing column and an unreadable file into 503s', async () => {
    const path = join(dir, 'tables.duckdb');
    const writer = await (await DuckDBInstance.fromCache(path)).connect();
    await writer.run('CREATE TABLE pub_salary_by_city (city VARCHAR)');
    writer.disconnectSync();
    const reader = new WarehouseReader(path);
    const missingTable = await failure(reader.query('SELECT * FROM pub_topics_monthly'));
    expect(missingTable).toMatchObject({ statusCode: 503, code: 'NOT_PUBLISHED_YET' });
    expect(missingTable.message).toContain('table pub_topics_monthly is missing');
    const missingColumn = await failure(reader.query('SELECT p50 FROM pub_salary_by_city'));
    expect(missingColumn).toMatchObject({ statusCode: 503, code: 'WAREHOUSE_OUT_OF_DATE' });
    reader.close();

    const garbage = join(dir, 'garbage.duckdb');
    writeFileSync(garbage, 'this is not a DuckDB file, it is a note');
    const broken = new WarehouseReader(garbage);
    expect((await failure(broken.query('SELECT 1'))).statusCode).toBe(503);
    broken.close();
  });

  it('says so when the file is open in this process with other settings', async () => {
    const path = join(dir, 'settings.duckdb');
    const writer = await (await DuckDBInstance.fromCache(path, { threads: '1' })).connect();
    const reader = new WarehouseReader(path);
    const error = await failure(reader.query('SELECT 1'));
    expect(error).toMatchObject({ statusCode: 503, code: 'WAREHOUSE_OPENED_DIFFERENTLY' });
    expect(error.message).toContain('DuckDBInstance.fromCache(path)');
    writer.disconnectSync();
    reader.close();
  });

  it('leaves other errors alone: they are bugs, not client mistakes', () => {
    const bug = new Error('Parser Error: syntax error at or near "SELEC"');
    expect(translateDuckDbError(bug)).toBe(bug);
  });
});
