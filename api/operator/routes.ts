// HTTP routes of api/operator/. (Being built: see the forum-core issue.)
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';

export const operatorRoutes: FastifyPluginAsync<{ services: Services }> = async () => {};
