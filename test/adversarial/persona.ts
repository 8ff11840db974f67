// What every persona module builds: a named row of the report (scraper or human, with its goal),
// the tally its clients share, and the actors the scheduler starts.
import { createAccount, type TestAccount } from '../support/personas.ts';
import type { SimulationServer } from './harness.ts';
import type { Transport } from './http-client.ts';
import type { Actor } from './scheduler.ts';
import type { Tally } from './tally.ts';

export interface PersonaRun {
  name: string;
  kind: 'scraper' | 'human';
  /** Scrapers: the largest share of the corpus it may harvest in the simulated day. */
  maxShare?: number;
  tally: Tally;
  starts: { at: number; actor: Actor }[];
  /** Extra findings for the report (CPU per post, linking accuracy), and the same as numbers. */
  notes?: () => string;
  figures?: () => Record<string, number>;
  /** Work after the run (closing a browser). */
  finish?: () => Promise<void>;
}

export interface SimContext {
  server: SimulationServer;
  transport: Transport;
  /** Simulated start and end, ms since the epoch. */
  start: number;
  end: number;
  random: () => number;
  account(options: Parameters<typeof createAccount>[2]): Promise<TestAccount>;
  /** A company id by slug (for employee accounts). */
  companyId(slug: string): Promise<string>;
}

export function makeAccountFactory(server: SimulationServer): SimContext['account'] {
  return (options) => createAccount(server.services.db, server.services.clock, options);
}
