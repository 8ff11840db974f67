// Optional Laplace noise (P6, DP_EPSILON). The draw for a statistic is a keyed hash of the cell, the
// statistic and its true value, so an unchanged cell gets the same noise in every release: repeating
// releases does not let anyone average the noise away, and spends no new budget on that cell.
//
// Accounting (recorded per release in `releases`): the release budget ε is split evenly between the
// noised tables; inside a table, between the statistics one contributor can move in one cell (or in
// one company × month for topics), each drawn with scale = sensitivity / its share. Sensitivities come
// from the bounds in bound.ts: 1 for a contributor count, SENTIMENT_CAP for post counts, sentiment
// sums and negatives. Suppression decisions use true counts, and percentiles and shares are not
// noised: they are protected by k-anonymity and rounding only (see analytics/README.md).
import { createHmac } from 'node:crypto';

export class LaplaceNoise {
  readonly #seed: Buffer;

  constructor(seed: Buffer) {
    this.#seed = seed;
  }

  /** value + Laplace(sensitivity / epsilon), the same draw for the same label and value. */
  add(value: number, sensitivity: number, epsilon: number, ...label: (string | number)[]): number {
    const mac = createHmac('sha256', this.#seed);
    for (const part of [...label, value]) mac.update(`${String(part).length}:${String(part)}|`);
    const digest = mac.digest();
    // 48 random bits → u in (0, 1), never exactly 0 or 1.
    const u = (digest.readUIntBE(0, 6) + 0.5) / 2 ** 48;
    const scale = sensitivity / epsilon;
    const centred = u - 0.5;
    return value - scale * Math.sign(centred) * Math.log(1 - 2 * Math.abs(centred));
  }
}

/** The share of ε each noised table gets in one release. */
export const NOISED_TABLES = [
  'pub_sentiment_weekly',
  'pub_topics_monthly',
  'pub_salary_by_company',
  'pub_salary_by_city',
  'pub_salary_split',
] as const;

export const tableEpsilon = (epsilon: number): number => epsilon / NOISED_TABLES.length;
