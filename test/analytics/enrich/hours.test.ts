// Number parsing and the long-hours / late-clock rule.
import { describe, expect, it } from 'vitest';
import { isLongHours, parseCount } from '../../../analytics/enrich/hours.ts';

describe('parseCount', () => {
  it('parses digits, English number words and Chinese numerals', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount('sixty')).toBe(60);
    expect(parseCount('十')).toBe(10);
    expect(parseCount('十二')).toBe(12);
    expect(parseCount('七十个')).toBe(70);
    expect(parseCount('两')).toBe(2);
    expect(parseCount('hello')).toBeUndefined();
    expect(parseCount('十十十')).toBeUndefined();
    expect(parseCount('1234')).toBeUndefined();
  });
});

describe('isLongHours', () => {
  const at = (tokens: string[], index = 0) => isLongHours(tokens, index);

  it('accepts 10–24 hour days and 50+ hour weeks, not ordinary hours', () => {
    expect(at(['12', 'hour', 'days'])).toBe(true);
    expect(at(['70', 'hours'])).toBe(true);
    expect(at(['七十个', '小时'])).toBe(true);
    expect(at(['12', '个', '小时'])).toBe(true);
    expect(at(['40', 'hours'])).toBe(false);
    expect(at(['2', 'hour', 'meeting'])).toBe(false);
  });

  it('accepts late clock times', () => {
    expect(at(['11pm'])).toBe(true);
    expect(at(['3am'])).toBe(true);
    expect(at(['9am'])).toBe(false);
    expect(at(['11', 'pm'])).toBe(true);
    expect(at(['晚上', '十点'], 1)).toBe(true);
    expect(at(['晚上', '11', '点'], 1)).toBe(true);
    expect(at(['上午', '十点'], 1)).toBe(false);
  });
});
