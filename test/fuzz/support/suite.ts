// One fuzz app per test file: opened before its tests, closed after, with the file's tally printed.
import { afterAll, beforeAll } from 'vitest';
import { type FuzzApp, openFuzzApp } from './fuzz-app.ts';
import { newStats, type ProbeStats, summarise } from './probe.ts';
import { type RouteEntry, routeTable } from './route-table.ts';

export interface FuzzSuite {
  fuzz: FuzzApp;
  /** Every route of the app, read from its router. */
  routes: RouteEntry[];
  stats: ProbeStats;
}

/** Call inside describe(); the fields are filled in beforeAll. */
export function useFuzzSuite(name: string): FuzzSuite {
  const suite = { stats: newStats() } as FuzzSuite;
  beforeAll(async () => {
    suite.fuzz = await openFuzzApp();
    suite.routes = routeTable(suite.fuzz.app);
  }, 120_000);
  afterAll(async () => {
    console.log(summarise(name, suite.stats));
    await suite.fuzz?.close();
  });
  return suite;
}
