// The data API over a real DuckDB file: the dictionary, Arrow by default, CSV and Parquet
// downloads, ETag and Cache-Control, only published tables reachable, the operator table behind
// the token, the newest release by default, and clear 503s before the first ETL run.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { openRecordingApp, type RecordingApp } from '../route-classes.ts';
import { type FixtureSummary, writePublishedFixture } from '../../support/published-fixture.ts';

const ARROW = 'application/vnd.apache.arrow.stream';

describe('data API', () => {
  let dir: string;
  let fixture: FixtureSummary;
  let t: RecordingApp;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-data-api-'));
    fixture = await writePublishedFixture(join(dir, 'warehouse.duckdb'));
    t = await openRecordingApp({ WAREHOUSE_PATH: fixture.path, PROTECTION_MODE: 'monitor' });
    token = t.services.secrets.OPERATOR_TOKEN;
  }, 180_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('describes every published table and column, the k threshold and the latest release', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/data' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('published');
    expect(body.k).toBe(5);
    expect(body.release).toMatchObject({ release_id: fixture.releaseId, k_anon: 5 });
    const names = body.tables.map((table: { name: string }) => table.name);
    expect(names).toEqual([
      'pub_salary_by_company',
      'pub_salary_by_city',
      'pub_salary_split',
      'pub_sentiment_weekly',
      'pub_topics_monthly',
      'pub_bot_decisions_hourly',
      'releases',
    ]);
    for (const table of body.tables) {
      expect(table.available).toBe(true);
      expect(table.description.length).toBeGreaterThan(10);
      for (const column of table.columns) expect(column.description.length).toBeGreaterThan(5);
    }
    const bot = body.tables.find((table: { name: string }) => table.name === 'pub_bot_decisions_hourly');
    expect(bot.access).toMatch(/operator/);
    expect(body.formats.arrow).toContain(ARROW);
  });

  it('serves a table as an Arrow IPC stream by default, filtered, with suppressed cells as nulls', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/data/pub_salary_by_company?company_slug=acme&job_family=engineering&year=${fixture.latestYear}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(ARROW);
    const table = tableFromIPC(res.rawPayload);
    expect(table.numRows).toBe(8);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'company_slug',
      'company_name',
      'job_family',
      'level',
      'year',
      'contributors',
      'p25',
      'p50',
      'p75',
      'p90',
      'suppressed',
      'release_id',
    ]);
    const rows = table.toArray().map((row) => row.toJSON());
    expect(new Set(rows.map((r) => r.company_slug))).toEqual(new Set(['acme']));
    expect(typeof rows[0]!.contributors).toBe('number');
    const l8 = rows.find((r) => r.level === 'L8')!;
    expect(l8).toMatchObject({
      suppressed: true,
      contributors: null,
      p25: null,
      p50: null,
      p75: null,
      p90: null,
    });
    for (const row of rows.filter((r) => !r.suppressed)) expect(row.contributors).toBeGreaterThanOrEqual(5);
  });

  it('serves dates as Arrow dates that read back as the Monday of the week', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/data/pub_sentiment_weekly?company_slug=acme' });
    const table = tableFromIPC(res.rawPayload);
    expect(String(table.schema.fields.find((f) => f.name === 'week_start')!.type)).toBe('Date32<DAY>');
    const first = table.toArray()[0]!.toJSON();
    expect(new Date(first.week_start as number).getUTCDay()).toBe(1);
  });

  it('offers CSV and Parquet downloads of the same rows', async () => {
    const url = `/v1/data/pub_salary_by_city?job_family=engineering&year=${fixture.latestYear}`;
    const csv = await t.app.inject({ method: 'GET', url: `${url}&format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="pub_salary_by_city.csv"');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('city,job_family,year,contributors,p25,p50,p75,p90,suppressed,release_id');
    expect(lines).toHaveLength(1 + 9);
    expect(lines.find((l) => l.startsWith('Reykjavík'))).toBe(
      `Reykjavík,engineering,${fixture.latestYear},,,,,,true,${fixture.releaseId}`,
    );

    const parquet = await t.app.inject({ method: 'GET', url: `${url}&format=parquet` });
    expect(parquet.statusCode).toBe(200);
    expect(parquet.headers['content-type']).toBe('application/vnd.apache.parquet');
    const bytes = parquet.rawPayload;
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const file = join(dir, 'download.parquet');
    writeFileSync(file, bytes);
    const reader = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (
      await reader.runAndReadAll(`SELECT city, suppressed FROM read_parquet('${file}') ORDER BY city`)
    ).getRowObjectsJS();
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.city === 'Reykjavík')?.suppressed).toBe(true);
    reader.closeSync();
  });

  it('answers a repeated request from cache with 304, using ETag and Cache-Control', async () => {
    const url = '/v1/data/pub_topics_monthly?company_slug=globex';
    const first = await t.app.inject({ method: 'GET', url });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toContain('public');
    expect(first.headers['cache-control']).toContain('max-age=');
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await t.app.inject({ method: 'GET', url: '/v1/data/pub_topics_monthly?company_slug=acme' });
    expect(other.headers.etag).not.toBe(etag);
  });

  it('filters by release, and every row carries the newest one', async () => {
    const url = '/v1/data/pub_salary_by_city?job_family=engineering&format=csv';
    const all = (await t.app.inject({ method: 'GET', url })).body.trim().split('\r\n').slice(1);
    expect(all.every((line) => line.endsWith(`,${fixture.releaseId}`))).toBe(true);
    const newest = await t.app.inject({ method: 'GET', url: `${url}&release_id=${fixture.releaseId}` });
    expect(newest.body.trim().split('\r\n').slice(1)).toEqual(all);
    const older = await t.app.inject({ method: 'GET', url: `${url}&release_id=${fixture.olderReleaseId}` });
    expect(older.body.trim().split('\r\n')).toHaveLength(1);
  });

  it('serves a new release as soon as it is written, never a cached old answer', async () => {
    const url = '/v1/data/pub_salary_split?company_slug=globex&format=csv';
    const before = await t.app.inject({ method: 'GET', url });
    expect((await t.app.inject({ method: 'GET', url })).headers.etag).toBe(before.headers.etag);
    await writePublishedFixture(fixture.path, { seed: 7 });
    const after = await t.app.inject({ method: 'GET', url });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body).not.toBe(before.body);
    await writePublishedFixture(fixture.path);
    expect((await t.app.inject({ method: 'GET', url })).body).toBe(before.body);
  });

  it('reaches no table outside the published ones', async () => {
    for (const name of [
      'warehouse_state',
      'warehouse_migrations',
      'facts',
      'information_schema.tables',
      'pub_salary_by_company;DROP TABLE releases',
      'pub_salary_by_company UNION SELECT * FROM warehouse_state',
      'PUB_SALARY_BY_COMPANY',
      '..%2F..%2Fetc%2Fpasswd',
      'duckdb_tables()',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/data/${encodeURIComponent(name)}` });
      expect(res.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
    }
    const res = await t.app.inject({ method: 'GET', url: '/v1/data/warehouse_state' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_A_PUBLISHED_TABLE');
    expect(res.json().error.message).toContain('pub_salary_by_company');
  });

  it('refuses SQL-ish filters and unknown parameters with a 4xx that says what is accepted', async () => {
    const attempts = [
      "/v1/data/pub_salary_by_company?company_slug=acme'%20OR%201=1--",
      '/v1/data/pub_salary_by_company?year=2025;DROP%20TABLE%20releases',
      '/v1/data/pub_salary_by_city?city=x%27)%20UNION%20SELECT%20*%20FROM%20warehouse_state--',
      '/v1/data/pub_salary_by_company?sql=SELECT%201',
      '/v1/data/pub_salary_by_company?order_by=p50',
      '/v1/data/pub_salary_by_company?company_slug=acme&company_slug=globex',
      '/v1/data/pub_salary_by_company?format=json',
    ];
    for (const url of attempts) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message.length, url).toBeGreaterThan(10);
    }
    const unknown = await t.app.inject({ method: 'GET', url: '/v1/data/pub_salary_by_company?sql=1' });
    expect(unknown.json().error.message).toContain('Accepted parameters: format, company_slug');
  });

  it('keeps the operator table behind the operator token', async () => {
    const url = '/v1/data/pub_bot_decisions_hourly';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url, headers: { 'x-operator-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('OPERATOR_ONLY');
    const ok = await t.app.inject({ method: 'GET', url, headers: { 'x-operator-token': token } });
    expect(ok.statusCode).toBe(200);
    expect(tableFromIPC(ok.rawPayload).numRows).toBe(fixture.rows.pub_bot_decisions_hourly);
    expect(ok.headers['cache-control']).toBe('private, no-cache');
    const csv = await t.app.inject({
      method: 'GET',
      url: `${url}?decision=block&format=csv`,
      headers: { 'x-operator-token': token },
    });
    expect(
      csv.body
        .trim()
        .split('\r\n')
        .slice(1)
        .every((line) => line.split(',')[1] === 'block'),
    ).toBe(true);
  });

  it('lists the data routes in the API docs, public ones as public and operator data as operator', async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/v1/data', '/v1/data/{table}', '/v1/data/pub_bot_decisions_hourly']),
    );
    expect(docs.paths['/v1/data/{table}'].get.tags).toEqual(['data']);
    await t.app.inject({ method: 'GET', url: '/v1/data' });
    await t.app.inject({ method: 'GET', url: '/v1/data/releases' });
    await t.app.inject({ method: 'GET', url: '/v1/data/pub_bot_decisions_hourly' });
    expect(t.routeClasses.get('GET /v1/data')).toBe('public');
    expect(t.routeClasses.get('GET /v1/data/:table')).toBe('public');
    expect(t.routeClasses.get('GET /v1/data/pub_bot_decisions_hourly')).toBe('operator');
  });
});

