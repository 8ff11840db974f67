// The dashboards in real Chromium against the real app on a port, over a fixture warehouse:
// every chart draws marks, changing a filter redraws and updates the URL, the pages work at phone
// width, nothing is fetched from anywhere but this server, no console errors, and the operator
// page refuses to show anything without the operator token. Screenshots: test-results/screenshots.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/server.ts';
import { type FixtureSummary, writePublishedFixture } from '../support/published-fixture.ts';
import { openTestServices, type TestServices } from '../support/services.ts';
import { launchChromium, leavingRequests, openPage, settledFigures, type WatchedPage } from './browser.ts';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

describe('dashboards in Chromium', { timeout: 120_000 }, () => {
  let dir: string;
  let fixture: FixtureSummary;
  let services: TestServices;
  let app: FastifyInstance;
  let origin: string;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  async function open(path: string, viewport?: { width: number; height: number }) {
    const watched = await openPage(browser, viewport);
    pages.push(watched);
    await watched.page.goto(`${origin}${path}`);
    return watched;
  }

  function expectClean(watched: WatchedPage, allowed: (message: ConsoleMessage) => boolean = () => false) {
    expect(watched.pageErrors.map((e) => e.message)).toEqual([]);
    expect(
      watched.consoleErrors.filter((m) => !allowed(m)).map((m) => `${m.text()} (${m.location().url})`),
    ).toEqual([]);
    expect(leavingRequests(watched.requests, origin)).toEqual([]);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'wc-e2e-'));
    fixture = await writePublishedFixture(join(dir, 'warehouse.duckdb'));
    services = await openTestServices({ WAREHOUSE_PATH: fixture.path, PROTECTION_MODE: 'monitor' });
    app = await buildApp(services, { logger: false });
    origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const watched of pages) await watched.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every salary chart, with suppressed cells worded', async () => {
    const watched = await open('/dashboards/salaries');
    const figures = await settledFigures(watched.page);
    expect(figures.map((f) => f.id)).toEqual([
      'salary-bands',
      'pay-split',
      'salary-trend',
      'city-comparison',
      'company-comparison',
    ]);
    for (const figure of figures) {
      expect(figure.state, `${figure.id}: ${figure.message}`).toBe('drawn');
      expect(figure.marks, figure.id).toBeGreaterThan(0);
    }
    const notes = await watched.page.locator('figure[data-chart="salary-bands"] svg text', {
      hasText: /^fewer than 5 reports$/,
    });
    expect(await notes.count()).toBe(1);
    await watched.page.screenshot({ path: join(SCREENSHOTS, 'salaries.png'), fullPage: true });
    expectClean(watched);
  });

  it('redraws the salary charts when a filter changes, and keeps the filters in the URL', async () => {
    const watched = await open('/dashboards/salaries');
    await settledFigures(watched.page);
    await watched.page.selectOption('select[name="company"]', 'globex');
    await watched.page.waitForURL(/company=globex/);
    await watched.page.waitForFunction(() =>
      (Array.from(document.querySelectorAll('figure.chart')) as HTMLElement[]).every(
        (f) => f.dataset.renders === '2' && f.dataset.state === 'drawn',
      ),
    );
    const title = await watched.page.locator('figure[data-chart="salary-bands"] svg').textContent();
    expect(title).toContain('Pay by level at Globex');
    expect(new URL(watched.page.url()).searchParams.get('family')).toBe('engineering');

    await watched.page.selectOption('select[name="family"]', 'sales');
    await watched.page.waitForURL(/family=sales/);
    await watched.page.waitForFunction(() =>
      (Array.from(document.querySelectorAll('figure.chart')) as HTMLElement[]).every(
        (f) => f.dataset.renders === '3',
      ),
    );
    expect(await watched.page.locator('figure[data-chart="salary-bands"] svg').textContent()).toContain(
      'Pay by level at Globex: Sales',
    );

    // A shared link opens on the same selection.
    const shared = await open(new URL(watched.page.url()).pathname + new URL(watched.page.url()).search);
    await settledFigures(shared.page);
    expect(await shared.page.inputValue('select[name="company"]')).toBe('globex');
    expect(await shared.page.inputValue('select[name="family"]')).toBe('sales');

    // Back goes to the previous selection.
    await watched.page.goBack();
    await watched.page.waitForFunction(() =>
      document.querySelector('figure[data-chart="salary-bands"] svg')?.textContent?.includes('Engineering'),
    );
    expectClean(watched);
    expectClean(shared);
  });

  it('draws every sentiment chart and redraws on a new company and month', async () => {
    const watched = await open('/dashboards/sentiment');
    const figures = await settledFigures(watched.page);
    expect(figures.map((f) => f.id)).toEqual([
      'sentiment-trend',
      'weekly-posts',
      'share-negative',
      'topic-heatmap',
      'biggest-movers',
    ]);
    for (const figure of figures) {
      expect(figure.state, `${figure.id}: ${figure.message}`).toBe('drawn');
      expect(figure.marks, figure.id).toBeGreaterThan(0);
    }
    await watched.page.screenshot({ path: join(SCREENSHOTS, 'sentiment.png'), fullPage: true });

    const months = await watched.page.$$eval('select[name="month"] option', (options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    expect(months.length).toBeGreaterThan(1);
    // Two quick changes in a row: the page ends on the newer selection, never on a stale answer.
    await watched.page.selectOption('select[name="company"]', 'initech');
    await watched.page.waitForURL(/company=initech/);
    await watched.page.selectOption('select[name="month"]', months[1]!);
    await watched.page.waitForURL(new RegExp(`company=initech&month=${months[1]}`));
    await watched.page.waitForFunction(
      (month) =>
        document.body.dataset.loading === undefined &&
        Array.from(document.querySelectorAll('figure.chart')).every(
          (f) =>
            Number((f as HTMLElement).dataset.renders) >= 2 && (f as HTMLElement).dataset.state === 'drawn',
        ) &&
        document.querySelector('figure[data-chart="topic-heatmap"] svg')?.textContent?.includes(month),
      new Date(`${months[1]}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }),
    );
    expect(await watched.page.locator('figure[data-chart="sentiment-trend"] svg').textContent()).toContain(
      'Weekly mood at Initech',
    );
    expectClean(watched);
  });

  it('is usable at phone width: no sideways scrolling, every chart drawn inside its column', async () => {
    for (const page of ['salaries', 'sentiment']) {
      const watched = await open(`/dashboards/${page}`, { width: 390, height: 844 });
      const figures = await settledFigures(watched.page);
      expect(figures.every((f) => f.state === 'drawn' && f.marks > 0)).toBe(true);
      const widths = await watched.page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        charts: (Array.from(document.querySelectorAll('figure.chart svg')) as SVGElement[]).map(
          (svg) => svg.getBoundingClientRect().right,
        ),
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      for (const right of widths.charts) expect(right).toBeLessThanOrEqual(widths.viewport);
      await watched.page.screenshot({ path: join(SCREENSHOTS, `${page}-phone.png`), fullPage: true });
      expectClean(watched);
    }
  });

  it('refuses to show the operator page without the operator token', async () => {
    const watched = await open('/dashboards/operator');
    await watched.page.waitForSelector('#token-form');
    expect(await watched.page.isVisible('#token-form')).toBe(true);
    expect(await watched.page.isHidden('#operator-panels')).toBe(true);
    expect(await watched.page.locator('figure.chart').count()).toBe(0);
    expect(watched.requests.filter((url) => /\/v1\/|model\.json/.test(url))).toEqual([]);

    await watched.page.fill('input[name="token"]', 'not-the-operator-token-at-all-0000000000');
    await watched.page.click('#token-form button');
    await watched.page.waitForFunction(() => document.body.dataset.operator === 'locked');
    expect(await watched.page.textContent('#token-message')).toContain('refused');
    expect(await watched.page.locator('figure.chart').count()).toBe(0);
    expect(await watched.page.evaluate(() => sessionStorage.length)).toBe(0);
    await watched.page.screenshot({ path: join(SCREENSHOTS, 'operator-refused.png'), fullPage: true });
    // The one error is the browser reporting the refused model request.
    expectClean(
      watched,
      (m) =>
        m.text().includes('status of 401') && m.location().url.endsWith('/dashboards/operator/model.json'),
    );
  });

  it('shows the operator page with the token: warehouse and live panels, allow-list, token kept per tab', async () => {
    // A crawler at work first, so the live panels have something to show.
    for (let i = 0; i < 12; i++) {
      await fetch(`${origin}/v1/threads?page=${i}`, { headers: { 'user-agent': 'python-requests/2.32.3' } });
    }
    const robots = await (await fetch(`${origin}/robots.txt`)).text().catch(() => '');
    for (const path of [...robots.matchAll(/^Disallow:\s*(\/\S+)/gm)].map((m) => m[1]!).slice(0, 3)) {
      await fetch(`${origin}${path}`, { headers: { 'user-agent': 'python-requests/2.32.3' } });
    }

    const watched = await open('/dashboards/operator');
    await watched.page.fill('input[name="token"]', services.secrets.OPERATOR_TOKEN);
    await watched.page.click('#token-form button');
    await watched.page.waitForFunction(() => document.body.dataset.operator === 'unlocked');
    const figures = await settledFigures(watched.page);
    const byId = new Map(figures.map((f) => [f.id, f]));
    for (const id of ['bot-decisions-hourly', 'warehouse-top-reasons']) {
      expect(byId.get(id)?.state, id).toBe('drawn');
      expect(byId.get(id)?.marks, id).toBeGreaterThan(0);
    }
    for (const id of [
      'live-decisions-per-minute',
      'live-defence-pressure',
      'live-top-reasons',
      'live-top-fingerprints',
      'live-top-network-keys',
    ]) {
      const figure = byId.get(id)!;
      // Drawn, empty ("nothing recorded yet") or, while the operator API is missing, a clear message.
      expect(['drawn', 'empty', 'unavailable'], `${id}: ${figure.message}`).toContain(figure.state);
      if (figure.state === 'drawn') expect(figure.marks, id).toBeGreaterThan(0);
      else expect(figure.message.length, id).toBeGreaterThan(10);
    }
    // /metrics always answers: the pressure panel draws.
    expect(byId.get('live-defence-pressure')?.state).toBe('drawn');
    await watched.page.waitForFunction(
      () => document.getElementById('allow-list')?.dataset.state !== 'loading',
    );
    expect(['drawn', 'unavailable']).toContain(
      await watched.page.$eval('#allow-list', (el) => (el as HTMLElement).dataset.state),
    );
    await watched.page.screenshot({ path: join(SCREENSHOTS, 'operator.png'), fullPage: true });

    // Live refresh: new rows go into the drawn live charts without reloading the page.
    const rendersOf = () =>
      watched.page.$eval('figure[data-chart="live-defence-pressure"]', (el) =>
        Number((el as HTMLElement).dataset.renders ?? 0),
      );
    const before = await rendersOf();
    await watched.page.click('#refresh-now');
    await watched.page.waitForFunction(
      (n) =>
        Number(
          (document.querySelector('figure[data-chart="live-defence-pressure"]') as HTMLElement).dataset
            .renders,
        ) > n,
      before,
    );
    expect(await watched.page.locator('figure[data-chart="live-defence-pressure"] svg').count()).toBe(1);

    // The token is kept for this tab: a reload opens the panels without asking again.
    await watched.page.reload();
    await watched.page.waitForFunction(() => document.body.dataset.operator === 'unlocked');
    await settledFigures(watched.page);
    // "Forget token" locks the page again.
    await watched.page.click('#forget-token');
    await watched.page.waitForFunction(() => document.body.dataset.operator === 'locked');
    expect(await watched.page.locator('figure.chart').count()).toBe(0);

    // Only operator API endpoints that are not built yet may fail to load.
    expectClean(
      watched,
      (m) => m.text().startsWith('Failed to load resource') && /\/v1\/operator\//.test(m.location().url),
    );
  });
});
