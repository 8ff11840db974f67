// Chinese cases that depend on segmentation: 不好 vs 好, euphemisms, 好 as an intensifier, slang.
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../analytics/enrich/index.ts';

describe('Chinese sentiment', () => {
  it('scores 好 positive and 不好 (one jieba token) negative', () => {
    expect(enrich('好').sentiment).toBeGreaterThan(0);
    expect(enrich('不好').sentiment).toBeLessThan(0);
    expect(enrich('这家公司不好').sentiment).toBeLessThan(0);
    expect(enrich('这家公司很好').sentiment).toBeGreaterThan(0);
  });

  it('knows 不错 is praise, not a negation of 错', () => {
    expect(enrich('氛围非常不错').sentiment).toBeGreaterThan(0);
  });

  it('negates with 不 / 没 / 并不 and scales with 很 / 非常 / 有点', () => {
    expect(enrich('不开心').sentiment).toBeLessThan(0);
    expect(enrich('并不满意').sentiment).toBeLessThan(0);
    expect(enrich('非常满意').sentiment).toBeGreaterThan(enrich('满意').sentiment);
    expect(enrich('有点累').sentiment).toBeGreaterThan(enrich('很累').sentiment);
    expect(enrich('有点累').sentiment).toBeLessThan(0);
  });

  it('reads 好 before an opinion word as an intensifier (好累 is very tired, not good)', () => {
    expect(enrich('好累').sentiment).toBeLessThan(enrich('累').sentiment);
    expect(enrich('好开心').sentiment).toBeGreaterThan(enrich('开心').sentiment);
  });

  it('reads 被优化 / 被毕业 as being laid off, but not 性能优化 or 应届毕业生', () => {
    const optimised = enrich('被优化了');
    expect(optimised.negative).toBe(true);
    expect(optimised.topics).toContain('layoffs');
    expect(enrich('我被毕业了').topics).toContain('layoffs');
    expect(enrich('公司优化了一批人').topics).toContain('layoffs');
    const performance = enrich('这个季度主要做性能优化');
    expect(performance.topics).not.toContain('layoffs');
    expect(performance.sentiment).toBe(0);
    expect(enrich('应届毕业生工资怎么样？').topics).toEqual(['pay']);
  });

  it('scores workplace slang', () => {
    for (const complaint of ['领导又在画饼', '福报文化', '内卷严重', '天天背锅', '996是常态', '同事猝死了']) {
      expect(enrich(complaint).negative, complaint).toBe(true);
    }
    for (const praise of ['涨薪了', '年终奖很多', '准时下班', '升职了']) {
      expect(enrich(praise).sentiment, praise).toBeGreaterThan(0);
    }
  });
});
