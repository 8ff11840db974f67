// Block memory: an actor that was blocked stays blocked for a while. Without it a scraper that is
// blocked for reading too fast waits for the ten-minute window to pass, solves a challenge and reads
// on; with it, every try while the memory lasts is a block again (and renews the memory).
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

/** Store-key prefix of an actor's block memory (the key is this and the actor). */
export const BLOCK_MEMORY = 'blk.';

export function recentlyBlocked(marked: boolean, rule: Policy['behaviour']['blockMemory']): Evidence[] {
  return marked && rule ? evidence('recently-blocked', rule.weight) : [];
}
