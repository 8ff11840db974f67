// Sybils: several new, cheap accounts behind one client (same fingerprint on one network) or one
// network. Only new accounts of the policy's cheap kinds are counted and only they get the
// evidence, so 300 colleagues with employee accounts behind one office NAT never trip it.
import type { SessionAccount } from '../../identity/sessions.ts';
import type { Policy } from '../policy.ts';
import { stepWeight } from '../policy.ts';
import { accountAgeDays } from './account-standing.ts';
import { type Evidence, evidence } from './evidence.ts';

export function isCheapAccount(
  account: SessionAccount,
  now: Date,
  rule: Policy['behaviour']['sybil'],
): boolean {
  return rule.cheapKinds.includes(account.memberKind) && accountAgeDays(account, now) < rule.maxAgeDays;
}

/** `perClient` and `perNetwork`: distinct cheap accounts seen in the window, this one included. */
export function sybilAccounts(
  counts: { perClient: number; perNetwork: number },
  rule: Policy['behaviour']['sybil'],
): Evidence[] {
  return evidence('sybil-accounts', stepWeight(rule.steps, Math.max(counts.perClient, counts.perNetwork)));
}
