// Dashboard pages and the data API over published tables. (Being built: see the dashboards issue.)
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../api/services.ts';

export const dashboardRoutes: FastifyPluginAsync<{ services: Services }> = async () => {};
