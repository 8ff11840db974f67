// Chinese segmentation: jieba with its bundled dictionary plus our words, mapped to our tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledLexicon } from '../../../analytics/enrich/lexicon.ts';
import { type ChineseSegmenter, createChineseSegmenter } from '../../../analytics/enrich/segment-zh.ts';

let segment: ChineseSegmenter;
beforeAll(() => {
  segment = createChineseSegmenter(bundledLexicon());
});

describe('createChineseSegmenter', () => {
  it("keeps our workplace terms whole (jieba's own dictionary splits them)", () => {
    expect(segment('被优化了')).toEqual(['被优化', '了']);
    expect(segment('内卷严重')).toEqual(['内卷', '严重']);
    expect(segment('领导画大饼')).toEqual(['领导', '画大饼']);
    expect(segment('给了N+1')).toEqual(['给', '了', 'n+1']);
  });

  it('splits jieba compounds our lexicon knows only as parts', () => {
    expect(segment('压力很大')).toEqual(['压力', '很', '大']);
    expect(segment('不拖欠工资')).toEqual(['不', '拖欠', '工资']);
  });

  it('maps punctuation and line breaks to boundary markers and keeps decimals', () => {
    expect(segment('工资低，加班多。真的吗？\n好')).toEqual([
      '工资',
      '低',
      ',',
      '加班',
      '多',
      '.',
      '真的',
      '吗',
      '?',
      '.',
      '好',
    ]);
    expect(segment('绩效3.25')).toEqual(['绩效', '3.25']);
  });

  it('lowercases embedded English and drops spaces and emoji variation selectors', () => {
    expect(segment('HR 说 OK ❤️')).toEqual(['hr', '说', 'ok', '❤']);
  });
});
