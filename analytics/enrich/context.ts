// Small helpers for "is there an X near token i in the same clause?" used by several rules.
import type { Euphemism } from './lexicon.ts';
import type { ResolvedTokens } from './resolve.ts';
import { isBoundary } from './tokens.ts';

/** How far (in tokens) a negator, modifier, qualifier or trigger reaches. */
export const WINDOW = 3;

// Determiners do not use up a window: "nobody has had a raise" still negates "raise".
const FILLERS = new Set([
  'a',
  'an',
  'the',
  'any',
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'its',
  'this',
  'that',
  '个',
]);

export function isFiller(token: string): boolean {
  return FILLERS.has(token);
}

/** Whether a euphemism such as 优化 has one of its triggers (被, 员工, 一批 …) nearby. */
export function euphemismApplies(tokens: readonly string[], index: number, euphemism: Euphemism): boolean {
  for (let step = -1; step <= 1; step += 2) {
    for (let distance = 1; distance <= WINDOW; distance++) {
      const token = tokens[index + step * distance];
      if (token === undefined || isBoundary(token)) break;
      if (euphemism.triggers.has(token)) return true;
    }
  }
  return false;
}

/** Index of the nearest item within WINDOW in the same clause that satisfies `accept`, or -1. */
export function nearestInClause(
  { tokens }: ResolvedTokens,
  index: number,
  accept: (other: number) => boolean,
): number {
  let forwardOpen = true;
  let backwardOpen = true;
  for (let distance = 1; distance <= WINDOW; distance++) {
    const after = index + distance;
    if (forwardOpen && (after >= tokens.length || isBoundary(tokens[after]!))) forwardOpen = false;
    if (forwardOpen && accept(after)) return after;
    const before = index - distance;
    if (backwardOpen && (before < 0 || isBoundary(tokens[before]!))) backwardOpen = false;
    if (backwardOpen && accept(before)) return before;
  }
  return -1;
}
