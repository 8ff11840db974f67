// Hand-picked hostile input against every route that takes it: malformed JSON, 10 000-level
// nesting, 10 MB bodies, Unicode edge cases, SQL and header injection, prototype-pollution keys,
// huge and forged cursors, wrong content types, huge query strings and path traversal on the
// static routes. No 5xx, readable 4xx, refused batches write nothing, the server stays up.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FuzzApp } from './support/fuzz-app.ts';
import {
  CONTENT_TYPES,
  HOSTILE_STRINGS,
  PATH_AND_MARKUP,
  SQL_INJECTION,
  UNICODE_EDGE_CASES,
} from './support/hostile-inputs.ts';
import { expectAllRefused, type Probe, type ProbeStats, sendProbe, validProbe } from './support/probe.ts';
import { encodeSegment, fillPath, ROUTE_CATALOG, type ValidRequest } from './support/route-catalog.ts';
import type { RouteEntry } from './support/route-table.ts';
import { useFuzzSuite } from './support/suite.ts';

describe('fuzz: hand-picked hostile input', () => {
  let fuzz: FuzzApp;
  let routes: { route: RouteEntry; valid: ValidRequest }[];
  const suite = useFuzzSuite('hostile');
  let stats: ProbeStats;

  /** Routes whose valid request sends a JSON body, with that request. */
  const bodyRoutes = () => routes.filter((r) => r.valid.body !== undefined);
  const probeOf = async (r: { route: RouteEntry; valid: ValidRequest }, change: Partial<Probe> = {}) => ({
    ...(await validProbe(fuzz, r.route, r.valid)),
    ...change,
  });
  const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });

  beforeAll(async () => {
    ({ fuzz, stats } = suite);
    routes = [];
    for (const route of suite.routes) {
      // Routes whose valid request consumes something (a post, a salary, a session) are made once here.
      routes.push({ route, valid: await ROUTE_CATALOG[route.key]!(fuzz.world) });
    }
  });

  it('refuses malformed JSON on every route with a body', async () => {
    const malformed = [
      '{',
      '{"title":',
      '{"a":1,}',
      "{'a':1}",
      '[1,2',
      'NaN',
      'undefined',
      '{"a":1}{"b":2}',
      '{"a":"\\uZZZZ"}',
      '{"a":"unterminated}',
      '\u0000',
      '{"a":01}',
      '{"a":1e999999}',
      '\ufeff{}',
      ' ',
    ];
    for (const r of bodyRoutes()) {
      const base = await probeOf(r);
      const probes = malformed.map((payload) => ({ ...base, payload, headers: json(base.headers) }));
      const answers = await expectAllRefused(fuzz, probes, stats, `${r.route.key} malformed JSON`);
      for (const answer of answers) expect(answer.statusCode, answer.body).toBe(400);
    }
  });

  it('refuses 10 000 levels of nesting and 10 MB bodies', async () => {
    const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const tenMegabytes = JSON.stringify({ body: 'x'.repeat(10 * 1024 * 1024) });
    for (const r of bodyRoutes()) {
      const base = await probeOf(r);
      const valid = base.payload as string;
      const deepField = `${valid.slice(0, -1)},"nested":${deepObject}}`;
      const probes = [deepArray, deepObject, deepField, tenMegabytes].map((payload) => ({
        ...base,
        payload,
        headers: json(base.headers),
      }));
      const answers = await expectAllRefused(fuzz, probes, stats, `${r.route.key} deep or huge`);
      expect(answers.at(-1)!.statusCode).toBe(413);
    }
    // Bodies on routes that take none are not read into memory without limit either.
    for (const r of routes.filter((x) => x.route.method === 'DELETE')) {
      const base = await probeOf(r, { payload: tenMegabytes });
      const answer = await sendProbe(
        fuzz,
        { ...base, headers: json(base.headers) },
        stats,
        `${r.route.key} 10 MB`,
      );
      expect(answer.statusCode).toBe(413);
    }
  });

  it('survives Unicode edge cases, SQL and markup in every field, path parameter and query value', async () => {
    const values = [...UNICODE_EDGE_CASES, ...SQL_INJECTION, ...PATH_AND_MARKUP];
    for (const [index, r] of routes.entries()) {
      const base = await probeOf(r);
      const body = r.valid.body;
      for (const value of values) {
        if (body) {
          for (const [key, original] of Object.entries(body)) {
            if (typeof original !== 'string') continue;
            const payload = JSON.stringify({ ...body, [key]: value });
            await sendProbe(fuzz, { ...base, payload }, stats, `${r.route.key} body.${key}`);
          }
        }
        // Path parameters and one query parameter per GET route (the first it understands, or
        // one it does not) get a third of the values, a different third for each route.
        const inThird = (values.indexOf(value) + index) % 3 === 0;
        for (const name of inThird ? r.route.params : []) {
          const params = { ...(r.valid.params ?? {}), [name]: value };
          const encoded = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeSegment(v)]));
          const url = fillPath(r.route.url, encoded);
          await sendProbe(fuzz, { ...base, url }, stats, `${r.route.key} :${name}`);
        }
        if (r.route.method === 'GET' && inThird) {
          const key = Object.keys(r.valid.query ?? {})[0] ?? 'q';
          const query = new URLSearchParams({ ...(r.valid.query ?? {}), [key]: value });
          const url = `${base.url.split('?')[0]}?${query}`;
          const answer = await sendProbe(fuzz, { ...base, url }, stats, `${r.route.key} ?${key}`);
          expect(answer.headers['set-cookie']).toBeUndefined();
          for (const header of Object.values(answer.headers)) expect(String(header)).not.toMatch(/[\r\n]/);
        }
      }
      await fuzz.expectAlive();
    }
  }, 120_000);

  it('never lets prototype-pollution keys through, and the process prototype stays clean', async () => {
    const polluting = [
      '{"__proto__":{"memberKind":"employee","isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
    ];
    for (const r of bodyRoutes()) {
      const base = await probeOf(r);
      const valid = (base.payload as string).slice(1);
      const probes = polluting.flatMap((p) => [
        { ...base, payload: p },
        { ...base, payload: `${p.slice(0, -1)},${valid}` },
      ]);
      await expectAllRefused(fuzz, probes, stats, `${r.route.key} prototype keys`);
    }
    for (const r of routes.filter((x) => x.route.method === 'GET')) {
      const base = await probeOf(r);
      const path = base.url.split('?')[0];
      for (const query of [
        '__proto__[isAdmin]=1',
        '__proto__=1',
        'constructor[prototype][isAdmin]=1',
        'hasOwnProperty=1',
      ]) {
        await sendProbe(fuzz, { ...base, url: `${path}?${query}` }, stats, `${r.route.key} ?${query}`);
      }
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).memberKind).toBeUndefined();
  });

  it('refuses huge, truncated, altered, foreign and padded cursors on every listing', async () => {
    const listings = routes.filter((r) => r.valid.query?.cursor !== undefined);
    expect(listings.length).toBe(3);
    for (const r of listings) {
      const base = await probeOf(r);
      const cursor = r.valid.query!.cursor!;
      const foreign = Object.values(fuzz.world.cursors).find((c) => c !== cursor)!;
      const flipped = (i: number) =>
        `${cursor.slice(0, i)}${cursor[i] === 'A' ? 'B' : 'A'}${cursor.slice(i + 1)}`;
      const forged = [
        'x'.repeat(513),
        'A'.repeat(100_000),
        cursor.slice(0, 10),
        cursor.slice(0, -1),
        `${cursor}AA`,
        flipped(0),
        flipped(5),
        flipped(Math.floor(cursor.length / 2)),
        flipped(cursor.length - 1),
        foreign,
        `${cursor}=`,
        cursor.replace(/-/g, '+').replace(/_/g, '/'),
        Buffer.alloc(80).toString('base64url'),
        Buffer.from(cursor, 'base64url').reverse().toString('base64url'),
        '..%2f',
        '-1',
      ];
      const probes = forged.map((c) => ({
        ...base,
        url: `${base.url.split('?')[0]}?${new URLSearchParams({ ...r.valid.query, cursor: c })}`,
      }));
      const answers = await expectAllRefused(fuzz, probes, stats, `${r.route.key} forged cursor`);
      for (const answer of answers)
        expect(JSON.parse(answer.body).error.code).toMatch(/INVALID_CURSOR|INVALID_INPUT/);
    }
  });

  it('refuses forged, altered and mismatched challenge answers', async () => {
    const r = routes.find((x) => x.route.key === 'POST /v1/challenge')!;
    const base = await probeOf(r);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const payload = b64({ r: 'forged', b: 0, k: 'x', e: 8.64e15 });
    const tokens = [
      `c1.${payload}.AAAAAAAAAAAAAAAAAAAAAA`,
      `c1.${payload}.`,
      `c1.${payload}`,
      `p1.${payload}.AAAAAAAAAAAAAAAAAAAAAA`,
      `c1.${payload}.AAAAAAAAAAAAAAAAAAAAAA.extra`,
      `c1.${b64([])}.${'A'.repeat(22)}`,
      `c1.${'%%%'}.${'A'.repeat(22)}`,
      'c1..',
      '.'.repeat(999),
      'c1.'.padEnd(1000, 'A'),
      ...HOSTILE_STRINGS.filter((s) => s.length > 0 && s.length <= 1000),
    ];
    const probes: Probe[] = tokens.map((token) => ({
      ...base,
      payload: JSON.stringify({ token, nonce: 'abc' }),
    }));
    for (const nonce of ['', 'a'.repeat(65), 'ünïcode', 'a b', '../x', '\u0000']) {
      probes.push({ ...base, payload: JSON.stringify({ token: tokens[0], nonce }) });
    }
    probes.push({ ...base, payload: JSON.stringify({ token: tokens[0], nonce: 'a', extra: 1 }) });
    probes.push({ ...base, payload: JSON.stringify({ token: 12, nonce: 'a' }) });
    await expectAllRefused(fuzz, probes, stats, 'forged challenge');
  });

  it('refuses every body in a content type other than JSON', async () => {
    const notJson = CONTENT_TYPES.filter((t) => !/json/.test(t));
    for (const r of bodyRoutes()) {
      const base = await probeOf(r);
      const probes = notJson.map((type) => ({ ...base, headers: { ...base.headers, 'content-type': type } }));
      const answers = await expectAllRefused(fuzz, probes, stats, `${r.route.key} content type`);
      // text/plain has Fastify's own parser: the text arrives and the schema says an object is needed.
      for (const [i, answer] of answers.entries()) {
        expect(answer.statusCode, `${notJson[i]}: ${answer.body}`).toBe(
          notJson[i] === 'text/plain' ? 400 : 415,
        );
      }
      // Without a content type the body is not read at all: the route says it is missing.
      const untyped = Object.fromEntries(Object.entries(base.headers).filter(([k]) => k !== 'content-type'));
      await expectAllRefused(fuzz, [{ ...base, headers: untyped }], stats, `${r.route.key} untyped body`);
    }
  });

  it('survives huge query strings on every GET route', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `p${i}=${i}`).join('&');
    const long = `q=${'a'.repeat(1_000_000)}`;
    const repeated = Array.from({ length: 2_000 }, () => 'limit=1').join('&');
    for (const r of routes.filter((x) => x.route.method === 'GET')) {
      const base = await probeOf(r);
      const path = base.url.split('?')[0];
      for (const query of [many, long, repeated]) {
        await sendProbe(fuzz, { ...base, url: `${path}?${query}` }, stats, `${r.route.key} huge query`);
      }
    }
    await fuzz.expectAlive();
  });

  it('serves nothing outside the static roots, however the path is spelled', async () => {
    const traversals = [
      '../../../../package.json',
      '..%2f..%2f..%2f..%2fpackage.json',
      '%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '..%252f..%252fpackage.json',
      '..%5c..%5c..%5cpackage.json',
      '....//....//package.json',
      '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '..%c0%af..%c0%afetc/passwd',
      'charts.js%00.png',
      '%00',
      '/etc/passwd',
      '%2fetc%2fpasswd',
      '.env',
    ];
    const roots = [
      '/dashboards/vendor/',
      '/dashboards/assets/',
      '/docs/static/',
      '/docs/',
      '/dashboards/',
      '/',
    ];
    const probes = roots.flatMap((root) =>
      traversals.map((t) => ({
        method: 'GET' as const,
        url: `${root}${t}`,
        headers: fuzz.callers.anonymous,
      })),
    );
    const answers = await expectAllRefused(fuzz, probes, stats, 'path traversal');
    for (const answer of answers) {
      expect(answer.body).not.toMatch(/"name": "watercooler"|root:x:0:0|CURSOR_SECRET|loadConfig/);
    }
  });
});
