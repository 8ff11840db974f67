// Companies: GET /v1/companies and the operator's POST /v1/operator/companies. (Being built.)
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';

export const companiesRoutes: FastifyPluginAsync<{ services: Services }> = async () => {};
