// Network hopping: one account seen from many network prefixes within an hour is a client rotating
// proxies. A phone moving between Wi-Fi and mobile data shows two or three, not six.
import type { Policy } from '../policy.ts';
import { stepWeight } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

export function networkHopping(
  distinctNetworks: number,
  rule: Policy['behaviour']['networkHopping'],
): Evidence[] {
  return evidence('network-hopping', stepWeight(rule.steps, distinctNetworks));
}
