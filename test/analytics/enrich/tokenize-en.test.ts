// English tokenisation: lowercase words, contractions, numbers, emoji and boundary markers.
import { describe, expect, it } from 'vitest';
import { tokenizeEnglish } from '../../../analytics/enrich/tokenize-en.ts';

describe('tokenizeEnglish', () => {
  it('lowercases, keeps contractions and normalises curly apostrophes', () => {
    expect(tokenizeEnglish("I DON'T like it")).toEqual(['i', "don't", 'like', 'it']);
    expect(tokenizeEnglish('I don’t')).toEqual(['i', "don't"]);
  });

  it('splits hyphenated words and keeps decimals and n+1', () => {
    expect(tokenizeEnglish('work-life balance')).toEqual(['work', 'life', 'balance']);
    expect(tokenizeEnglish('rated 3.25, got n+1')).toEqual(['rated', '3.25', ',', 'got', 'n+1']);
  });

  it('turns punctuation into sentence, question and clause markers', () => {
    expect(tokenizeEnglish('Great team! Bad pay; sad? Yes.\nOK')).toEqual([
      'great',
      'team',
      '.',
      'bad',
      'pay',
      ',',
      'sad',
      '?',
      'yes',
      '.',
      'ok',
    ]);
  });

  it('keeps emoji and Han runs as tokens', () => {
    expect(tokenizeEnglish('great 😊 福报 culture')).toEqual(['great', '😊', '福报', 'culture']);
  });
});
