// HTTP routes of api/forum/. (Being built: see the forum-core issue.)
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';

export const forumRoutes: FastifyPluginAsync<{ services: Services }> = async () => {};
