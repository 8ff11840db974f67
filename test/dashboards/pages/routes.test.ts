// Dashboard pages over a real DuckDB file: HTML that loads only this server's scripts, filters in
// the URL resolved against what is published, JSON page models for redraws, the operator page
// public as a shell but its model behind the token, and a clear 503 before the first ETL run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { type FixtureSummary, writePublishedFixture } from '../../support/published-fixture.ts';
import { openRecordingApp, type RecordingApp } from '../route-classes.ts';

function pageModel(html: string) {
  const json = /<script type="application\/json" id="page-model">([\s\S]*?)<\/script>/.exec(html)?.[1];
  expect(json).toBeDefined();
  return JSON.parse(json!);
}

describe('dashboard pages', () => {
  let dir: string;
  let fixture: FixtureSummary;
  let t: RecordingApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-pages-'));
    fixture = await writePublishedFixture(join(dir, 'warehouse.duckdb'));
    t = await openRecordingApp({ WAREHOUSE_PATH: fixture.path, PROTECTION_MODE: 'monitor' });
  }, 180_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the salaries page with its filters, charts and the model the browser draws from', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/dashboards/salaries' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const model = pageModel(res.body);
    expect(model.filters.map((f: { name: string; value: string }) => [f.name, f.value])).toEqual([
      ['company', 'acme'],
      ['family', 'engineering'],
      ['year', String(fixture.latestYear)],
      ['level', 'L4'],
    ]);
    expect(model.k).toBe(5);
    // Specs arrive compiled to Vega, their datasets named, with no rows inlined.
    expect(model.charts[0].spec.$schema).toContain('/vega/');
    expect(model.charts[0].spec.data).toContainEqual({ name: 'salary_by_company' });
    expect(model.charts.map((c: { id: string }) => c.id)).toEqual([
      'salary-bands',
      'pay-split',
      'salary-trend',
      'city-comparison',
      'company-comparison',
    ]);
    expect(model.charts[0].data.salary_by_company).toEqual({
      kind: 'table',
      url: `/v1/data/pub_salary_by_company?company_slug=acme&job_family=engineering&year=${fixture.latestYear}`,
    });
    expect(res.body).toContain('<option value="acme" selected>Acme Corp</option>');
    expect(res.body).toContain('fewer than 5 reports, and cells hidden to protect them, are suppressed');
    expect(res.body).toContain('format=csv');
    expect(res.body).toContain('format=parquet');
  });

  it('loads scripts only from this server and forbids any other origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/dashboards/sentiment' });
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const sources = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources).toEqual(
      expect.arrayContaining([
        '/dashboards/vendor/vega.min.js',
        '/dashboards/vendor/vega-embed.min.js',
        '/dashboards/vendor/apache-arrow.min.js',
        '/dashboards/assets/researcher.js',
      ]),
    );
    for (const source of sources) expect(source, source).toMatch(/^(\/|data:|#)/);
  });

  it('keeps filters in the URL and falls back, saying so, when a value has no published figures', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/dashboards/salaries?company=globex&family=data&year=2024&level=L2',
    });
    const model = pageModel(res.body);
    expect(model.filters.map((f: { value: string }) => f.value)).toEqual(['globex', 'data', '2024', 'L2']);
    expect(model.notice).toBeNull();

    const unknown = await t.app.inject({
      method: 'GET',
      url: '/dashboards/salaries?company=%3Cscript%3Ealert(1)%3C%2Fscript%3E&utm_source=mail',
    });
    expect(unknown.statusCode).toBe(200);
    const fallback = pageModel(unknown.body);
    expect(fallback.filters[0].value).toBe('acme');
    expect(fallback.notice).toContain('showing Acme Corp instead');
    expect(unknown.body).not.toContain('<script>alert(1)</script>');
  });

  it('serves page models as JSON for redraws, strictly', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/dashboards/sentiment/model.json?company=globex&month=${fixture.latestMonth}`,
    });
    expect(res.statusCode).toBe(200);
    const model = res.json();
    expect(model.filters.map((f: { value: string }) => f.value)).toEqual(['globex', fixture.latestMonth]);
    expect(model.charts.map((c: { id: string }) => c.id)).toEqual([
      'sentiment-trend',
      'weekly-posts',
      'share-negative',
      'topic-heatmap',
      'biggest-movers',
    ]);
    const movers = model.charts.find((c: { id: string }) => c.id === 'biggest-movers');
    expect(movers.data.sentiment_two_months.url).toMatch(
      /^\/v1\/data\/pub_sentiment_weekly\?week_start_from=\d{4}-\d{2}-01&week_start_to=\d{4}-\d{2}-\d{2}$/,
    );
    const bad = await t.app.inject({ method: 'GET', url: '/dashboards/sentiment/model.json?sort=1' });
    expect(bad.statusCode).toBe(400);
  });

  it('serves the operator page shell to anyone but its model only with the operator token', async () => {
    const html = await t.app.inject({ method: 'GET', url: '/dashboards/operator' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('id="token-form"');
    expect(html.body).not.toContain('page-model');
    expect(html.body).not.toContain(t.services.secrets.OPERATOR_TOKEN);

    const refused = await t.app.inject({ method: 'GET', url: '/dashboards/operator/model.json' });
    expect(refused.statusCode).toBe(401);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/dashboards/operator/model.json',
      headers: { 'x-operator-token': `${t.services.secrets.OPERATOR_TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/dashboards/operator/model.json',
      headers: { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN },
    });
    expect(ok.statusCode).toBe(200);
    const model = ok.json();
    expect(model.allowListUrl).toBe('/v1/operator/allow-list');
    const sources = model.charts.flatMap((c: { data: Record<string, { url: string }> }) =>
      Object.values(c.data).map((s) => s.url),
    );
    expect(sources).toEqual(
      expect.arrayContaining([
        '/v1/operator/bot-events?limit=500',
        '/v1/operator/bot-events/summary?hours=1',
        '/v1/operator/bot-events/top?hours=1&limit=10',
        '/metrics',
      ]),
    );
    expect(sources).toContain('/v1/data/pub_bot_decisions_hourly');
  });

  it('declares dashboards public and the operator model operator', async () => {
    await t.app.inject({ method: 'GET', url: '/dashboards' });
    await t.app.inject({ method: 'GET', url: '/dashboards/salaries/model.json' });
    await t.app.inject({ method: 'GET', url: '/dashboards/operator/model.json' });
    expect(t.routeClasses.get('GET /dashboards')).toBe('public');
    expect(t.routeClasses.get('GET /dashboards/salaries')).toBe('public');
    expect(t.routeClasses.get('GET /dashboards/salaries/model.json')).toBe('public');
    expect(t.routeClasses.get('GET /dashboards/operator/model.json')).toBe('operator');
  });
});

