// fast-check fuzzing of every route in the router: each run starts from the route's valid request
// and breaks part of it (request-arbitrary.ts). No answer may be a 5xx, every 4xx must be a
// readable JSON error, a refused request must leave every table unchanged, and the server must
// still answer afterwards. FUZZ_RUNS sets the runs per route (CI default 15); FUZZ_SEED replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerHeaders, sendProbe } from './support/probe.ts';
import { requestArbitrary } from './support/request-arbitrary.ts';
import { ROUTE_CATALOG } from './support/route-catalog.ts';
import { useFuzzSuite } from './support/suite.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describe('fuzz: generated requests to every route', () => {
  const suite = useFuzzSuite(`generated (${RUNS} runs per route)`);

  it('survives every route with broken params, queries, bodies, content types and headers', async () => {
    const { fuzz, routes, stats } = suite;
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const valid = await ROUTE_CATALOG[route.key]!(fuzz.world);
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, valid), async (request) => {
          const headers = {
            ...(await callerHeaders(fuzz, { ...valid, caller: request.caller })),
            ...request.headers,
          };
          await sendProbe(fuzz, { ...request, headers }, stats, route.key);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      await fuzz.expectAlive();
    }
    expect(stats.requests).toBe(RUNS * routes.length);
  }, 300_000);
});
