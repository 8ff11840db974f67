// Enrichment of one post's text: language, sentiment (-1…+1) and topic tags, English and Chinese.
// Composition only: tokenise (regex for English, jieba for Chinese), resolve against the lexicon,
// then score sentiment and tag topics. How each step works is in README.md beside this file.
import { detectLanguage } from './language.ts';
import { bundledLexicon } from './lexicon.ts';
import { resolveTokens } from './resolve.ts';
import { type ChineseSegmenter, createChineseSegmenter } from './segment-zh.ts';
import { classifySentiment, scoreSentiment } from './sentiment.ts';
import { type Topic, topicsOfMask } from './topic-names.ts';
import { detectTopics } from './topics.ts';
import { tokenizeEnglish } from './tokenize-en.ts';

export { TOPICS, type Topic } from './topic-names.ts';

export interface Enrichment {
  language: 'en' | 'zh';
  /** -1 (very negative) … +1 (very positive). */
  sentiment: number;
  negative: boolean;
  topics: Topic[];
}

// jieba's dictionary is static data that takes ~0.2 s to load: load it on the first Chinese post
// and keep it for the life of the process.
let segmentChinese: ChineseSegmenter | undefined;

export function enrich(text: string): Enrichment {
  const lexicon = bundledLexicon();
  const language = detectLanguage(text);
  let tokens: string[];
  if (language === 'zh') {
    segmentChinese ??= createChineseSegmenter(lexicon);
    tokens = segmentChinese(text);
  } else {
    tokens = tokenizeEnglish(text);
  }
  const resolved = resolveTokens(tokens, lexicon);
  const sentiment = scoreSentiment(resolved);
  return {
    language,
    sentiment,
    negative: classifySentiment(sentiment) === 'negative',
    topics: topicsOfMask(detectTopics(tokens, resolved.wordTerms)),
  };
}
