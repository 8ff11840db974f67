// Qualifiers whose polarity depends on what they describe: "low pay" and "工资低" are bad,
// "low pressure" is good, "long hours" and "加班多" are bad. Also "no bonus" / "年终奖没了".
import { isFiller, nearestInClause, WINDOW } from './context.ts';
import type { AspectClass } from './lexicon.ts';
import type { ResolvedTokens } from './resolve.ts';
import { isBoundary } from './tokens.ts';

/**
 * Valence of (target class, qualifier direction) on the AFINN scale. Pay going down (-2) is a
 * clear complaint; burden going down (+1.5) is praised less strongly than burden going up is
 * condemned (-2), as people mention light workload more matter-of-factly.
 */
export const ASPECT_VALENCE: Record<AspectClass, { up: number; down: number }> = {
  pay: { up: 2, down: -2 },
  burden: { up: -2, down: 1.5 },
};

/** Item flags set here and read by the sentiment pass. */
export const CONSUMED_BY_QUALIFIER = 1;
/** The valence already includes a negation: ignore negators before it. */
export const NEGATION_APPLIED = 2;

const POST_NEGATION_ENDINGS = new Set(['了', '啦', '的', '吧']);

/**
 * Rewrites `base` valences for qualifiers and negated targets. `base` holds each item's own
 * valence on entry; `flags` receives the flags above.
 */
export function applyAspects(resolved: ResolvedTokens, base: Float64Array, flags: Uint8Array): void {
  const { terms } = resolved;
  for (let index = 0; index < terms.length; index++) {
    const qualifier = terms[index]?.qualifier;
    if (qualifier === undefined) continue;
    const target = nearestInClause(resolved, index, (other) => terms[other]?.target !== undefined);
    if (target < 0) continue;
    const valence = ASPECT_VALENCE[terms[target]!.target!];
    base[index] = qualifier > 0 ? valence.up : valence.down;
    // A compound of targets is one aspect: in 涨薪幅度低 / "salary raises are low" the qualifier
    // replaces the valence of every noun in the compound, not only the nearest.
    for (let step = -1; step <= 1; step += 2) {
      for (let other = target; terms[other]?.target !== undefined; other += step) {
        base[other] = 0;
        flags[other]! |= CONSUMED_BY_QUALIFIER;
      }
    }
  }
  for (let index = 0; index < terms.length; index++) {
    const aspect = terms[index]?.target;
    if (aspect === undefined || flags[index]! & CONSUMED_BY_QUALIFIER) continue;
    if (isNegatedAfter(resolved, index) || isNegatedBefore(resolved, index)) {
      // "no bonus", "没有加班费", "年终奖没了", "不加班": the absence of a target is the same as
      // qualifying it "down", whatever the target's own valence ("bonus" +1 would only flip to -0.74).
      base[index] = ASPECT_VALENCE[aspect].down;
      flags[index]! |= NEGATION_APPLIED;
    }
  }
}

function isNegatedBefore({ tokens, terms }: ResolvedTokens, index: number): boolean {
  let reach = WINDOW;
  for (let before = index - 1; before >= 0 && before >= index - reach; before--) {
    const token = tokens[before]!;
    if (isBoundary(token) || terms[before]?.valence !== undefined) return false;
    if (isFiller(token)) {
      reach++;
      continue;
    }
    if (terms[before]?.negate !== undefined) return true;
  }
  return false;
}

// Chinese puts "gone/none" after the thing: 年终奖没了, 加班费都没有. Only counts when the negator
// ends the clause (or is followed by a particle), so 奖金没发下来 is left to the general rules.
function isNegatedAfter({ tokens, terms }: ResolvedTokens, index: number): boolean {
  for (let after = index + 1; after < tokens.length && after <= index + 2; after++) {
    const token = tokens[after]!;
    if (isBoundary(token)) return false;
    if (terms[after]?.negate !== undefined) {
      const next = tokens[after + 1];
      return next === undefined || isBoundary(next) || POST_NEGATION_ENDINGS.has(next);
    }
  }
  return false;
}
