// Scripts and styles the pages load, all from this server so dashboards work with no internet:
// vega, vega-lite, vega-embed and apache-arrow browser builds straight from node_modules, and
// the page scripts in dashboards/public. Read once at start-up; served with ETag and caching.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../api/errors.ts';
import { matchesEtag } from './data/routes.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Served name → package and file inside it (UMD builds that set window globals). */
export const VENDOR_FILES: Record<string, readonly [string, string]> = {
  'vega.min.js': ['vega', 'build/vega.min.js'],
  'vega-lite.min.js': ['vega-lite', 'build/vega-lite.min.js'],
  'vega-embed.min.js': ['vega-embed', 'build/vega-embed.min.js'],
  'apache-arrow.min.js': ['apache-arrow', 'Arrow.es2015.min.js'],
};

const ASSET_FILES = ['dashboard.css', 'charts.js', 'researcher.js', 'operator.js'];

interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/** Finds node_modules/<pkg>/<file> the way Node does: from this folder upwards. */
export function findPackageFile(pkg: string, file: string, from = HERE): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find ${pkg}/${file} in any node_modules above ${from}.`);
    dir = parent;
  }
}

function load(path: string): StaticFile {
  const body = readFileSync(path);
  const type = path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

export function registerStaticRoutes(app: FastifyInstance): void {
  const vendor = new Map<string, StaticFile>();
  for (const [name, [pkg, file]] of Object.entries(VENDOR_FILES))
    vendor.set(name, load(findPackageFile(pkg, file)));
  const assets = new Map(ASSET_FILES.map((name) => [name, load(join(HERE, 'public', name))]));

  const serve =
    (files: Map<string, StaticFile>, what: string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const name = (request.params as { file: string }).file;
      const file = files.get(name);
      if (!file) {
        throw new AppError(
          404,
          'NOT_FOUND',
          `There is no ${what} "${name.slice(0, 64)}". Available: ${[...files.keys()].join(', ')}.`,
        );
      }
      reply
        .header('etag', file.etag)
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff');
      if (matchesEtag(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
      return reply.type(file.type).send(file.body);
    };

  const params = Type.Object({ file: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
  app.get(
    '/dashboards/vendor/:file',
    {
      config: { routeClass: 'public' },
      schema: {
        tags: ['dashboards'],
        summary: 'Chart libraries (vega, vega-lite, vega-embed, apache-arrow), served locally',
        params,
      },
    },
    serve(vendor, 'vendor file'),
  );
  app.get(
    '/dashboards/assets/:file',
    {
      config: { routeClass: 'public' },
      schema: { tags: ['dashboards'], summary: 'Dashboard page scripts and styles', params },
    },
    serve(assets, 'dashboard asset'),
  );
}
