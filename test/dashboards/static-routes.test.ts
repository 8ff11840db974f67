// The chart libraries and page scripts come from this server (no CDN): every file the pages
// reference is served from node_modules or dashboards/public, cacheable, and nothing else is.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDOR_SCRIPTS } from '../../dashboards/pages/html.ts';
import { findPackageFile, VENDOR_FILES } from '../../dashboards/static-routes.ts';
import { openTestApp, type TestApp } from '../support/app.ts';

describe('dashboard scripts and styles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('serves each vendor browser build byte for byte from node_modules', async () => {
    // Pages load vega, vega-embed and apache-arrow (specs arrive compiled to Vega); vega-lite's
    // browser build is served too, for anyone working with the Vega-Lite specs in a browser.
    expect(Object.keys(VENDOR_FILES)).toEqual(
      expect.arrayContaining([...VENDOR_SCRIPTS, 'vega-lite.min.js']),
    );
    for (const [name, [pkg, file]] of Object.entries(VENDOR_FILES)) {
      const res = await t.app.inject({ method: 'GET', url: `/dashboards/vendor/${name}` });
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.rawPayload.equals(readFileSync(findPackageFile(pkg, file)))).toBe(true);
      expect(res.body).not.toMatch(/https?:\/\/(cdn\.|unpkg\.com|cdn\.jsdelivr)/);
    }
  });

  it('serves the page scripts and styles, with ETag revalidation', async () => {
    for (const name of ['charts.js', 'researcher.js', 'operator.js', 'dashboard.css']) {
      const res = await t.app.inject({ method: 'GET', url: `/dashboards/assets/${name}` });
      expect(res.statusCode, name).toBe(200);
      const again = await t.app.inject({
        method: 'GET',
        url: `/dashboards/assets/${name}`,
        headers: { 'if-none-match': res.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
    }
  });

  it('serves nothing else from those folders', async () => {
    for (const url of [
      '/dashboards/vendor/vega.js',
      '/dashboards/vendor/..%2F..%2Fpackage.json',
      '/dashboards/assets/..%2Freport.ts',
      '/dashboards/assets/secrets.json',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
