// Every route of the built app is known to the fuzzers: the route table read from the router and
// the catalog of valid requests match exactly, each valid request succeeds for its caller (so the
// fuzzers' input reaches the handlers), and the same request without the right caller is refused
// readably without writing anything.
import { describe, expect, it } from 'vitest';
import { sendProbe, validProbe } from './support/probe.ts';
import { ROUTE_CATALOG } from './support/route-catalog.ts';
import { useFuzzSuite } from './support/suite.ts';

describe('fuzz: the route table', () => {
  const suite = useFuzzSuite('routes');

  it('reads every route from the router, and each one really exists', () => {
    const { fuzz, routes } = suite;
    expect(routes.length).toBeGreaterThan(40);
    const unknown = routes
      .filter((r) => !fuzz.app.hasRoute({ method: r.method, url: r.url }))
      .map((r) => r.key);
    expect(unknown).toEqual([]);
    expect(routes.map((r) => r.key)).toContain('GET /v1/threads/:id');
  });

  it('has a valid request for every route, and none for a route that does not exist', () => {
    const { routes } = suite;
    const keys = routes.map((r) => r.key).sort();
    expect(Object.keys(ROUTE_CATALOG).sort()).toEqual(keys);
  });

  it('answers each valid request with its status, so fuzzed variants reach the handler', async () => {
    const { fuzz, routes } = suite;
    for (const route of routes) {
      const valid = await ROUTE_CATALOG[route.key]!(fuzz.world);
      const probe = await validProbe(fuzz, route, valid);
      const res = await fuzz.app.inject(probe);
      expect(res.statusCode, `${route.key}: ${res.body.slice(0, 300)}`).toBe(valid.status);
    }
    // Fastify registers a prefixed "/" twice ("/docs" and "/docs/"), both answering as "/docs".
    const reached = (key: string) => fuzz.hits.has(key) || fuzz.hits.has(key.replace(/(.)\/$/, '$1'));
    const missed = routes.filter((r) => !reached(r.key)).map((r) => r.key);
    expect(missed).toEqual([]);
  });

  it('refuses each signed-in or operator route to the wrong caller, readably and without a write', async () => {
    const { fuzz, routes, stats } = suite;
    let refusedRoutes = 0;
    for (const route of routes) {
      const valid = await ROUTE_CATALOG[route.key]!(fuzz.world);
      if (valid.caller === 'anonymous') continue;
      const probe = await validProbe(fuzz, route, valid);
      const strangers: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wc_forged' },
        { 'x-operator-token': 'x'.repeat(43) },
      ];
      for (const wrong of strangers) {
        const headers: Record<string, string> = { ...fuzz.callers.anonymous, ...wrong };
        if (probe.headers['content-type']) headers['content-type'] = probe.headers['content-type'];
        const answer = await sendProbe(fuzz, { ...probe, headers }, stats, `${route.key} as a stranger`);
        expect([401, 403], `${route.key} ${answer.body}`).toContain(answer.statusCode);
      }
      refusedRoutes++;
    }
    expect(refusedRoutes).toBeGreaterThan(20);
    await fuzz.expectAlive();
  });
});
