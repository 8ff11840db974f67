// Pagination: listings stop at 10 pages (S4), so a client that goes deep, or walks page after page
// in order (1, 2, 3, …) without opening threads in between, is enumerating rather than reading.
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

/** Length of the run of consecutive pages ending at the newest depth (…, 4, 5, 6 → 3). */
export function sequentialRun(depthsNewestFirst: readonly number[]): number {
  if (depthsNewestFirst.length === 0) return 0;
  let run = 1;
  for (let i = 0; i + 1 < depthsNewestFirst.length; i++) {
    if (depthsNewestFirst[i] !== depthsNewestFirst[i + 1]! + 1) break;
    run++;
  }
  return run;
}

export function pagination(
  depthsNewestFirst: readonly number[],
  rule: Policy['behaviour']['pagination'],
): Evidence[] {
  const deepest = depthsNewestFirst.reduce((a, b) => Math.max(a, b), 0);
  return [
    ...(deepest >= rule.deepPage ? evidence('deep-pagination', rule.deepWeight) : []),
    ...(sequentialRun(depthsNewestFirst) >= rule.walkLength
      ? evidence('sequential-pagination', rule.walkWeight)
      : []),
  ];
}
