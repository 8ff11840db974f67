// Breadth: how many distinct threads (and later pages of threads, behaviour.ts) one actor opened in
// the long window (a day by default) and in the recent part of it. People come back to the threads
// they follow and mostly read first pages; a harvester opens every page of each thread once.
import type { Policy } from '../policy.ts';
import { stepWeight } from '../policy.ts';
import type { DistinctCount } from '../store/counter-store.ts';
import { type Evidence, evidence } from './evidence.ts';

export function threadBreadth(distinct: DistinctCount, rule: Policy['behaviour']['breadth']): Evidence[] {
  return [
    ...evidence('breadth', stepWeight(rule.steps, distinct.total)),
    ...evidence('breadth-recent', stepWeight(rule.recentSteps, distinct.recent)),
  ];
}
