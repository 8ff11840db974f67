// Looks every token up in the lexicon, merging multi-word phrases ("laid off", "kind of") into one
// item, so the sentiment and topic passes walk the same resolved items.
import type { Lexicon, Phrase, Term } from './lexicon.ts';

export interface ResolvedTokens {
  /** Token text per item (a merged phrase is its words joined by spaces). */
  tokens: string[];
  /** Lexicon entry per item, undefined for unknown words and boundaries. */
  terms: (Term | undefined)[];
  /** The lexicon entry of each input token on its own, before phrase merging (for topics). */
  wordTerms: (Term | undefined)[];
}

// Any "…n't" the lexicon does not list ("mustn't", "needn't") still negates.
const CONTRACTED_NEGATOR: Term = {
  valence: undefined,
  negate: -0.74,
  scale: undefined,
  contrast: undefined,
  target: undefined,
  qualifier: undefined,
  topics: 0,
  euphemism: undefined,
  phrases: undefined,
  topicPhrases: undefined,
};

export function resolveTokens(input: string[], lexicon: Lexicon): ResolvedTokens {
  const terms = lexicon.terms;
  const wordTerms: (Term | undefined)[] = new Array(input.length);
  for (let index = 0; index < input.length; index++) wordTerms[index] = lookup(input[index]!, terms);
  let tokens = input as string[];
  let resolved = wordTerms;
  let merged = false;
  for (let index = 0; index < input.length; index++) {
    const term = wordTerms[index];
    const phrase = term?.phrases ? matchPhrase(term.phrases, input, index) : undefined;
    if (phrase === undefined) {
      if (merged) {
        tokens.push(input[index]!);
        resolved.push(term);
      }
      continue;
    }
    if (!merged) {
      // Most posts have no phrase: copy only once the first one is found.
      merged = true;
      tokens = input.slice(0, index);
      resolved = wordTerms.slice(0, index);
    }
    tokens.push(input.slice(index, index + 1 + phrase.rest.length).join(' '));
    resolved.push(phrase.term);
    index += phrase.rest.length;
  }
  return { tokens, terms: resolved, wordTerms };
}

export function lookup(token: string, terms: Lexicon['terms']): Term | undefined {
  const term = terms.get(token);
  if (term !== undefined) return term;
  if (token.length > 3 && token.endsWith("n't")) return CONTRACTED_NEGATOR;
  if (token.length > 2 && token.endsWith("'s")) return terms.get(token.slice(0, -2));
  return undefined;
}

/** The longest of `phrases` (sorted longest first) whose remaining words follow `index`. */
export function matchPhrase(
  phrases: readonly Phrase[],
  input: readonly string[],
  index: number,
): Phrase | undefined {
  for (const phrase of phrases) {
    let matches = index + phrase.rest.length < input.length;
    for (let offset = 0; matches && offset < phrase.rest.length; offset++) {
      matches = input[index + 1 + offset] === phrase.rest[offset];
    }
    if (matches) return phrase;
  }
  return undefined;
}
