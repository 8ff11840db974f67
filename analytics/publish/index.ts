// publish(): rebuilds every published table from the facts with P6 applied (A3), as one release:
// bound contributions (bound.ts) → primary suppression below K_ANON (kanon.ts) → complementary
// suppression against every sum an attacker can form (equations.ts, suppress.ts) → optional
// Laplace noise (noise.ts) → one transaction replacing the pub_ tables (write.ts).
// Suppressed cells stay as rows: suppressed = true and every statistic null. Salary amounts are
// annual USD totals (base + bonus + equity) at the ECB rates of analytics/rates.ts.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../api/clock.ts';
import type { Config } from '../../api/config.ts';
import { monthOf } from '../cells.ts';
import { inTransaction } from '../etl/load.ts';
import { RATES_DATE } from '../rates.ts';
import { readState, type Warehouse, writeState } from '../warehouse.ts';
import {
  boundedSalaryByCity,
  boundedSalaryByCompany,
  boundedSalarySplit,
  boundedSentiment,
  boundedTopics,
} from './bound.ts';
import { type Indexed, postEquations, salaryEquations } from './equations.ts';
import { type ProtectedCell, primarySuppression } from './kanon.ts';
import { LaplaceNoise, tableEpsilon } from './noise.ts';
import { complementarySuppression } from './suppress.ts';
import { isoDate, nextReleaseId, type ReleaseRows, type Row, writeRelease } from './write.ts';

export interface PublishDeps {
  warehouse: Warehouse;
  clock: Clock;
  config: Pick<Config, 'kAnon' | 'sentimentCap' | 'dpEpsilon'>;
  /** Off only to demonstrate the subtraction attack in tests. */
  complementary?: boolean;
}

export interface PublishSummary {
  releaseId: number;
  rows: Record<keyof ReleaseRows, number>;
  primarySuppressed: number;
  complementarySuppressed: number;
  epsilon: number | null;
  epsilonSpent: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const clamp = (value: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, value));

