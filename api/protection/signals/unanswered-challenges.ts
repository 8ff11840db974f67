// Unanswered challenges: the web client and the apps solve a challenge as soon as it comes, so a
// client that is challenged again and again without ever buying a pass is not one of ours (a
// scraper that cannot solve, waiting for its windows to cool down). Counted per actor and UTC day:
// challenges issued (decision.ts) minus passes bought (challenge.ts).
import type { Policy } from '../policy.ts';
import { stepWeight } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

/** Store-key prefixes of an actor's daily counts of challenges issued and passes bought. */
export const CHALLENGES_ISSUED = 'ch.i.';
export const PASSES_BOUGHT = 'ch.s.';

export function unansweredChallenges(
  issued: number,
  bought: number,
  rule: Policy['behaviour']['unansweredChallenges'],
): Evidence[] {
  if (!rule) return [];
  return evidence('unanswered-challenges', stepWeight(rule.steps, Math.max(0, issued - bought)));
}
