// Real Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (no
// browser download), and a page wrapper that records console errors, page errors and every
// request, so tests can assert nothing failed and nothing left 127.0.0.1.
import { type Browser, chromium, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: ConsoleMessage[];
  pageErrors: Error[];
  requests: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const watched: WatchedPage = {
    page,
    consoleErrors: [],
    pageErrors: [],
    requests: [],
    close: () => context.close(),
  };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error));
  page.on('request', (request) => watched.requests.push(request.url()));
  return watched;
}

/** Requests to anywhere but the test server (data: URLs never touch the network). */
export function leavingRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
}

export interface FigureState {
  id: string;
  state: string;
  marks: number;
  renders: number;
  message: string;
}

/** Waits until no chart is loading, then reports each figure's state and drawn marks. */
export async function settledFigures(page: Page, timeout = 30_000): Promise<FigureState[]> {
  await page.waitForFunction(
    () => {
      const figures = Array.from(document.querySelectorAll('figure.chart')) as HTMLElement[];
      return figures.length > 0 && figures.every((f) => f.dataset.state !== 'loading');
    },
    null,
    { timeout },
  );
  return page.evaluate(() =>
    (Array.from(document.querySelectorAll('figure.chart')) as HTMLElement[]).map((f) => ({
      id: f.dataset.chart ?? '',
      state: f.dataset.state ?? '',
      marks: f.querySelectorAll('svg g.role-mark > *').length,
      renders: Number(f.dataset.renders ?? 0),
      message: f.querySelector('.chart-message')?.textContent ?? '',
    })),
  );
}
