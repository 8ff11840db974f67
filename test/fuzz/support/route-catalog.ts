// One valid request per route: who may call it, with which parameters, query and body, and the
// status it answers. The fuzzers start from these (so hostile input reaches the handler behind
// auth and validation, not only the 401 in front of it) and routes.test.ts fails when a route of
// the app has no entry here, or an entry names a route that no longer exists.
import type { CallerName, FuzzWorld } from './fuzz-app.ts';

export interface ValidRequest {
  /** "fresh": a new signed-in member, for routes that end the caller's session or account. */
  caller: CallerName | 'fresh';
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  status: number;
}

type Maker = (world: FuzzWorld) => ValidRequest | Promise<ValidRequest>;

const get =
  (caller: CallerName, status = 200, query?: Record<string, string>): Maker =>
  () => ({
    caller,
    status,
    query,
  });

let slugSerial = 0;
const HEX32 = 'ab'.repeat(16);

export const ROUTE_CATALOG: Record<string, Maker> = {
  'GET /docs': get('anonymous'),
  'GET /docs/': get('anonymous'),
  'GET /docs/static/index.html': get('anonymous', 302),
  'GET /docs/static/swagger-initializer.js': get('anonymous'),
  'GET /docs/static/*': () => ({ caller: 'anonymous', params: { '*': 'swagger-ui.css' }, status: 200 }),
  'GET /docs/json': get('anonymous'),
  'GET /docs/yaml': get('anonymous'),
  'GET /dashboards': get('anonymous'),
  'GET /dashboards/salaries': get('anonymous', 200, { family: 'engineering' }),
  'GET /dashboards/salaries/model.json': get('anonymous', 200, { company: 'acme' }),
  'GET /dashboards/sentiment': get('anonymous', 200, { company: 'acme' }),
  'GET /dashboards/sentiment/model.json': get('anonymous'),
  'GET /dashboards/operator': get('anonymous'),
  'GET /dashboards/operator/model.json': get('operator'),
  'GET /dashboards/vendor/:file': () => ({
    caller: 'anonymous',
    params: { file: 'vega.min.js' },
    status: 200,
  }),
  'GET /dashboards/assets/:file': () => ({ caller: 'anonymous', params: { file: 'charts.js' }, status: 200 }),
  'GET /health': get('anonymous'),
  'GET /robots.txt': get('anonymous'),
  // Honeypots: listed only in robots.txt, answering like an unknown path.
  'GET /v1/archive/threads': get('anonymous', 404),
  'GET /v1/posts/bulk': get('anonymous', 404),
  'POST /v1/auth/register': () => ({
    caller: 'anonymous',
    body: { email: `fuzz${++slugSerial}@acme.example`, password: 'correct horse battery' },
    status: 202,
  }),
  'POST /v1/auth/verify': async (world) => ({
    caller: 'anonymous',
    body: await world.newCode(),
    status: 201,
  }),
  'POST /v1/auth/login': async (world) => ({
    caller: 'anonymous',
    body: await world.newSignUp(),
    status: 200,
  }),
  'POST /v1/auth/logout': () => ({ caller: 'fresh', status: 204 }),
  'POST /v1/auth/password-reset': () => ({
    caller: 'anonymous',
    body: { email: `fuzz${++slugSerial}@acme.example` },
    status: 202,
  }),
  'POST /v1/auth/password-reset/confirm': async (world) => ({
    caller: 'anonymous',
    body: { ...(await world.newResetCode()), password: 'a brand new horse' },
    status: 200,
  }),
  'DELETE /v1/posts/:id': async (world) => {
    const post = await world.newPost();
    return {
      caller: 'anonymous',
      params: { id: post.id },
      headers: { 'x-deletion-receipt': post.receipt },
      status: 204,
    };
  },
  'POST /v1/posts/:id/report': (world) => ({
    caller: 'member',
    params: { id: world.postId },
    body: { reason: 'spam', note: 'Looks like an advert.' },
    status: 202,
  }),
  'POST /v1/challenge': () => ({
    // Monitor mode never challenges, so the valid shape of an answer is refused as not ours.
    caller: 'anonymous',
    body: { token: 'c1.e30.AAAAAAAAAAAAAAAAAAAAAA', nonce: 'abc' },
    status: 400,
  }),
  'GET /v1/companies': get('anonymous'),
  'GET /v1/me': get('member'),
  'DELETE /v1/me': () => ({ caller: 'fresh', status: 204 }),
  'GET /v1/me/posts': (world) => ({
    caller: 'employee',
    query: { limit: '1', cursor: world.cursors.myPosts },
    status: 200,
  }),
  'GET /v1/me/salaries': get('employee'),
  'DELETE /v1/me/salaries/:id': async (world) => ({
    caller: 'employee',
    params: { id: await world.newSalary() },
    status: 204,
  }),
  'POST /v1/operator/companies': () => ({
    caller: 'operator',
    body: { slug: `fuzz-co-${++slugSerial}`, name: 'Fuzz Co', domains: [`fuzz${slugSerial}.example`] },
    status: 201,
  }),
  'GET /v1/operator/bot-events': get('operator', 200, { limit: '5', decision: 'challenge' }),
  'GET /v1/operator/bot-events/summary': get('operator', 200, { hours: '2' }),
  'GET /v1/operator/bot-events/top': get('operator', 200, { hours: '2', limit: '3' }),
  'GET /v1/operator/allow-list': get('operator'),
  'POST /v1/operator/allow-list': () => ({
    caller: 'operator',
    body: { kind: 'fingerprint', value: HEX32, note: 'our uptime probe' },
    status: 201,
  }),
  'DELETE /v1/operator/allow-list/:kind/:value': () => ({
    caller: 'operator',
    params: { kind: 'fingerprint', value: HEX32 },
    status: 204,
  }),
  'GET /v1/operator/protection/policy': get('operator'),
  'GET /v1/threads': (world) => ({
    caller: 'member',
    query: { company: world.companySlug, limit: '1', cursor: world.cursors.threads },
    status: 200,
  }),
  'POST /v1/threads': () => ({
    caller: 'employee',
    body: { title: 'Four-day weeks', body: 'Has anyone tried them?', company: 'acme', hideEmployer: true },
    status: 201,
  }),
  'GET /v1/threads/:id': (world) => ({
    caller: 'member',
    params: { id: world.threadId },
    query: { limit: '1', cursor: world.cursors.threadPosts },
    status: 200,
  }),
  'POST /v1/threads/:id/posts': (world) => ({
    caller: 'member',
    params: { id: world.threadId },
    body: { body: 'Same here.', hideEmployer: false },
    status: 201,
  }),
  'POST /v1/salaries': () => ({
    caller: 'employee',
    body: {
      jobFamily: 'product',
      level: 'L5',
      city: 'Shanghai',
      yearsExperience: 7,
      base: 500_000,
      bonus: 50_000,
      equity: 0,
      currency: 'CNY',
      year: 2025,
    },
    status: 201,
  }),
  'GET /v1/data': get('anonymous'),
  'GET /v1/data/pub_bot_decisions_hourly': get('operator', 200, { format: 'csv' }),
  'GET /v1/data/:table': () => ({
    caller: 'anonymous',
    params: { table: 'pub_salary_by_company' },
    query: { company_slug: 'acme', format: 'csv' },
    status: 200,
  }),
  'GET /metrics': get('anonymous'),
};

/** Percent-encodes UTF-8 (lone surrogates become U+FFFD, as any client's encoder would send them). */
export function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** "/v1/threads/:id" with { id } → "/v1/threads/abc"; values are inserted as given (already encoded). */
export function fillPath(url: string, params: Record<string, string>): string {
  return url.replace(/:([A-Za-z_]+)|\*/g, (whole, name: string | undefined) => params[name ?? '*'] ?? whole);
}

/** A query string from pairs, each key and value percent-encoded; a pair may repeat a key. */
export function queryString(pairs: readonly (readonly [string, string])[]): string {
  return pairs.length === 0
    ? ''
    : `?${pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')}`;
}
