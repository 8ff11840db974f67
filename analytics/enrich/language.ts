// Tells Chinese posts from English ones by the share of CJK text, counted in words.
// A Han character is about half a word and a Latin letter run is one word, so "这个offer很香" is
// Chinese and "Got a 996 offer from 字节跳动" is English.

export type Language = 'en' | 'zh';

/** Share of estimated words that are Chinese at or above which a post is treated as Chinese. */
export const CHINESE_WORD_SHARE = 0.4;
const HAN_CHARACTERS_PER_WORD = 2;

export function detectLanguage(text: string): Language {
  let han = 0;
  let latinWords = 0;
  let inLatinWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isLatin = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
    if (isLatin) {
      if (!inLatinWord) latinWords++;
      inLatinWord = true;
      continue;
    }
    inLatinWord = false;
    // CJK Unified Ideographs, Extension A and Compatibility Ideographs; the rare supplementary-plane
    // ideographs are counted by their high surrogate (U+D840–U+D87F).
    if (
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xd840 && code <= 0xd87f)
    ) {
      han++;
    }
  }
  const chineseWords = han / HAN_CHARACTERS_PER_WORD;
  const words = chineseWords + latinWords;
  return words > 0 && chineseWords / words >= CHINESE_WORD_SHARE ? 'zh' : 'en';
}
