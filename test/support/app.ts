// A built app on test services, driven with app.inject().
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server.ts';
import { openTestServices, type TestServices } from './services.ts';

export interface TestApp {
  app: FastifyInstance;
  services: TestServices;
  close(): Promise<void>;
}

export async function openTestApp(
  env: Record<string, string> = {},
  options: Parameters<typeof openTestServices>[1] = {},
): Promise<TestApp> {
  const services = await openTestServices(env, options);
  const app = await buildApp(services, { logger: false });
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      await services.close();
    },
  };
}
