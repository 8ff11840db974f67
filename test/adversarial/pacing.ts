// Randomness for the personas: seeded, so a run repeats exactly, and shaped like people (log-normal
// think times) or like scripts (uniform jitter).
export { seededRandom } from '../support/personas.ts';

/** A log-normal pause around `medianMs`: most short, a few long, like a person reading. */
export function logNormal(random: () => number, medianMs: number, sigma = 1): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(medianMs * Math.exp(sigma * normal));
}

export const uniform = (random: () => number, lowMs: number, highMs: number): number =>
  Math.round(lowMs + random() * (highMs - lowMs));

export const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
