// enrich() as the ETL uses it: the result shape, edge-case input, mixed languages, and that no
// string — however odd its Unicode — makes it throw or leave -1…+1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Enrichment, enrich, TOPICS } from '../../../analytics/enrich/index.ts';

function expectWellFormed(result: Enrichment): void {
  expect(['en', 'zh']).toContain(result.language);
  expect(Number.isFinite(result.sentiment)).toBe(true);
  expect(result.sentiment).toBeGreaterThanOrEqual(-1);
  expect(result.sentiment).toBeLessThanOrEqual(1);
  expect(typeof result.negative).toBe('boolean');
  if (result.negative) expect(result.sentiment).toBeLessThan(0);
  for (const topic of result.topics) expect(TOPICS).toContain(topic);
  expect(new Set(result.topics).size).toBe(result.topics.length);
}

describe('enrich', () => {
  it('returns a neutral English result for empty, blank and punctuation-only text', () => {
    for (const text of ['', '   ', '\n\n', '...', '？？？', '!!!,,,']) {
      expect(enrich(text)).toEqual({ language: 'en', sentiment: 0, negative: false, topics: [] });
    }
  });

  it('scores emoji on their own, with or without a variation selector', () => {
    expect(enrich('😊').sentiment).toBeGreaterThan(0);
    expect(enrich('❤️').sentiment).toBeGreaterThan(0);
    expect(enrich('😡😡').negative).toBe(true);
    expect(enrich('加薪了🎉').sentiment).toBeGreaterThan(enrich('加薪了').sentiment);
  });

  it('handles Chinese-English mixed posts in the language that dominates', () => {
    const offer = enrich('这个offer很香');
    expect(offer).toMatchObject({ language: 'zh', negative: false, topics: ['pay'] });
    expect(offer.sentiment).toBeGreaterThan(0);

    const pip = enrich('被PIP了，manager说我performance不行');
    expect(pip).toMatchObject({ language: 'zh', negative: true });
    expect(pip.topics).toEqual(['layoffs', 'management']);

    const english = enrich('Got a 996 offer from 字节跳动, not sure it is worth it.');
    expect(english.language).toBe('en');
    expect(english.topics).toEqual(['overtime', 'pay']);

    expect(enrich('The 福报 culture here is insane').negative).toBe(true);
  });

  it('accepts full-width punctuation, curly quotes and Windows line breaks', () => {
    expect(enrich('I don’t like the new manager.\r\nToxic.').negative).toBe(true);
    expect(enrich('工资低！！加班多？？').negative).toBe(true);
  });

  it('never throws on odd Unicode and always returns a well-formed result', () => {
    const oddPieces = fc.constantFrom(
      '\uD800', // lone high surrogate
      '\uDC00', // lone low surrogate
      '\u200D', // zero-width joiner
      '\u202E', // right-to-left override
      '\uFE0F',
      '\u0000',
      '\uFFFF',
      'e\u0301', // combining accent
      '👨‍👩‍👧',
      '𠀀', // CJK extension B
      '不',
      '被优化',
      "n't",
      'not',
      'but',
      '但是',
      '很',
      '70',
      'hour',
      '十点',
      '.',
      '，',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
        .map((codes) => String.fromCharCode(...codes)),
      fc
        .array(fc.oneof(oddPieces, fc.string({ maxLength: 5 })), { maxLength: 60 })
        .map((pieces) => pieces.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        expectWellFormed(enrich(input));
      }),
      { numRuns: 600 },
    );
  });

  it('handles a very long post', () => {
    const long = `${'The team is great but the hours are long. '.repeat(2000)}${'工资低，加班多。'.repeat(2000)}`;
    expectWellFormed(enrich(long));
  });

  it('is deterministic', () => {
    const text = '领导画饼，但是同事很好。The pay is low but I like my team.';
    expect(enrich(text)).toEqual(enrich(text));
  });
});
