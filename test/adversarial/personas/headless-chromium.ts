// A scraper in a real browser: headless Chromium (playwright-core, Debian's /usr/bin/chromium)
// opens a page the server serves (/dashboards) and calls the API with fetch() from it, so every
// header is the browser's own (client hints, fetch metadata, order) except the UA, which it sets to
// a desktop Chrome's of the same version. It adds its session and its proxy address; its crawl is
// the shared one, fast and without solving challenges.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/browser.ts';
import { CrawlWorker, everyBoard, Frontier } from '../crawler.ts';
import { type Answer, SimClient, type Transport } from '../http-client.ts';
import { uniform } from '../pacing.ts';
import type { PersonaRun, SimContext } from '../persona.ts';
import { Tally } from '../tally.ts';

function pageTransport(page: Page): Transport {
  return async (method, path, headers, payload) => {
    const result = await page.evaluate(
      async ({ method, path, headers, body }) => {
        const response = await fetch(path, {
          method,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          body,
        });
        return {
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          text: await response.text(),
        };
      },
      { method, path, headers, body: payload === undefined ? undefined : JSON.stringify(payload) },
    );
    let body: unknown = result.text;
    try {
      body = JSON.parse(result.text);
    } catch {
      // not JSON
    }
    const answer: Answer = {
      status: result.status,
      headers: result.retryAfter ? { 'retry-after': result.retryAfter } : {},
      body,
    };
    return answer;
  };
}

export async function headlessChromium(ctx: SimContext): Promise<PersonaRun> {
  const tally = new Tally();
  const browser: Browser = await launchChromium();
  // Headless Chromium says "HeadlessChrome" in its UA; a scraper says what a desktop Chrome of the
  // same version says (its client hints and fetch metadata are the browser's own).
  const version = browser.version().split('.')[0];
  const context = await browser.newContext({
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`,
  });
  const page = await context.newPage();
  await page.goto(`${ctx.server.baseUrl}/dashboards`);
  const account = await ctx.account({ memberKind: 'verified', ageDays: 200 });
  const client = new SimClient(pageTransport(page), tally, {}, '198.51.100.150', account.token);
  const frontier = new Frontier(everyBoard(ctx.server.corpus.companySlugs));
  const worker = new CrawlWorker(client, frontier, { gap: () => uniform(ctx.random, 1000, 4000) });
  return {
    name: 'headless Chromium, fetch() from a served page',
    kind: 'scraper',
    maxShare: 0.01,
    tally,
    starts: [{ at: ctx.start, actor: worker }],
    finish: () => browser.close(),
  };
}
