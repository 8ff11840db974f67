// Topic tags of a post's tokens: keyword and phrase rules from the lexicon, euphemisms in context
// and stated long hours ("70 hour weeks", "12个小时", "11pm", "晚上十点") for overtime. Works on the
// input tokens, not the merged phrases, so a sentiment phrase ("denied promotion") never hides a
// topic word.
import { euphemismApplies } from './context.ts';
import { isLongHours } from './hours.ts';
import type { Term } from './lexicon.ts';
import { matchPhrase } from './resolve.ts';
import { topicBit } from './topic-names.ts';

const OVERTIME = topicBit('overtime');

/** `wordTerms[i]` is the lexicon entry of `tokens[i]` (see ResolvedTokens.wordTerms). */
export function detectTopics(tokens: readonly string[], wordTerms: readonly (Term | undefined)[]): number {
  let mask = 0;
  for (let index = 0; index < tokens.length; index++) {
    const term = wordTerms[index];
    if (term !== undefined) {
      mask |= term.topics;
      if (term.topicPhrases !== undefined)
        mask |= matchPhrase(term.topicPhrases, tokens, index)?.term.topics ?? 0;
      if (term.euphemism !== undefined && euphemismApplies(tokens, index, term.euphemism)) {
        mask |= term.euphemism.topics;
      }
    } else if (!(mask & OVERTIME) && isLongHours(tokens, index)) {
      mask |= OVERTIME;
    }
  }
  return mask;
}
