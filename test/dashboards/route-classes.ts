// Builds the app on test services and records, for every answered request, the routeClass its
// route declared: so tests can check dashboards and data routes say 'public' and operator data
// says 'operator' (the protection layers budget by it).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server.ts';
import { openTestServices, type TestServices } from '../support/services.ts';

export interface RecordingApp {
  app: FastifyInstance;
  services: TestServices;
  /** "GET /v1/data/:table" → "public" */
  routeClasses: Map<string, string | undefined>;
  close(): Promise<void>;
}

export async function openRecordingApp(env: Record<string, string>): Promise<RecordingApp> {
  const services = await openTestServices(env);
  const app = await buildApp(services, { logger: false });
  const routeClasses = new Map<string, string | undefined>();
  app.addHook('onResponse', async (request) => {
    routeClasses.set(`${request.method} ${request.routeOptions.url}`, request.routeOptions.config.routeClass);
  });
  await app.ready();
  return {
    app,
    services,
    routeClasses,
    async close() {
      await app.close();
      await services.close();
    },
  };
}
