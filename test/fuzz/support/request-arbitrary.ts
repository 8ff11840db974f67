// fast-check arbitraries for whole requests to one route, grown from its valid request: each run
// keeps most of what makes the request reach the handler (caller, ids, fields) and breaks one or
// a few things — a path parameter, the query, a body field, the body itself, the content type,
// a header — with generated or hand-picked hostile values.
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import type { CallerName } from './fuzz-app.ts';
import { CONTENT_TYPES, HOSTILE_STRINGS, PROTOTYPE_KEYS } from './hostile-inputs.ts';
import { encodeSegment, fillPath, queryString, type ValidRequest } from './route-catalog.ts';
import type { RouteEntry } from './route-table.ts';

export interface FuzzedRequest {
  method: HTTPMethods;
  caller: CallerName | 'fresh';
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const hostile = fc.constantFrom(...HOSTILE_STRINGS);
/** Text of any kind: every code point (lone surrogates included), graphemes, or a hostile pick. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hostile,
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyText, fc.double(), fc.integer());
/** Printable ASCII, what a header value may carry (CR, LF and bytes above 0x7f go over raw sockets). */
const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 80 })
  .map((s) => s.replace(/[^\x20-\x7e]/g, ''));

/** An object with `key` as an own, enumerable property, even "__proto__". */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function bodyArbitrary(valid: ValidRequest): fc.Arbitrary<string | undefined> {
  const base = valid.body ?? {};
  const keys = Object.keys(base);
  const objects: fc.Arbitrary<unknown>[] = [
    fc.constant(base),
    fc
      .tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), anyText), anyJson)
      .map(([k, v]) => withKey(base, k, v)),
    anyJson,
    fc.dictionary(anyText, anyJson, { maxKeys: 4 }),
  ];
  if (keys.length > 0) {
    objects.push(
      fc.tuple(fc.constantFrom(...keys), anyJson).map(([k, v]) => withKey(base, k, v)),
      fc.constantFrom(...keys).map((k) => {
        const { [k]: _dropped, ...rest } = base;
        return rest;
      }),
    );
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...objects).map((value) => JSON.stringify(value) ?? 'null') },
    // Malformed: a valid body cut short, or any text at all.
    {
      weight: 1,
      arbitrary: fc.nat().map((n) => JSON.stringify(base).slice(0, n % (JSON.stringify(base).length + 1))),
    },
    { weight: 1, arbitrary: anyText },
    { weight: valid.body ? 0 : 3, arbitrary: fc.constant(undefined) },
  );
}

function queryArbitrary(valid: ValidRequest): fc.Arbitrary<[string, string][]> {
  const validPairs = Object.entries(valid.query ?? {});
  const knownKeys = [
    ...new Set([...validPairs.map(([k]) => k), 'limit', 'cursor', 'format', 'hours', ...PROTOTYPE_KEYS]),
  ];
  const pair = fc.tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...knownKeys) }, { weight: 1, arbitrary: anyText }),
    fc.oneof(anyText, fc.integer().map(String)),
  );
  return fc.oneof(
    fc.constant(validPairs),
    fc.array(pair, { maxLength: 4 }).map((extra) => [...validPairs, ...extra]),
    fc.array(pair, { maxLength: 4 }),
    fc
      .tuple(fc.nat(), pair)
      .map(([i, p]) => validPairs.map((v, j) => (j === i % Math.max(1, validPairs.length) ? p : v))),
  );
}

function paramArbitrary(route: RouteEntry, valid: ValidRequest): fc.Arbitrary<Record<string, string>> {
  const entries = route.params.map((name) => {
    const good = valid.params?.[name] ?? 'x';
    return fc
      .oneof(
        { weight: 3, arbitrary: fc.constant(good) },
        { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
        { weight: 2, arbitrary: anyText.filter((s) => s.length > 0) },
      )
      .map((value) => [name, encodeSegment(value)] as const);
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs));
}

const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'x-watercooler-pass',
    'x-deletion-receipt',
    'authorization',
    'x-operator-token',
    'if-none-match',
    'accept',
    'x-forwarded-for',
    'accept-language',
    'user-agent',
  ),
  fc.oneof(
    headerText,
    fc.constant('p1.e30.AAAAAAAAAAAAAAAAAAAAAA'),
    fc.constant('Bearer wc_' + 'A'.repeat(43)),
  ),
  { maxKeys: 2 },
);

export function requestArbitrary(route: RouteEntry, valid: ValidRequest): fc.Arbitrary<FuzzedRequest> {
  const callers: (CallerName | 'fresh')[] =
    valid.caller === 'fresh'
      ? ['fresh', 'anonymous']
      : [valid.caller, valid.caller, 'anonymous', 'member', 'operator'];
  return fc
    .record({
      caller: fc.constantFrom(...callers),
      params: paramArbitrary(route, valid),
      query: queryArbitrary(valid),
      body: bodyArbitrary(valid),
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/json') },
        fc.constantFrom(...CONTENT_TYPES),
      ),
      headers: extraHeaders,
      head: fc.boolean(),
    })
    .map(({ caller, params, query, body, contentType, headers, head }) => {
      const all: Record<string, string> = { ...(valid.headers ?? {}), ...headers };
      if (body !== undefined) all['content-type'] = contentType;
      return {
        method: route.method === 'GET' && head ? 'HEAD' : route.method,
        caller,
        url: `${fillPath(route.url, params)}${queryString(query)}`,
        headers: all,
        payload: body,
      };
    });
}
