// The calendar cells of the warehouse (UTC): ISO weeks and months, and which warehouse key period
// guards each. A week cell is keyed by the month of its Thursday (the day that names its ISO year),
// a month cell by that month, a salary cell by the report's submission year.
import { periodIndex, periodLabel, periodStart } from '../api/keys/periods.ts';

const DAY_MS = 86_400_000;

export interface WeekCell {
  /** 'YYYY-Www' */
  readonly isoWeek: string;
  /** Days since 1970-01-01 of the week's Monday. */
  readonly startDay: number;
  /** warehouseMonth period index of the week's Thursday. */
  readonly keyMonth: number;
}

export interface MonthCell {
  /** warehouseMonth period index (year × 12 + month). */
  readonly month: number;
  /** Days since 1970-01-01 of the month's first day. */
  readonly startDay: number;
}

const weekCache = new Map<number, WeekCell>();

/** The ISO week containing the instant `ms`. */
export function weekOf(ms: number): WeekCell {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: with Monday = 0 it is weekday 3.
  const monday = day - ((day + 3) % 7);
  const cached = weekCache.get(monday);
  if (cached) return cached;
  const thursday = new Date((monday + 3) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((monday + 3 - Date.UTC(isoYear, 0, 1) / DAY_MS) / 7) + 1;
  const cell: WeekCell = {
    isoWeek: `${isoYear}-W${String(week).padStart(2, '0')}`,
    startDay: monday,
    keyMonth: periodIndex('month', thursday),
  };
  if (weekCache.size > 10_000) weekCache.clear();
  weekCache.set(monday, cell);
  return cell;
}

const monthCache = new Map<number, MonthCell>();

/** The calendar month containing the instant `ms`. */
export function monthOf(ms: number): MonthCell {
  const day = Math.floor(ms / DAY_MS);
  const cached = monthCache.get(day);
  if (cached) return cached;
  const month = periodIndex('month', new Date(day * DAY_MS));
  const cell: MonthCell = { month, startDay: Math.round(periodStart('month', month).getTime() / DAY_MS) };
  if (monthCache.size > 10_000) monthCache.clear();
  monthCache.set(day, cell);
  return cell;
}

const labelCache = new Map<number, string>();

export function monthLabel(month: number): string {
  let label = labelCache.get(month);
  if (label === undefined) {
    label = periodLabel('month', month);
    if (labelCache.size > 10_000) labelCache.clear();
    labelCache.set(month, label);
  }
  return label;
}
export const yearLabel = (year: number): string => String(year);
export const dayToIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const isoToDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const dayOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);