describe('data API before the first ETL run', () => {
  let path: string;
  let t: TestApp;

  // One app for both states, in order: first no warehouse file at all, then a file without tables.
  // The app's own temp DATA_DIR holds no warehouse file yet; close() removes it.
  beforeAll(async () => {
    t = await openTestApp();
    path = t.services.config.warehousePath;
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('says nothing is published yet when the warehouse file does not exist, and does not create it', async () => {
    const dictionary = await t.app.inject({ method: 'GET', url: '/v1/data' });
    expect(dictionary.statusCode).toBe(200);
    expect(dictionary.json()).toMatchObject({ status: 'not-published-yet', release: null, k: 5 });
    const res = await t.app.inject({ method: 'GET', url: '/v1/data/pub_salary_by_company' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json().error).toMatchObject({ code: 'NOT_PUBLISHED_YET' });
    expect(res.json().error.message).toMatch(/first run/);
    expect(existsSync(path)).toBe(false);
  });

  it('says which table is missing when the file exists without it', async () => {
    const connection = await (await DuckDBInstance.fromCache(path)).connect();
    await connection.run('CREATE TABLE warehouse_state (name VARCHAR, value VARCHAR)');
    connection.disconnectSync();
    const res = await t.app.inject({ method: 'GET', url: '/v1/data/pub_sentiment_weekly?format=csv' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('NOT_PUBLISHED_YET');
    expect(res.json().error.message).toContain('pub_sentiment_weekly');
    const parquet = await t.app.inject({
      method: 'GET',
      url: '/v1/data/pub_sentiment_weekly?format=parquet',
    });
    expect(parquet.statusCode).toBe(503);
    const dictionary = (await t.app.inject({ method: 'GET', url: '/v1/data' })).json();
    expect(dictionary.status).toBe('not-published-yet');
    expect(dictionary.tables.every((table: { available: boolean }) => !table.available)).toBe(true);
  });
});
