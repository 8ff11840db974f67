import { describe, expect, it } from 'vitest';
import { intervalRegularity, intervalStats } from '../../../../api/protection/signals/interval-regularity.ts';
import { loadPolicy } from '../../../../api/protection/policy.ts';

const rule = loadPolicy(undefined).behaviour.regularity;
/** Times newest first from gaps in seconds (oldest gap first). */
const times = (gaps: number[]) => {
  const out = [1_000_000_000];
  for (const gap of gaps) out.push(out.at(-1)! - gap * 1000);
  return out;
};

describe('interval regularity', () => {
  it('flags a loop with a fixed sleep at the strongest step', () => {
    expect(intervalRegularity(times(Array(15).fill(2)), rule)).toEqual([
      { reason: 'regular-intervals', weight: rule.steps.at(-1)!.weight },
    ]);
  });

  it('gives the weaker step to a jittered loop', () => {
    const jittered = [2, 2.4, 1.8, 2.2, 2.6, 1.9, 2.1, 2.5, 1.7, 2.3, 2.0, 2.2, 1.8, 2.4, 2.1];
    const stats = intervalStats(times(jittered), 600_000);
    expect(stats.cv).toBeGreaterThan(0.1);
    expect(stats.cv).toBeLessThanOrEqual(0.25);
    expect(intervalRegularity(times(jittered), rule)[0]?.weight).toBe(rule.steps[0]!.weight);
  });

  it('leaves a person alone: uneven pauses', () => {
    expect(intervalRegularity(times([4, 40, 7, 95, 12, 3, 60, 22, 8, 150, 30, 5, 18, 70, 9]), rule)).toEqual(
      [],
    );
  });

  it('needs enough intervals, and ignores slow steady clients and long breaks', () => {
    expect(intervalRegularity(times(Array(5).fill(2)), rule)).toEqual([]);
    // A tab refreshing every minute: regular but slow.
    expect(intervalRegularity(times(Array(15).fill(60)), rule)).toEqual([]);
    // Breaks longer than ignoreGapsOverSeconds are not intervals.
    expect(intervalStats(times([2, 2, 3600, 2]), rule.ignoreGapsOverSeconds * 1000).gaps).toBe(3);
  });
});
