import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../api/clock.ts';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { accountAgeDays, accountStanding } from '../../../../api/protection/signals/account-standing.ts';

const rule = loadPolicy(undefined).behaviour.accountStanding;
const now = new Date('2026-03-02T10:00:00Z');
const account = (ageDays: number, memberKind: 'employee' | 'verified' | 'member') => ({
  id: 'a',
  memberKind,
  companyId: null,
  createdOn: new Date(Date.UTC(2026, 2, 2) - ageDays * DAY_MS),
});

describe('account standing', () => {
  it('counts age in whole days from the creation day', () => {
    expect(accountAgeDays(account(0, 'member'), now)).toBe(0);
    expect(accountAgeDays(account(9, 'member'), now)).toBe(9);
  });

  it('gives weak evidence to a young account and to a free-mail member', () => {
    expect(accountStanding(account(1, 'member'), now, rule)).toEqual([
      { reason: 'young-account', weight: rule.youngWeight },
      { reason: 'unverified-account', weight: rule.unverifiedWeight },
    ]);
    expect(rule.youngWeight + rule.unverifiedWeight).toBeLessThan(loadPolicy(undefined).thresholds.throttle);
  });

  it('leaves established accounts and requests without a session alone', () => {
    expect(accountStanding(account(rule.youngDays, 'employee'), now, rule)).toEqual([]);
    expect(accountStanding(account(400, 'verified'), now, rule)).toEqual([]);
    expect(accountStanding(null, now, rule)).toEqual([]);
  });
});
