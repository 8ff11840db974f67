import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { threadBreadth } from '../../../../api/protection/signals/thread-breadth.ts';

const rule = loadPolicy(undefined).behaviour.breadth;

describe('thread breadth', () => {
  it('is silent below the first steps', () => {
    expect(
      threadBreadth({ total: rule.steps[0]!.atLeast - 1, recent: rule.recentSteps[0]!.atLeast - 1 }, rule),
    ).toEqual([]);
  });

  it('weighs the day and the recent window separately, by the highest step reached', () => {
    expect(threadBreadth({ total: rule.steps[1]!.atLeast, recent: 0 }, rule)).toEqual([
      { reason: 'breadth', weight: rule.steps[1]!.weight },
    ]);
    expect(
      threadBreadth({ total: rule.steps[0]!.atLeast, recent: rule.recentSteps[0]!.atLeast }, rule),
    ).toEqual([
      { reason: 'breadth', weight: rule.steps[0]!.weight },
      { reason: 'breadth-recent', weight: rule.recentSteps[0]!.weight },
    ]);
  });
});
