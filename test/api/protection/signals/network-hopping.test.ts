import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { networkHopping } from '../../../../api/protection/signals/network-hopping.ts';

const rule = loadPolicy(undefined).behaviour.networkHopping;

describe('network hopping', () => {
  it('leaves a phone on Wi-Fi and mobile data alone', () => {
    expect(networkHopping(3, rule)).toEqual([]);
  });

  it('flags one account on many prefixes within the window', () => {
    expect(networkHopping(rule.steps[0]!.atLeast, rule)).toEqual([
      { reason: 'network-hopping', weight: rule.steps[0]!.weight },
    ]);
    expect(networkHopping(100, rule)[0]?.weight).toBe(rule.steps.at(-1)!.weight);
  });
});
