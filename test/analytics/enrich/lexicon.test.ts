// Lexicon files: the bundled ones parse into the expected table; malformed rows are refused with
// the file and line to fix.
import { describe, expect, it } from 'vitest';
import { bundledLexicon, buildLexicon, type LexiconSources } from '../../../analytics/enrich/lexicon.ts';
import { topicBit } from '../../../analytics/enrich/topic-names.ts';

const empty: LexiconSources = { valence: [], modifiers: [], aspects: [], topics: [], euphemisms: [] };
const file = (text: string, chinese = false) => [{ name: 'x.tsv', text, chinese }];

describe('bundledLexicon', () => {
  it('loads AFINN-165 with our edits and our supplements on top', () => {
    const { terms } = bundledLexicon();
    expect(terms.get('abandon')?.valence).toBe(-2); // AFINN-165
    expect(terms.get('joke')?.valence).toBe(-2); // edited from +2
    expect(terms.get('like')?.valence).toBeUndefined(); // removed
    expect(terms.get('no')?.negate).toBeLessThan(0); // a negator, not AFINN's -1 word
    expect(terms.get('underpaid')?.valence).toBe(-3); // ours
    expect(terms.get('画饼')?.valence).toBeLessThan(0);
    expect(terms.get('不')?.negate).toBeLessThan(0);
    expect(terms.get('非常')?.scale).toBeGreaterThan(1);
    expect(terms.get('工资')?.target).toBe('pay');
    expect(terms.get('低')?.qualifier).toBe(-1);
    expect(terms.get('加班')!.topics & topicBit('overtime')).toBeTruthy();
    expect(terms.get('优化')?.euphemism?.triggers.has('被')).toBe(true);
    expect(terms.get('😊')?.valence).toBeGreaterThan(0);
  });

  it('lists Chinese entries for the jieba dictionary, not English ones', () => {
    const { segmenterWords } = bundledLexicon();
    expect(segmenterWords).toContain('被优化');
    expect(segmenterWords).toContain('内卷');
    expect(segmenterWords).toContain('n+1');
    expect(segmenterWords).not.toContain('underpaid');
    expect(segmenterWords).not.toContain('好'); // single characters need no dictionary entry
  });

  it('indexes phrases under their first word, longest first', () => {
    const head = bundledLexicon().terms.get('a');
    expect(head?.phrases?.map((phrase) => phrase.rest.join(' '))).toContain('little');
    const laid = bundledLexicon().terms.get('laid');
    expect(laid?.phrases?.[0]?.term.valence).toBe(-3);
    expect(laid?.topicPhrases?.[0]?.term.topics).toBe(topicBit('layoffs'));
  });
});

describe('buildLexicon', () => {
  it('lets later valence files override earlier ones', () => {
    const lexicon = buildLexicon({
      ...empty,
      valence: [...file('good\t3\n'), { name: 'y.tsv', text: '# ours\ngood\t1\n', chinese: false }],
    });
    expect(lexicon.terms.get('good')?.valence).toBe(1);
  });

  it('refuses malformed rows, naming the file and line', () => {
    expect(() => buildLexicon({ ...empty, valence: file('# header\ngood\n') })).toThrow(
      'x.tsv:2: expected 2 tab-separated columns, found 1',
    );
    expect(() => buildLexicon({ ...empty, valence: file('good\tgreat\n') })).toThrow(
      'x.tsv:1: "great" is not a number',
    );
    expect(() => buildLexicon({ ...empty, valence: file('good\t9\n') })).toThrow('between -5 and 5');
    expect(() => buildLexicon({ ...empty, modifiers: file('very\tboost\t1.3\n') })).toThrow(
      'unknown role "boost"',
    );
    expect(() => buildLexicon({ ...empty, aspects: file('pay\ttarget\tmoney\n') })).toThrow('x.tsv:1');
    expect(() => buildLexicon({ ...empty, topics: file('996\tovertme\n') })).toThrow(
      'x.tsv:1: unknown topic "overtme"',
    );
    expect(() => buildLexicon({ ...empty, valence: file(' \t2\n') })).toThrow('x.tsv:1: empty term');
  });
});
