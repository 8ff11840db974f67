// HTTP routes of api/identity/. (Being built: see the forum-core issue.)
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';

export const identityRoutes: FastifyPluginAsync<{ services: Services }> = async () => {};
