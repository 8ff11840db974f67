// What every signal returns: a weight (0–100) and a stable reason code. The decision layer adds
// the weights of one request's evidence into its score; the reasons go into bot_events.

export interface Evidence {
  readonly weight: number;
  readonly reason: string;
}

/** Evidence with a positive weight, or nothing (a weight of 0 in the policy turns a signal off). */
export function evidence(reason: string, weight: number): Evidence[] {
  return weight > 0 ? [{ reason, weight }] : [];
}

/** The sum of the weights, capped at 100. */
export function scoreOf(items: readonly Evidence[]): number {
  let total = 0;
  for (const item of items) total += item.weight;
  return Math.min(100, total);
}

/** Reasons, heaviest first, each once. */
export function reasonsOf(items: readonly Evidence[]): string[] {
  return [...new Set([...items].sort((a, b) => b.weight - a.weight).map((item) => item.reason))];
}
