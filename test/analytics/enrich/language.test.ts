// Language detection by the share of CJK text, counted in estimated words.
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../analytics/enrich/language.ts';

describe('detectLanguage', () => {
  it('detects plain English and plain Chinese', () => {
    expect(detectLanguage('The pay is great but the hours are brutal.')).toBe('en');
    expect(detectLanguage('又裁员了，这次我们组走了一半。')).toBe('zh');
  });

  it('treats code-switched Chinese as Chinese and English with a Chinese name as English', () => {
    expect(detectLanguage('这个offer很香')).toBe('zh');
    expect(detectLanguage('被PIP了，manager说我performance不行')).toBe('zh');
    expect(detectLanguage('Got a 996 offer from 字节跳动')).toBe('en');
  });

  it('defaults to English when there are no letters at all', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('996 007 3.25 😊')).toBe('en');
  });

  it('counts supplementary-plane ideographs as Chinese', () => {
    expect(detectLanguage('𠀀𠀁𠀂𠀃')).toBe('zh');
  });
});
