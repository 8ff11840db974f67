// HTTP routes of api/salaries/. (Being built: see the forum-core issue.)
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';

export const salariesRoutes: FastifyPluginAsync<{ services: Services }> = async () => {};
