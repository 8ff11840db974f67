// The protection policy benchmarks run with: every layer does all its work (fingerprint, traps,
// behaviour, budget counting, decision), but budgets and thresholds are out of reach, so no
// request is refused and every variant answers the same requests.
import { loadPolicy, type Policy, validatePolicy } from '../../../api/protection/policy.ts';

export function benchPolicy(): Policy {
  const draft = structuredClone(loadPolicy(undefined)) as Policy;
  for (const budget of Object.values(draft.budgets)) {
    budget.perAccount = budget.perAccount && 1_000_000;
    budget.perNetwork = budget.perNetwork && 1_000_000;
    budget.perFingerprint = budget.perFingerprint && 1_000_000;
  }
  draft.readQuota.perAccountPerDay = 1_000_000;
  if (draft.readQuota.perCheapAccountPerDay !== undefined) draft.readQuota.perCheapAccountPerDay = 1_000_000;
  draft.thresholds = { throttle: 101, challenge: 101, block: 101 };
  return validatePolicy(draft, 'bench policy');
}
