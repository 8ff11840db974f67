import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { trapMarks } from '../../../../api/protection/signals/trap-marks.ts';

const policy = loadPolicy(undefined);
const weights = policy.traps.weights;
const none = { account: false, client: false, network: false };

describe('trap marks', () => {
  it('is near-certain for the account that sprang a trap', () => {
    expect(trapMarks({ ...none, account: true, client: true, network: true }, true, weights)).toEqual([
      { reason: 'trap-marked-account', weight: weights.markedAccount },
    ]);
    expect(weights.markedAccount).toBeGreaterThanOrEqual(policy.thresholds.block);
  });

  it('is near-certain for the same client without a session', () => {
    expect(trapMarks({ ...none, client: true }, false, weights)).toEqual([
      { reason: 'trap-marked-client', weight: weights.markedClient },
    ]);
  });

  it('only nudges another account on that client, or anyone on that network (colleagues behind a NAT)', () => {
    const colleague = trapMarks({ ...none, client: true, network: true }, true, weights);
    expect(colleague).toEqual([{ reason: 'trap-marked-client', weight: weights.markedClientOtherAccount }]);
    expect(trapMarks({ ...none, network: true }, true, weights)).toEqual([
      { reason: 'trap-marked-network', weight: weights.markedNetwork },
    ]);
    expect(colleague[0]!.weight + weights.markedNetwork).toBeLessThan(policy.thresholds.throttle);
  });

  it('is silent when nothing is marked', () => {
    expect(trapMarks(none, true, weights)).toEqual([]);
  });
});
