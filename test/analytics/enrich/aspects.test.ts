// Qualifiers whose polarity depends on their target, and negated targets, in both languages.
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../analytics/enrich/index.ts';

const score = (text: string) => enrich(text).sentiment;

describe('aspect qualifiers', () => {
  it('reads "low" as bad for pay and good for pressure', () => {
    expect(score('Low pay.')).toBeLessThan(0);
    expect(score('The pay is low.')).toBeLessThan(0);
    expect(score('Low pressure.')).toBeGreaterThan(0);
    expect(score('The salary is high.')).toBeGreaterThan(0);
    expect(score('Long hours every week.')).toBeLessThan(0);
    expect(score('They pay very well.')).toBeGreaterThan(0);
  });

  it('does the same for 工资低 / 压力大 / 加班多, including jieba compounds like 很大', () => {
    expect(score('工资低')).toBeLessThan(0);
    expect(score('工资很高')).toBeGreaterThan(0);
    expect(score('压力很大')).toBeLessThan(0);
    expect(score('加班太多了')).toBeLessThan(0);
    expect(score('涨薪幅度有点低')).toBeLessThan(0);
  });

  it('treats a negated target as its absence', () => {
    expect(score('No bonus this year.')).toBeLessThan(0);
    expect(score('No overtime, ever.')).toBeGreaterThan(0);
    expect(score('没有加班费')).toBeLessThan(0);
    expect(score('年终奖都没了')).toBeLessThan(0);
    expect(score('我们基本不加班')).toBeGreaterThan(0);
  });

  it('scores stated long hours as a complaint', () => {
    expect(score('We work 70 hour weeks.')).toBeLessThan(0);
    expect(score('这个月已经加了八十个小时的班了')).toBeLessThan(0);
  });
});
