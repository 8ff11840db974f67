// PublishedData.lookup over a real DuckDB file: a page's filter choices are queried once per
// warehouse version (so unknown filter values in URLs cost no DuckDB work), and a commit to the
// warehouse makes the next lookup read the new state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../api/config.ts';
import { PublishedData } from '../../../dashboards/data/published-data.ts';
import { type FixtureSummary, writePublishedFixture } from '../../support/published-fixture.ts';

const CHOICES = 'SELECT DISTINCT CAST(year AS VARCHAR) AS year FROM pub_salary_by_company ORDER BY 1';

describe('PublishedData.lookup', () => {
  let dir: string;
  let fixture: FixtureSummary;
  let data: PublishedData;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-published-data-'));
    fixture = await writePublishedFixture(join(dir, 'warehouse.duckdb'));
    const config = loadConfig({ DATA_DIR: dir, WAREHOUSE_PATH: fixture.path, LOG_LEVEL: 'silent' });
    data = new PublishedData(config);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the same query from its cache while the warehouse is unchanged', async () => {
    const first = await data.lookup(CHOICES);
    expect(first.columns[0]).toContain(String(fixture.latestYear));
    const again = await data.lookup(CHOICES);
    expect(again).toBe(first); // the same object: no second DuckDB query
  });

  it('reads the new state after a commit to the warehouse', async () => {
    const before = await data.lookup(CHOICES);
    const connection = await (await DuckDBInstance.fromCache(fixture.path)).connect();
    await connection.run(
      `INSERT INTO pub_salary_by_company SELECT * REPLACE (1999 AS year) FROM pub_salary_by_company LIMIT 1`,
    );
    connection.disconnectSync();
    const after = await data.lookup(CHOICES);
    expect(after).not.toBe(before);
    expect(after.columns[0]).toContain('1999');
    expect(before.columns[0]).not.toContain('1999');
  });
});
