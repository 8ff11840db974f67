// The composition root: buildApp(services) wires every plugin onto one Fastify instance.
// Tests drive it with app.inject(); main.ts gives it a port.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { dashboardRoutes } from '../dashboards/routes.ts';
import { companiesRoutes } from './companies/routes.ts';
import { unavailable } from './errors.ts';
import { answerClientError, answerFrameworkError, installErrorHandling } from './http/error-handler.ts';
import './http/route-context.ts';
import { utf8JsonParser, validatorCompiler } from './http/validation.ts';
import { authenticate } from './identity/authenticate.ts';
import { identityRoutes } from './identity/routes.ts';
import { forumRoutes } from './forum/routes.ts';
import { operatorRoutes } from './operator/routes.ts';
import { protection } from './protection/index.ts';
import { salariesRoutes } from './salaries/routes.ts';
import type { Services } from './services.ts';

export interface BuildOptions {
  /** Pino logger options, or false for silence (tests). */
  logger?: boolean | object;
}

export async function buildApp(services: Services, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: 64 * 1024,
    // X-Forwarded-For is believed only from the proxies listed in TRUST_PROXY.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    // Request ids are per-process counters; never echo them to clients (they would be a sequence).
    requestIdHeader: false,
    // While closing, the hook below answers instead (the API's error shape, with Retry-After).
    return503OnClosing: false,
    routerOptions: { maxParamLength: 200 },
    // What fails before routing or below HTTP answers in the same {"error":{"code","message"}} shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  // JSON bodies must be valid UTF-8: a broken byte is refused, not stored as U+FFFD.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    utf8JsonParser(app.getDefaultJsonParser('error', 'error')),
  );
  installErrorHandling(app);
  // During a graceful stop (SIGTERM), requests still arriving on kept-alive connections get the
  // API's 503 with Retry-After and "Connection: close", so clients retry a moment later or elsewhere.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw unavailable('This server is restarting. Try again in a moment.', 1);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Watercooler API',
        version: '0.1.0',
        description:
          'Anonymous workplace forum: per-thread aliases, no author history, forgetting on schedule.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('pageDepth', null);

  app.get(
    '/health',
    { schema: { hide: true }, config: { routeClass: 'public' } },
    async (_request, reply) => {
      try {
        await services.db.query('SELECT 1');
        return { status: 'ok', database: services.db.kind };
      } catch {
        reply.status(503).header('retry-after', '5');
        return { status: 'unavailable', database: services.db.kind };
      }
    },
  );

  await app.register(authenticate, { services });
  await app.register(protection, { services });
  await app.register(identityRoutes, { services, prefix: '/v1' });
  await app.register(companiesRoutes, { services, prefix: '/v1' });
  await app.register(forumRoutes, { services, prefix: '/v1' });
  await app.register(salariesRoutes, { services, prefix: '/v1' });
  await app.register(operatorRoutes, { services, prefix: '/v1/operator' });
  await app.register(dashboardRoutes, { services });
  return app;
}
