// Scrapers built on the shared crawler: a library with its default headers, a library wearing
// Chrome's UA, a full-header spoofer rotating browsers and /24s, a sybil farm of fresh accounts with
// human-like pauses (each with its own proxy /24 and browser build, sharing one frontier), and a
// patient crawler kept under every per-minute budget.
import { HEADERS } from '../../support/personas.ts';
import { CrawlWorker, everyBoard, Frontier } from '../crawler.ts';
import { addressInPrefix, BROWSER_HEADER_SETS } from '../header-sets.ts';
import { SimClient } from '../http-client.ts';
import { logNormal, MINUTE, uniform } from '../pacing.ts';
import type { PersonaRun, SimContext } from '../persona.ts';
import { Tally } from '../tally.ts';

async function singleCrawler(
  ctx: SimContext,
  spec: {
    name: string;
    headers: Record<string, string>;
    address: string;
    account: Parameters<SimContext['account']>[0];
    gap: () => number;
    openPlaceholders?: boolean;
    beforeRequest?: (client: SimClient) => void;
  },
): Promise<PersonaRun> {
  const tally = new Tally();
  const account = await ctx.account(spec.account);
  const client = new SimClient(ctx.transport, tally, spec.headers, spec.address, account.token);
  const frontier = new Frontier(everyBoard(ctx.server.corpus.companySlugs), spec.openPlaceholders);
  const worker = new CrawlWorker(client, frontier, { gap: spec.gap, beforeRequest: spec.beforeRequest });
  return {
    name: spec.name,
    kind: 'scraper',
    maxShare: 0.01,
    tally,
    starts: [{ at: ctx.start, actor: worker }],
  };
}

export const naiveLibrary = (ctx: SimContext) =>
  singleCrawler(ctx, {
    name: 'naive library UA (python-requests)',
    headers: HEADERS.pythonRequests,
    address: '192.0.2.10',
    account: { memberKind: 'member', ageDays: 1 },
    gap: () => uniform(ctx.random, 500, 1500),
    openPlaceholders: true,
  });

export const chromeUaSpoofer = (ctx: SimContext) =>
  singleCrawler(ctx, {
    name: 'Chrome UA spoofer',
    headers: HEADERS.chromeSpoofNoHints,
    address: '192.0.2.20',
    account: { memberKind: 'verified', ageDays: 40 },
    gap: () => uniform(ctx.random, 1000, 3000),
  });

/** A new /24 and another real browser's full header set before every request. */
export function rotatingSpoofer(ctx: SimContext) {
  let n = 0;
  return singleCrawler(ctx, {
    name: 'full-header spoofer, rotating /24s and UAs',
    headers: HEADERS.chrome,
    address: addressInPrefix(100, 0),
    account: { memberKind: 'verified', ageDays: 60 },
    gap: () => uniform(ctx.random, 1500, 4000),
    beforeRequest(client) {
      n++;
      client.address = addressInPrefix(100, n);
      client.headers = BROWSER_HEADER_SETS[n % BROWSER_HEADER_SETS.length]!;
    },
  });
}

/** A crawler that never meets a per-minute budget: one request every 30–40 s, all day and night. */
export const patientCrawler = (ctx: SimContext) =>
  singleCrawler(ctx, {
    name: 'patient crawler (under every per-minute limit)',
    headers: HEADERS.firefox,
    address: '198.51.100.77',
    account: { memberKind: 'verified', ageDays: 90 },
    gap: () => uniform(ctx.random, 30_000, 40_000),
  }).then((run) => ({ ...run, maxShare: 0.05 }));

export async function sybilFarm(ctx: SimContext, accounts: number): Promise<PersonaRun> {
  const tally = new Tally();
  const frontier = new Frontier(everyBoard(ctx.server.corpus.companySlugs));
  const starts: PersonaRun['starts'] = [];
  for (let i = 0; i < accounts; i++) {
    const account = await ctx.account({ memberKind: i % 2 ? 'member' : 'verified', ageDays: i % 3 });
    const headers = BROWSER_HEADER_SETS[i % BROWSER_HEADER_SETS.length]!;
    const client = new SimClient(ctx.transport, tally, headers, addressInPrefix(101, i), account.token);
    const worker = new CrawlWorker(client, frontier, { gap: () => logNormal(ctx.random, 40_000, 0.8) });
    starts.push({ at: ctx.start + uniform(ctx.random, 0, 30 * MINUTE), actor: worker });
  }
  return {
    name: `${accounts} sybil accounts, human-like pauses`,
    kind: 'scraper',
    maxShare: 0.05,
    tally,
    starts,
  };
}
