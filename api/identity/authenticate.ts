// Reads "Authorization: Bearer <token>" once per request and sets request.account (or null).
// Routes that need a person add `preHandler: app.requireAccount`. Operator routes are not for
// people: their Bearer token is the operator token, which require-operator.ts checks instead.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthorized } from '../errors.ts';
import type { Services } from '../services.ts';
import { resolveSession, type SessionAccount } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    account: SessionAccount | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    requireAccount: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const BEARER = /^Bearer\s+(wc_[A-Za-z0-9_-]{43})$/;

const plugin: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.decorateRequest('account', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header || request.routeOptions.config?.routeClass === 'operator') return;
    const match = BEARER.exec(header);
    if (!match)
      throw unauthorized(
        'The Authorization header must be "Bearer <token>" with a token from /v1/auth/login.',
      );
    const account = await resolveSession(services.db, services.clock, match[1]!);
    if (!account)
      throw unauthorized('This session has expired or was signed out. Sign in again at /v1/auth/login.');
    request.account = account;
    request.sessionToken = match[1]!;
  });
  app.decorate('requireAccount', async (request: FastifyRequest) => {
    if (!request.account) throw unauthorized();
  });
};

export const authenticate = fp(plugin, { name: 'authenticate' });
