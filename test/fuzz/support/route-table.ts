// The routes of a built app, read from its own router (printRoutes), so a route added anywhere is
// fuzzed without anyone listing it. HEAD is left out: Fastify answers it with the GET handler.
// find-my-way prints a wildcard as a bare "*" under its parent, dropping the static part between
// (for "/docs/static/*" it prints "*" under "/docs/"): the static prefixes of its siblings are
// tried, and the router (hasRoute) says which one it is.
import type { FastifyInstance, HTTPMethods } from 'fastify';

export interface RouteEntry {
  method: HTTPMethods;
  /** As registered: "/v1/threads/:id", "/docs/*". */
  url: string;
  /** "GET /v1/threads/:id": the key of route-catalog.ts. */
  key: string;
  /** Names of the path parameters, "*" for a wildcard. */
  params: string[];
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?) \(([A-Z, ]+)\)$/;

/** Every (method, url) the app answers, in router order. */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const siblings: string[][] = [];
  const routes: RouteEntry[] = [];
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    siblings.length = depth + 1;
    siblings[depth] ??= [];
    siblings[depth].push(match[2]!);
    stack.push(match[2]!);
    const methods = (match[3]!.split(', ') as HTTPMethods[]).filter((m) => m !== 'HEAD');
    const url = match[2] === '*' ? wildcardUrl(app, stack, siblings[depth], methods[0]!) : stack.join('');
    for (const method of methods) {
      const params = [...url.matchAll(/:([A-Za-z_]+)|\*/g)].map((m) => m[1] ?? '*');
      routes.push({ method, url, key: `${method} ${url}`, params });
    }
  }
  return routes;
}

function wildcardUrl(app: FastifyInstance, stack: string[], siblings: string[], method: HTTPMethods): string {
  const parent = stack.slice(0, -1).join('');
  const prefixes = ['', ...new Set(siblings.map((s) => s.slice(0, s.lastIndexOf('/') + 1)).filter(Boolean))];
  const found = prefixes.map((p) => `${parent}${p}*`).find((url) => app.hasRoute({ method, url }));
  return found ?? `${parent}*`;
}