export async function publish(deps: PublishDeps): Promise<PublishSummary> {
  const { warehouse, clock, config } = deps;
  return warehouse.exclusive(async (writer) => {
    const now = clock.now();
    const today = now.toISOString().slice(0, 10);
    const cap = config.sentimentCap;
    const k = config.kAnon;

    const sentiment = await boundedSentiment(writer, cap, today);
    const { topics, totals } = await boundedTopics(writer, cap, today);
    const byCompany = await boundedSalaryByCompany(writer);
    const byCity = await boundedSalaryByCity(writer);
    const splits = await boundedSalarySplit(writer);
    const names = new Map(
      (await writer.runAndReadAll('SELECT company_slug, company_name FROM dim_company'))
        .getRowObjectsJS()
        .map((r) => [String(r.company_slug), String(r.company_name)]),
    );
    const nameOf = (slug: string) => names.get(slug) ?? slug;

    // One array of cells for every published statistic that can be suppressed.
    const cells: ProtectedCell[] = [];
    const index = <T extends { contributors: number }>(data: readonly T[]): Indexed<T>[] =>
      data.map((d) => ({
        cell: cells.push({ contributors: d.contributors, suppressed: false }) - 1,
        data: d,
      }));
    const companyCells = index(byCompany);
    const cityCells = index(byCity);
    const splitCells = index(splits);
    const weekCells = index(sentiment);
    const topicCells = index(topics);
    const primarySuppressed = primarySuppression(cells, k);

    // A month's total posts is readable from any published topic cell (posts / share): a pseudo
    // cell, hidden only when every topic cell of that month is.
    const topicsByMonth = new Map<string, number[]>();
    for (const t of topicCells) {
      const key = `${t.data.company}\u0000${t.data.month}`;
      topicsByMonth.set(key, [...(topicsByMonth.get(key) ?? []), t.cell]);
    }
    const totalCells = totals.map((total) => {
      const members = topicsByMonth.get(`${total.company}\u0000${total.month}`) ?? [];
      const hidden = members.every((m) => cells[m]!.suppressed);
      const cell =
        cells.push({
          contributors: total.contributors,
          suppressed: hidden,
          pseudo: true,
          alsoSuppress: members,
        }) - 1;
      return { cell, data: total };
    });

    const equations = [
      ...salaryEquations(companyCells, cityCells, splitCells),
      ...postEquations(weekCells, totalCells, monthOf(now.getTime()).startDay),
    ];
    const complementarySuppressed =
      deps.complementary === false ? 0 : complementarySuppression(cells, equations);

    // Noise, drawn deterministically per cell and value (noise.ts).
    const epsilon = config.dpEpsilon ?? null;
    const noise = epsilon ? new LaplaceNoise(await noiseSeed(writer)) : null;
    const eps = epsilon ? tableEpsilon(epsilon) : 0;
    const spent = new Set<string>();
    const noisy = (
      table: string,
      value: number,
      sensitivity: number,
      share: number,
      ...label: (string | number)[]
    ) => {
      if (!noise) return value;
      spent.add(table);
      return noise.add(value, sensitivity, eps * share, table, ...label);
    };
    const shown = (cell: number) => !cells[cell]!.suppressed;
    const monthTotal = new Map(totals.map((m) => [`${m.company}\u0000${m.month}`, m.posts]));
    const count = (value: number) => Math.max(k, Math.round(value));

    const rows: ReleaseRows = {
      pub_salary_by_company: companyCells.map(({ cell, data: c }): Row => {
        const open = shown(cell);
        const n = open
          ? count(noisy('pub_salary_by_company', c.contributors, 1, 1, c.place, c.jobFamily, c.level, c.year))
          : null;
        const [p25, p50, p75, p90] = open ? c.percentiles : [null, null, null, null];
        return [c.place, nameOf(c.place), c.jobFamily, c.level, c.year, n, p25, p50, p75, p90, !open];
      }),
      pub_salary_by_city: cityCells.map(({ cell, data: c }): Row => {
        const open = shown(cell);
        const n = open
          ? count(noisy('pub_salary_by_city', c.contributors, 1, 1, c.place, c.jobFamily, c.year))
          : null;
        const [p25, p50, p75, p90] = open ? c.percentiles : [null, null, null, null];
        return [c.place, c.jobFamily, c.year, n, p25, p50, p75, p90, !open];
      }),
      pub_salary_split: splitCells.map(({ cell, data: s }): Row => {
        const open = shown(cell);
        const n = open
          ? count(noisy('pub_salary_split', s.contributors, 1, 1, s.company, s.jobFamily, s.year))
          : null;
        return [
          s.company,
          nameOf(s.company),
          s.jobFamily,
          s.year,
          n,
          open ? round(s.baseShare, 3) : null,
          open ? round(s.bonusShare, 3) : null,
          open ? round(s.equityShare, 3) : null,
          !open,
        ];
      }),
      pub_sentiment_weekly: weekCells.map(({ cell, data: w }): Row => {
        const label = [w.company, w.isoWeek];
        if (!shown(cell))
          return [
            w.company,
            nameOf(w.company),
            isoDate(w.weekStart),
            w.isoWeek,
            null,
            null,
            null,
            null,
            true,
          ];
        const table = 'pub_sentiment_weekly';
        const contributors = count(noisy(table, w.contributors, 1, 1 / 4, 'contributors', ...label));
        const posts = Math.max(1, noisy(table, w.posts, cap, 1 / 4, 'posts', ...label));
        const sum = noisy(table, w.sentimentSum, cap, 1 / 4, 'sentiment', ...label);
        const negatives = noisy(table, w.negatives, cap, 1 / 4, 'negatives', ...label);
        return [
          w.company,
          nameOf(w.company),
          isoDate(w.weekStart),
          w.isoWeek,
          Math.round(posts),
          contributors,
          round(clamp(sum / posts, -1, 1), 3),
          round(clamp(negatives / posts, 0, 1), 3),
          false,
        ];
      }),
      pub_topics_monthly: topicCells.map(({ cell, data: t }): Row => {
        if (!shown(cell))
          return [t.company, nameOf(t.company), isoDate(t.month), t.topic, null, null, null, true];
        const table = 'pub_topics_monthly';
        // Per company × month: 7 topics × (contributors, posts) + the total = 15 statistics.
        const share = 1 / 15;
        const total = monthTotal.get(`${t.company}\u0000${t.month}`) ?? t.posts;
        const noisyTotal = Math.max(1, noisy(table, total, cap, share, 'total', t.company, t.month));
        const posts = Math.max(0, noisy(table, t.posts, cap, share, 'posts', t.company, t.month, t.topic));
        const contributors = count(
          noisy(table, t.contributors, 1, share, 'contributors', t.company, t.month, t.topic),
        );
        return [
          t.company,
          nameOf(t.company),
          isoDate(t.month),
          t.topic,
          Math.round(posts),
          contributors,
          round(clamp(posts / noisyTotal, 0, 1), 3),
          false,
        ];
      }),
    };

    const releaseId = await nextReleaseId(writer);
    const epsilonSpent = epsilon ? spent.size * eps : 0;
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString();
    const notes =
      `k=${k}; sentiment cap ${cap} posts per contributor and cell; primary suppressed ${primarySuppressed}, ` +
      `complementary ${complementarySuppressed}; salaries: annual USD totals at ECB ${RATES_DATE} rates, rounded to 1000; ` +
      (epsilon ? `Laplace noise, epsilon ${epsilon} split over ${spent.size} tables` : 'no noise');
    const withRelease = Object.fromEntries(
      Object.entries(rows).map(([table, list]) => [table, (list as Row[]).map((row) => [...row, releaseId])]),
    ) as unknown as ReleaseRows;
    await inTransaction(writer, () =>
      writeRelease(
        writer,
        {
          releaseId,
          createdAtHour: `${hour.slice(0, 10)} ${hour.slice(11, 19)}`,
          kAnon: k,
          epsilon,
          epsilonSpent,
          notes,
        },
        withRelease,
      ),
    );
    return {
      releaseId,
      rows: Object.fromEntries(
        Object.entries(rows).map(([t, list]) => [t, (list as Row[]).length]),
      ) as Record<keyof ReleaseRows, number>,
      primarySuppressed,
      complementarySuppressed,
      epsilon,
      epsilonSpent,
    };
  });
}

/** The noise key lives in the warehouse: only published tables are protected by it (noise.ts). */
async function noiseSeed(writer: Parameters<typeof readState>[0]): Promise<Buffer> {
  const stored = await readState(writer, 'noise_seed');
  if (stored) return Buffer.from(stored, 'base64');
  const seed = randomBytes(32);
  await writeState(writer, 'noise_seed', seed.toString('base64'));
  return seed;
}
