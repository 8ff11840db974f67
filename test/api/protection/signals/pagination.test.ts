import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { pagination, sequentialRun } from '../../../../api/protection/signals/pagination.ts';

const rule = loadPolicy(undefined).behaviour.pagination;

describe('pagination', () => {
  it('measures the run of consecutive pages ending now', () => {
    expect(sequentialRun([])).toBe(0);
    expect(sequentialRun([1])).toBe(1);
    expect(sequentialRun([4, 3, 2, 1])).toBe(4);
    expect(sequentialRun([2, 1, 3, 2, 1])).toBe(2);
    expect(sequentialRun([3, 3, 2, 1])).toBe(1);
  });

  it('flags a sequential walk and a deep page', () => {
    const walk = Array.from({ length: rule.walkLength }, (_, i) => rule.walkLength - i);
    expect(pagination(walk, rule)).toEqual([{ reason: 'sequential-pagination', weight: rule.walkWeight }]);
    expect(pagination([rule.deepPage, 1], rule)).toEqual([
      { reason: 'deep-pagination', weight: rule.deepWeight },
    ]);
  });

  it('leaves a person who looks at the first pages alone', () => {
    expect(pagination([1, 2, 1, 1, 3, 2, 1], rule)).toEqual([]);
  });
});
