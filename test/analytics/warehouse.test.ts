// The warehouse handle: migrations once, a stable file id, one writer at a time in the process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateWarehouse, openWarehouse, readState, tableCounts } from '../../analytics/warehouse.ts';

describe('openWarehouse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wc-wh-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the schema once and keeps its id across opens', async () => {
    const path = join(dir, 'nested', 'warehouse.duckdb');
    const first = await openWarehouse(path);
    const id = first.id;
    expect(Object.keys(await tableCounts(first.connection))).toEqual(
      expect.arrayContaining(['fact_sentiment_week', 'pub_salary_by_company', 'releases', 'etl_batches']),
    );
    first.close();
    const again = await openWarehouse(path);
    try {
      expect(again.id).toBe(id);
      expect(await migrateWarehouse(again.connection)).toEqual([]);
      expect(await readState(again.connection, 'warehouse_id')).toBe(id);
    } finally {
      again.close();
    }
  });

  it('runs writers one at a time and shares the file with readers', async () => {
    const warehouse = await openWarehouse(join(dir, 'queue.duckdb'));
    try {
      const order: string[] = [];
      const slow = warehouse.exclusive(async (writer) => {
        await writer.run('BEGIN TRANSACTION');
        await writer.run("INSERT INTO dim_company VALUES ('a', 'A')");
        order.push('first wrote');
        await new Promise((resolve) => setImmediate(resolve));
        // A reader on its own connection does not see the open transaction.
        const seen = (await warehouse.connection.runAndReadAll('SELECT count(*) FROM dim_company')).getRows();
        order.push(`reader saw ${seen[0]![0]}`);
        await writer.run('COMMIT');
      });
      const second = warehouse.exclusive(async () => {
        order.push('second ran');
      });
      await Promise.all([slow, second]);
      expect(order).toEqual(['first wrote', 'reader saw 0', 'second ran']);
      await expect(warehouse.exclusive(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      await expect(warehouse.exclusive(async () => 'still works')).resolves.toBe('still works');
    } finally {
      warehouse.close();
    }
    await expect(warehouse.exclusive(async () => 1)).rejects.toThrow('closed');
  });
});