describe('dashboard pages before the first ETL run', () => {
  let path: string;
  let t: TestApp;

  // One app for both states, in order: first no warehouse file, then tables created but empty.
  // The app's own temp DATA_DIR holds no warehouse file yet; close() removes it.
  beforeAll(async () => {
    t = await openTestApp();
    path = t.services.config.warehousePath;
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('explains that nothing is published yet, with 503 and no 500', async () => {
    for (const page of ['salaries', 'sentiment']) {
      const res = await t.app.inject({ method: 'GET', url: `/dashboards/${page}` });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toMatch(/Nothing has been published yet/);
      const model = await t.app.inject({ method: 'GET', url: `/dashboards/${page}/model.json` });
      expect(model.statusCode).toBe(503);
      expect(model.json().error.code).toBe('NOT_PUBLISHED_YET');
    }
    const operator = await t.app.inject({
      method: 'GET',
      url: '/dashboards/operator/model.json',
      headers: { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN },
    });
    expect(operator.statusCode).toBe(200);
    expect(operator.json().notice).toMatch(/no published decisions yet/);
  });

  it('treats empty published tables (created, never filled) the same way', async () => {
    const connection = await (await DuckDBInstance.fromCache(path)).connect();
    await connection.run(
      'CREATE TABLE pub_salary_by_company (company_slug VARCHAR, company_name VARCHAR, job_family VARCHAR, level VARCHAR, year INTEGER, contributors INTEGER, p25 INTEGER, p50 INTEGER, p75 INTEGER, p90 INTEGER, suppressed BOOLEAN, release_id INTEGER)',
    );
    connection.disconnectSync();
    const res = await t.app.inject({ method: 'GET', url: '/dashboards/salaries' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Nothing has been published yet (the salary tables are empty)');
    const data = await t.app.inject({ method: 'GET', url: '/v1/data/pub_salary_by_company?format=csv' });
    expect(data.statusCode).toBe(503);
    expect(data.json().error.message).toContain('releases');
  });
});
