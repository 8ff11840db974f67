// A Fastify app wired like server.ts (authenticate, then protection, then routes) but with small
// stand-in routes of each route class, so the protection tests do not depend on the forum's code.
// The stand-ins behave like the forum's contract: listings set request.pageDepth and show canary
// threads as "placeholder" items; a thread view is one read.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { installErrorHandling } from '../../../api/http/error-handler.ts';
import '../../../api/http/route-context.ts';
import { validatorCompiler } from '../../../api/http/validation.ts';
import { authenticate } from '../../../api/identity/authenticate.ts';
import { operatorRoutes } from '../../../api/operator/routes.ts';
import { protection, type ProtectionOptions } from '../../../api/protection/index.ts';
import { loadPolicy, type Policy, validatePolicy } from '../../../api/protection/policy.ts';
import type { Services } from '../../../api/services.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

export const PAGE_SIZE = 50;
export const MAX_PAGE = 10;

const standIns: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { db } = services;
  app.get<{ Querystring: { page?: number } }>(
    '/threads',
    {
      config: { routeClass: 'list' },
      preHandler: app.requireAccount,
      schema: {
        querystring: {
          type: 'object',
          properties: { page: { type: 'integer', minimum: 1, maximum: MAX_PAGE } },
        },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      request.pageDepth = page;
      const { rows } = await db.query<{ id: string; title: string; is_canary: boolean }>(
        'SELECT id, title, is_canary FROM threads ORDER BY last_post_at DESC, id LIMIT $1 OFFSET $2',
        [PAGE_SIZE + 1, (page - 1) * PAGE_SIZE],
      );
      return {
        items: rows.slice(0, PAGE_SIZE).map((row) => ({
          id: row.id,
          title: row.title,
          kind: row.is_canary ? 'placeholder' : 'thread',
        })),
        nextPage: rows.length > PAGE_SIZE && page < MAX_PAGE ? page + 1 : null,
      };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/threads/:id',
    { config: { routeClass: 'read' }, preHandler: app.requireAccount },
    async (request, reply) => {
      const { rows } = await db.query<{ id: string; title: string }>(
        'SELECT id, title FROM threads WHERE id = $1',
        [request.params.id],
      );
      if (!rows[0])
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such thread.' } });
      return rows[0];
    },
  );
  app.post<{ Params: { id: string } }>(
    '/threads/:id/posts',
    { config: { routeClass: 'write' }, preHandler: app.requireAccount },
    async (_request, reply) => reply.status(201).send({ status: 'posted' }),
  );
  app.post<{ Body: { email: string; password: string } }>(
    '/auth/login',
    {
      config: { routeClass: 'auth' },
      schema: {
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email: { type: 'string' }, password: { type: 'string' } },
        },
      },
    },
    async (request, reply) =>
      request.body.password === 'right'
        ? { token: 'issued' }
        : reply.status(401).send({ error: { code: 'WRONG_CREDENTIALS', message: 'No.' } }),
  );
  app.get('/me', { config: { routeClass: 'account' }, preHandler: app.requireAccount }, async () => ({
    ok: true,
  }));
  // What the protection layers made of this request (tests only).
  app.get('/whoami', { config: { routeClass: 'public' } }, async (request) => ({
    networkKey: request.protection?.networkKey,
    fingerprintId: request.protection?.fingerprintId,
    accountTag: request.protection?.accountTag,
  }));
};

export interface ProtectedApp {
  app: FastifyInstance;
  services: TestServices;
  close(): Promise<void>;
}

export interface ProtectedAppOptions {
  /** Changes to the default policy; 'config' reads the file config.protectionPolicyPath names, like the server. */
  policy?: ((draft: Policy) => void) | 'config';
  mode?: 'enforce' | 'monitor';
  /** Use TEST_REDIS_URL when set (default true); a URL forces that one. */
  redis?: boolean | string;
  /** Share another app's services (two instances of one deployment). */
  services?: TestServices;
  redisKeyPrefix?: string;
  env?: Record<string, string>;
  canaries?: boolean;
}

export function testPolicy(edit?: (draft: Policy) => void): Policy {
  const draft = structuredClone(loadPolicy(undefined)) as Policy;
  edit?.(draft);
  return validatePolicy(draft, 'test policy');
}

export const uniquePrefix = () => `wc:test:${randomBytes(6).toString('hex')}:`;

export async function openProtectedApp(options: ProtectedAppOptions = {}): Promise<ProtectedApp> {
  const ownServices = !options.services;
  const services = options.services ?? (await openTestServices(options.env ?? {}));
  const redisUrl =
    typeof options.redis === 'string'
      ? options.redis
      : options.redis === false
        ? null
        : (process.env.TEST_REDIS_URL ?? null);
  const app = Fastify({
    logger: false,
    trustProxy: services.config.trustProxy.length > 0 ? [...services.config.trustProxy] : false,
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);
  app.decorateRequest('pageDepth', null);
  await app.register(authenticate, { services });
  const protectionOptions: ProtectionOptions = {
    services,
    policy: options.policy === 'config' ? undefined : testPolicy(options.policy),
    mode: options.mode ?? 'enforce',
    redisUrl,
    redisKeyPrefix: options.redisKeyPrefix ?? uniquePrefix(),
    canaries: options.canaries,
  };
  await app.register(protection, protectionOptions);
  await app.register(standIns, { services, prefix: '/v1' });
  await app.register(operatorRoutes, { services, prefix: '/v1/operator' });
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      if (ownServices) await services.close();
    },
  };
}
