// The system under attack: the real server (buildApp on test services) with the scraper defence
// enforcing, a fresh PostgreSQL database (TEST_DATABASE_URL; PGlite without it), real Redis
// (TEST_REDIS_URL) for the counters, a ManualClock, and TRUST_PROXY set to the loopback so each
// simulated client presents its own address in X-Forwarded-For. The corpus is the demo generator's
// forum (corpus.ts), written before the server starts, ending at the simulation's start.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../api/server.ts';
import { openTestServices, type TestServices } from '../support/services.ts';
import { type Corpus, type CorpusOptions, corpusGenesis, readCorpus, seedCorpus } from './corpus.ts';

export interface SimulationServer {
  baseUrl: string;
  app: FastifyInstance;
  services: TestServices;
  corpus: Corpus;
  redis: boolean;
  close(): Promise<void>;
}

/** Midnight UTC, so the simulated day is one read-quota day. */
const SIMULATION_START = '2026-03-02T00:00:00Z';

export async function openSimulationServer(options: CorpusOptions): Promise<SimulationServer> {
  const start = new Date(SIMULATION_START);
  const redisUrl = process.env.TEST_REDIS_URL;
  const services = await openTestServices(
    {
      PROTECTION_MODE: 'enforce',
      TRUST_PROXY: '127.0.0.1',
      // A prefix of this run's own: its counters never meet another run's or a test's.
      ...(redisUrl
        ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `wc:sim:${randomBytes(6).toString('hex')}:` }
        : {}),
    },
    { start, genesis: corpusGenesis(start, options) },
  );
  try {
    await seedCorpus(services, options);
    const app = await buildApp(services, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const corpus = await readCorpus(services.db);
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      app,
      services,
      corpus,
      redis: redisUrl !== undefined,
      async close() {
        await app.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
