// A built app on test services, driven with app.inject().
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/server.ts';
import { openTestServices, type TestServices } from './services.ts';

export interface TestApp {
  app: FastifyInstance;
  services: TestServices;
  close(): Promise<void>;
}

/**
 * Feature tests run with the scraper defence in monitor mode (it records, never acts): an
 * app.inject() client looks like a bot on purpose. test/api/protection tests it enforcing.
 */
export async function openTestApp(
  env: Record<string, string> = {},
  options: Parameters<typeof openTestServices>[1] = {},
): Promise<TestApp> {
  const services = await openTestServices({ PROTECTION_MODE: 'monitor', ...env }, options);
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
