// The adversarial simulation at reduced size (fewer people, the same scrapers and corpus size):
// every scraper harvests at most its share of the corpus in a simulated day, no person is blocked
// or challenged on more than 0.5% of their requests, and no answer is a 5xx.
// `npm run adversarial` runs it at full size and writes RESULTS.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUMAN_MAX_CHALLENGED, type PersonaResult } from './report.ts';
import { REDUCED, runSimulation, type SimulationReport } from './simulation.ts';

describe('adversarial scraper simulation (reduced size)', { timeout: 300_000 }, () => {
  let report: SimulationReport;
  beforeAll(async () => {
    report = await runSimulation(REDUCED);
  }, 300_000);
  afterAll(() => {
    // The table helps whoever reads a failure.
    console.info(report?.results.map((r) => `${r.name}: ${(r.share * 100).toFixed(2)}%`).join('\n'));
  });

  const byKind = (kind: PersonaResult['kind']) => report.results.filter((r) => r.kind === kind);

  it('runs every persona through the simulated day against the whole corpus', () => {
    expect(report.corpus.posts).toBe(REDUCED.posts * (1 + REDUCED.copies));
    expect(byKind('scraper').length).toBe(8);
    expect(byKind('human').length).toBe(4);
    for (const result of report.results) expect(result.requests, result.name).toBeGreaterThan(0);
  });

  it('no answer to anyone is a 5xx or a 401', () => {
    for (const result of report.results) expect(result.unexpected, result.name).toEqual([]);
  });

  it('each scraper harvests at most its share of the corpus (1%; 5% for sybils and the patient crawler)', () => {
    for (const result of byKind('scraper')) {
      expect(result.maxShare, result.name).not.toBeNull();
      expect(result.share, `${result.name}: ${result.harvested} posts`).toBeLessThanOrEqual(result.maxShare!);
    }
  });

  it('scrapers that announce themselves are stopped at their first request', () => {
    const naive = report.results.find((r) => r.name.startsWith('naive library'))!;
    const spoofer = report.results.find((r) => r.name.startsWith('Chrome UA spoofer'))!;
    expect(naive.firstBlock).toBe(1);
    expect(spoofer.firstChallenge).toBe(1);
    expect(naive.harvested + spoofer.harvested).toBe(0);
  });

  it('people are never blocked and challenged on at most 0.5% of their requests', () => {
    for (const result of byKind('human')) {
      expect(result.blocked, result.name).toBe(0);
      expect(result.challengedShare, result.name).toBeLessThanOrEqual(HUMAN_MAX_CHALLENGED);
      expect(result.harvested, `${result.name} read something`).toBeGreaterThan(0);
    }
  });

  it('the alias linker matches writers by style more often than chance (the limit DESIGN.md names)', () => {
    const linker = report.results.find((r) => r.name.startsWith('alias linker'))!;
    expect(linker.figures.posts).toBeGreaterThanOrEqual(10);
    expect(linker.figures.style).toBeGreaterThan(linker.figures.chance!);
  });
});
