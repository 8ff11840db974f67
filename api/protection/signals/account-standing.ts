// Account age and verification: a scraper's accounts are new and cheap (a free-mail address);
// a colleague's is an employee account that has been around. Weak on their own by design.
import { DAY_MS } from '../../clock.ts';
import type { SessionAccount } from '../../identity/sessions.ts';
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

export function accountAgeDays(account: SessionAccount, now: Date): number {
  return Math.floor((now.getTime() - account.createdOn.getTime()) / DAY_MS);
}

export function accountStanding(
  account: SessionAccount | null,
  now: Date,
  rule: Policy['behaviour']['accountStanding'],
): Evidence[] {
  if (!account) return [];
  return [
    ...(accountAgeDays(account, now) < rule.youngDays ? evidence('young-account', rule.youngWeight) : []),
    ...(rule.unverifiedKinds.includes(account.memberKind)
      ? evidence('unverified-account', rule.unverifiedWeight)
      : []),
  ];
}
