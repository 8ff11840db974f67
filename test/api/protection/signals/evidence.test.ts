import { describe, expect, it } from 'vitest';
import { evidence, reasonsOf, scoreOf } from '../../../../api/protection/signals/evidence.ts';

describe('evidence', () => {
  it('drops signals whose weight is 0', () => {
    expect(evidence('x', 0)).toEqual([]);
    expect(evidence('x', 5)).toEqual([{ reason: 'x', weight: 5 }]);
  });

  it('adds weights into a score capped at 100', () => {
    expect(scoreOf([])).toBe(0);
    expect(scoreOf([...evidence('a', 30), ...evidence('b', 25)])).toBe(55);
    expect(scoreOf([...evidence('a', 70), ...evidence('b', 60)])).toBe(100);
  });

  it('lists reasons heaviest first, each once', () => {
    expect(reasonsOf([...evidence('light', 5), ...evidence('heavy', 50), ...evidence('light', 5)])).toEqual([
      'heavy',
      'light',
    ]);
  });
});
