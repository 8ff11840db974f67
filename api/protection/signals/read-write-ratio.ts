// Read/write ratio: many people only read, so this is weak evidence on its own; it tips the score
// only for an actor that opened many threads today and never wrote anything.
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

export function readsWithoutWrites(
  reads: number,
  writes: number,
  rule: Policy['behaviour']['readWrite'],
): Evidence[] {
  return reads >= rule.minReads && writes === 0 ? evidence('reads-without-writes', rule.weight) : [];
}
