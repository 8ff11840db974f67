// Interval regularity: a person opens threads at uneven moments; a loop with a sleep does not.
// Takes the times of an actor's recent thread views and measures the coefficient of variation
// (standard deviation / mean) of the gaps between them. Gaps longer than a break are dropped, and
// slow steady clients (a tab refreshing every minute) are left to the breadth signal.
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

export function intervalStats(timesNewestFirst: readonly number[], ignoreGapsOverMs: number) {
  const gaps: number[] = [];
  for (let i = 0; i + 1 < timesNewestFirst.length; i++) {
    const gap = timesNewestFirst[i]! - timesNewestFirst[i + 1]!;
    if (gap >= 0 && gap <= ignoreGapsOverMs) gaps.push(gap);
  }
  if (gaps.length === 0) return { gaps: 0, cv: Number.POSITIVE_INFINITY, medianMs: 0 };
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const variance = gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length;
  const sorted = [...gaps].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)]!;
  return { gaps: gaps.length, cv: mean === 0 ? 0 : Math.sqrt(variance) / mean, medianMs };
}

export function intervalRegularity(
  timesNewestFirst: readonly number[],
  rule: Policy['behaviour']['regularity'],
): Evidence[] {
  const stats = intervalStats(timesNewestFirst, rule.ignoreGapsOverSeconds * 1000);
  if (stats.gaps < rule.minIntervals || stats.medianMs > rule.maxMedianSeconds * 1000) return [];
  let weight = 0;
  for (const step of rule.steps) if (stats.cv <= step.cvAtMost) weight = step.weight;
  return evidence('regular-intervals', weight);
}
