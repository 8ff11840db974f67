// Token conventions shared by both tokenisers: lowercase words plus three boundary markers.
// Boundaries end negation and qualifier windows; sentence ends also close "but" re-weighting.

/** End of a statement (. ! newline, 。！). */
export const SENTENCE_END = '.';
/** End of a question (? ？): its sentiment counts less, questions are mostly neutral asks. */
export const QUESTION_END = '?';
/** Clause break (, ; : and their CJK forms). */
export const CLAUSE_BREAK = ',';

export function isBoundary(token: string): boolean {
  return token === SENTENCE_END || token === QUESTION_END || token === CLAUSE_BREAK;
}
