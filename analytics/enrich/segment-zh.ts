// Segments Chinese text with jieba (@node-rs/jieba) into the same token conventions as English.
// jieba gets its bundled dictionary plus every Chinese lexicon entry, so 被优化, 画饼 or 内卷 come out
// whole; HMM is off so segmentation depends only on dictionaries (deterministic, and every word we
// score is in them anyway).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Lexicon } from './lexicon.ts';
import { CLAUSE_BREAK, QUESTION_END, SENTENCE_END } from './tokens.ts';

/**
 * Frequency given to our words in jieba's dictionary. Well above the product of the frequencies of
 * any split we want to beat (jieba picks the most probable path), well below the most common words.
 */
const USER_WORD_FREQUENCY = 20000;

const SENTENCE_MARKS = new Set(['。', '！', '!', '…', '.', '\n', '；', ';']);
const QUESTION_MARKS = new Set(['？', '?']);
const CLAUSE_MARKS = new Set(['，', ',', '、', '：', ':', '（', '）', '(', ')', '—', '－']);
const DIGITS = /^\d+$/;
const HAN = /[\u3400-\u9FFF\uF900-\uFAFF]/;
const ASCII_UPPER = /[A-Z]/;

export type ChineseSegmenter = (text: string) => string[];

/** Builds a segmenter; loading jieba's dictionary takes ~0.2 s, so build it once and reuse it. */
export function createChineseSegmenter(lexicon: Lexicon): ChineseSegmenter {
  const jieba = Jieba.withDict(dict);
  const userWords: string[] = [];
  for (const word of lexicon.segmenterWords) {
    userWords.push(`${word} ${USER_WORD_FREQUENCY}`);
    // jieba matches case-sensitively; "N+1" is how people write it.
    if (!HAN.test(word)) userWords.push(`${word.toUpperCase()} ${USER_WORD_FREQUENCY}`);
  }
  jieba.loadDict(Buffer.from(userWords.join('\n')));
  const terms = lexicon.terms;

  // Single-character entries (很, 不, 好, 低 …): a two-character token can only split into two known
  // halves if it starts with one of these, which saves slicing every unknown two-character word.
  const singleCharacterHeads = new Set([...terms.keys()].filter((key) => key.length === 1 && HAN.test(key)));

  return (text) => {
    const raw = jieba.cut(text, false);
    const tokens: string[] = [];
    for (let index = 0; index < raw.length; index++) {
      let token = raw[index]!;
      const first = token.charCodeAt(0);
      // jieba returns whitespace runs as tokens of their own.
      if ((first <= 0x20 || first === 0x3000 || first === 0xa0) && token.trim() === '') {
        if (token.includes('\n')) tokens.push(SENTENCE_END);
        continue;
      }
      if (token.includes('\uFE0F')) {
        token = token.replaceAll('\uFE0F', '');
        if (token === '') continue;
      }
      if (SENTENCE_MARKS.has(token)) {
        // "3.25" comes out of jieba as 3 . 25: keep decimals whole.
        if (
          token === '.' &&
          DIGITS.test(raw[index + 1] ?? '') &&
          tokens.length > 0 &&
          DIGITS.test(tokens.at(-1)!)
        ) {
          tokens.push(`${tokens.pop()}.${raw[++index]}`);
          continue;
        }
        tokens.push(SENTENCE_END);
      } else if (QUESTION_MARKS.has(token)) {
        tokens.push(QUESTION_END);
      } else if (CLAUSE_MARKS.has(token)) {
        tokens.push(CLAUSE_BREAK);
      } else if (first < 0x80) {
        tokens.push(ASCII_UPPER.test(token) ? token.toLowerCase() : token);
      } else if (terms.has(token) || (token.length < 3 && !singleCharacterHeads.has(token[0]!))) {
        tokens.push(token);
      } else {
        pushSplit(tokens, token, terms);
      }
    }
    return tokens;
  };
}

// jieba's dictionary glues some modifier+word pairs into one entry (很大, 好开心, 拖欠工资) that our
// lexicon only knows as parts; split such a token when both halves are known so each can be scored.
function pushSplit(tokens: string[], token: string, terms: Lexicon['terms']): void {
  if (HAN.test(token)) {
    for (let cut = 1; cut < token.length; cut++) {
      const head = token.slice(0, cut);
      const tail = token.slice(cut);
      if (terms.has(head) && terms.has(tail)) {
        tokens.push(head, tail);
        return;
      }
    }
  }
  tokens.push(token);
}
