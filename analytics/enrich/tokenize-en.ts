// Splits English (or any non-Chinese) text into lowercase tokens for the scorer.
// One regular expression pass: words keep inner apostrophes ("don't") and "+N" ("n+1"), numbers
// keep decimals ("3.25"), Han runs and emoji are tokens, punctuation becomes boundary markers.
import { CLAUSE_BREAK, QUESTION_END, SENTENCE_END } from './tokens.ts';

const TOKEN =
  /[a-z0-9]+(?:\.\d+)?(?:'[a-z]+)*(?:\+\d+)?|[\u3400-\u9fff\uf900-\ufaff]+|[.!?\n。！？]+|[,;:()\u2014\u2013，；：]|\p{Extended_Pictographic}/gu;
// The same without the Unicode-aware parts, for the common all-ASCII post (a non-/u regex is faster).
const ASCII_TOKEN = /[a-z0-9]+(?:\.\d+)?(?:'[a-z]+)*(?:\+\d+)?|[.!?\n]+|[,;:()]/g;
const NON_ASCII = /[\u0080-\uffff]/;

export function tokenizeEnglish(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes('\u2019')) lower = lower.replaceAll('\u2019', "'");
  const tokens: string[] = [];
  const pattern = NON_ASCII.test(lower) ? TOKEN : ASCII_TOKEN;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(lower); match !== null; match = pattern.exec(lower)) {
    const token = match[0];
    const first = token.charCodeAt(0);
    if (token === ',' || token === ';' || token === ':' || token === '(' || token === ')') {
      tokens.push(CLAUSE_BREAK);
    } else if (
      first === 0x2014 ||
      first === 0x2013 ||
      first === 0xff0c ||
      first === 0xff1b ||
      first === 0xff1a
    ) {
      tokens.push(CLAUSE_BREAK);
    } else if (isSentencePunctuation(first)) {
      tokens.push(token.includes('?') || token.includes('？') ? QUESTION_END : SENTENCE_END);
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

function isSentencePunctuation(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x21 ||
    code === 0x3f ||
    code === 0x0a ||
    code === 0x3002 ||
    code === 0xff01 ||
    code === 0xff1f
  );
}
