// The sums an attacker holding every published table can form (the Equations complementary
// suppression must survive). Each one is a signed sum of cells that equals zero:
//   - contributors: the level cells of a company × family × year add up to its split cell;
//   - contributors: the city cells of a family × year add up to the split cells of that family × year;
//   - posts: the week cells of a company add up to its month totals (readable as topic posts / share)
//     over any stretch between two month starts that fall on a Monday, where weeks and months align.
// Caps can break the last identity; it is assumed to hold, which is the attacker's best case.
import type { Equation, Term } from './suppress.ts';

export interface Indexed<T> {
  cell: number;
  data: T;
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

const SEP = '\u0000';

export function salaryEquations(
  levelCells: readonly Indexed<{ place: string; jobFamily: string; year: number; contributors: number }>[],
  cityCells: readonly Indexed<{ jobFamily: string; year: number; contributors: number }>[],
  splitCells: readonly Indexed<{ company: string; jobFamily: string; year: number; contributors: number }>[],
): Equation[] {
  const equations: Equation[] = [];
  const levelsBySplit = groupBy(levelCells, (c) => [c.data.place, c.data.jobFamily, c.data.year].join(SEP));
  for (const split of splitCells) {
    const levels =
      levelsBySplit.get([split.data.company, split.data.jobFamily, split.data.year].join(SEP)) ?? [];
    equations.push({
      terms: [
        ...levels.map((l): Term => ({ cell: l.cell, coef: 1, value: l.data.contributors })),
        { cell: split.cell, coef: -1, value: split.data.contributors },
      ],
    });
  }
  const citiesByFamilyYear = groupBy(cityCells, (c) => c.data.jobFamily + SEP + c.data.year);
  const splitsByFamilyYear = groupBy(splitCells, (c) => c.data.jobFamily + SEP + c.data.year);
  for (const [key, splits] of splitsByFamilyYear) {
    const cities = citiesByFamilyYear.get(key) ?? [];
    equations.push({
      terms: [
        ...cities.map((c): Term => ({ cell: c.cell, coef: 1, value: c.data.contributors })),
        ...splits.map((s): Term => ({ cell: s.cell, coef: -1, value: s.data.contributors })),
      ],
    });
  }
  return equations;
}

const DAY_MS = 86_400_000;
const dayOfIso = (iso: string): number => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** First days (days since epoch) of months that start on a Monday, from `fromDay` up to `toDay`. */
export function alignedMonthStarts(fromDay: number, toDay: number): number[] {
  const starts: number[] = [];
  const from = new Date(fromDay * DAY_MS);
  for (let y = from.getUTCFullYear(), m = from.getUTCMonth(); ; m++) {
    const start = Date.UTC(y, m, 1) / DAY_MS;
    if (start > toDay) break;
    if (new Date(start * DAY_MS).getUTCDay() === 1) starts.push(start);
  }
  return starts;
}

export function postEquations(
  weekCells: readonly Indexed<{ company: string; weekStart: string; posts: number }>[],
  monthTotals: readonly Indexed<{ company: string; month: string; posts: number }>[],
  currentMonthStartDay: number,
): Equation[] {
  const equations: Equation[] = [];
  const weeksByCompany = groupBy(weekCells, (c) => c.data.company);
  const monthsByCompany = groupBy(monthTotals, (c) => c.data.company);
  for (const [company, months] of monthsByCompany) {
    const weeks = weeksByCompany.get(company) ?? [];
    const days = [
      ...weeks.map((w) => dayOfIso(w.data.weekStart)),
      ...months.map((m) => dayOfIso(m.data.month)),
    ];
    const first = Math.min(...days);
    // Segments [-∞, b1), [b1, b2), …: only those ending by the current month are complete.
    const bounds = [Number.NEGATIVE_INFINITY, ...alignedMonthStarts(first, currentMonthStartDay)];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const lo = bounds[i]!;
      const hi = bounds[i + 1]!;
      const inSegment = (day: number) => day >= lo && day < hi;
      const terms: Term[] = [
        ...weeks
          .filter((w) => inSegment(dayOfIso(w.data.weekStart)))
          .map((w): Term => ({ cell: w.cell, coef: 1, value: w.data.posts })),
        ...months
          .filter((m) => inSegment(dayOfIso(m.data.month)))
          .map((m): Term => ({ cell: m.cell, coef: -1, value: m.data.posts })),
      ];
      if (terms.length > 0) equations.push({ terms });
    }
  }
  return equations;
}
