// Interval regularity: a person opens threads at uneven moments; a loop with a sleep does not.
// Takes the times of an actor's recent thread views and measures the coefficient of variation
// (standard deviation / mean) of the gaps between them. Gaps longer than a break are dropped, and
// slow steady clients (a tab refreshing every minute) are left to the breadth signal.
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

/**
 * Gap count, coefficient of variation and median gap of the times (epoch ms, newest first). Runs
 * on every thread view, so it allocates nothing: the gaps go into a scratch buffer reused from call
 * to call.
 */
export function intervalStats(timesNewestFirst: readonly number[], ignoreGapsOverMs: number) {
  let scratch = gapScratch;
  if (scratch.length < timesNewestFirst.length)
    scratch = gapScratch = new Float64Array(timesNewestFirst.length);
  let count = 0;
  let sum = 0;
  for (let i = 0; i + 1 < timesNewestFirst.length; i++) {
    const gap = timesNewestFirst[i]! - timesNewestFirst[i + 1]!;
    if (gap >= 0 && gap <= ignoreGapsOverMs) {
      // Insertion keeps the buffer sorted: a couple of dozen gaps at most (policy: keep).
      let at = count++;
      for (; at > 0 && scratch[at - 1]! > gap; at--) scratch[at] = scratch[at - 1]!;
      scratch[at] = gap;
      sum += gap;
    }
  }
  if (count === 0) return { gaps: 0, cv: Number.POSITIVE_INFINITY, medianMs: 0 };
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (scratch[i]! - mean) ** 2;
  const medianMs = scratch[Math.floor(count / 2)]!;
  return { gaps: count, cv: mean === 0 ? 0 : Math.sqrt(squares / count) / mean, medianMs };
}

let gapScratch = new Float64Array(32);

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
