import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../api/clock.ts';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { isCheapAccount, sybilAccounts } from '../../../../api/protection/signals/sybil.ts';

const rule = loadPolicy(undefined).behaviour.sybil;
const now = new Date('2026-03-02T10:00:00Z');
const account = (ageDays: number, memberKind: 'employee' | 'verified' | 'member') => ({
  id: 'a',
  memberKind,
  companyId: null,
  createdOn: new Date(Date.UTC(2026, 2, 2) - ageDays * DAY_MS),
});

describe('sybil accounts', () => {
  it('counts only new accounts of the cheap kinds', () => {
    expect(isCheapAccount(account(0, 'member'), now, rule)).toBe(true);
    expect(isCheapAccount(account(3, 'verified'), now, rule)).toBe(true);
    expect(isCheapAccount(account(0, 'employee'), now, rule)).toBe(false);
    expect(isCheapAccount(account(rule.maxAgeDays, 'member'), now, rule)).toBe(false);
  });

  it('weighs the larger of the per-client and per-network counts by the policy steps', () => {
    expect(sybilAccounts({ perClient: 1, perNetwork: 2 }, rule)).toEqual([]);
    expect(sybilAccounts({ perClient: rule.steps[0]!.atLeast, perNetwork: 1 }, rule)).toEqual([
      { reason: 'sybil-accounts', weight: rule.steps[0]!.weight },
    ]);
    expect(sybilAccounts({ perClient: 1, perNetwork: rule.steps.at(-1)!.atLeast + 3 }, rule)).toEqual([
      { reason: 'sybil-accounts', weight: rule.steps.at(-1)!.weight },
    ]);
  });
});
