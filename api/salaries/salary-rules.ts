// What a salary report may say: the job families, the level ladder, the currencies we accept and
// the bounds on amounts. Enumerations keep aggregates comparable (and free text out of cells).
import { badRequest } from '../errors.ts';

export const JOB_FAMILIES = [
  'engineering',
  'product',
  'design',
  'data',
  'sales',
  'marketing',
  'operations',
  'people',
  'finance',
  'legal',
  'support',
] as const;
export type JobFamily = (typeof JOB_FAMILIES)[number];

/** One ladder for every company, so levels compare across employers. */
export const LEVEL_LADDER = {
  L1: 'entry: first job in the field, intern-to-hire, new graduate',
  L2: 'junior: works on defined tasks with guidance',
  L3: 'intermediate: owns features or accounts independently',
  L4: 'senior: leads projects, mentors others',
  L5: 'staff or lead, or first-line manager',
  L6: 'principal, or manager of managers',
  L7: 'director, or distinguished individual contributor',
  L8: 'executive: vice president or C-level',
} as const;
export type Level = keyof typeof LEVEL_LADDER;
export const LEVELS = Object.keys(LEVEL_LADDER) as Level[];

/** ISO 4217 codes of the currencies salaries are commonly paid in where our users work. */
// biome-ignore format: a table of codes reads better than one per line
export const CURRENCIES = [
  'CNY', 'USD', 'EUR', 'GBP', 'JPY', 'INR', 'SGD', 'HKD', 'CAD', 'AUD', 'CHF', 'KRW', 'TWD', 'MOP',
  'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'ILS', 'AED', 'SAR', 'BRL', 'MXN', 'ZAR', 'THB',
  'MYR', 'IDR', 'PHP', 'VND', 'TRY', 'EGP', 'NGN', 'KES', 'ARS', 'CLP', 'COP',
] as const;
export type Currency = (typeof CURRENCIES)[number];

export const FIRST_REPORT_YEAR = 2000;

/**
 * Bounds on a yearly amount in US-dollar terms, so that they mean the same in every currency:
 * 10M in KRW or VND is an ordinary salary, in USD an extraordinary one.
 */
export const AMOUNT_BOUNDS_USD = {
  base: { min: 1, max: 10_000_000 },
  bonus: { min: 0, max: 10_000_000 },
  equity: { min: 0, max: 50_000_000 },
} as const;
export type AmountField = keyof typeof AMOUNT_BOUNDS_USD;

/**
 * Rough units of each currency per US dollar (late 2025, rounded) for those bounds only: they
 * catch a slipped digit, so a coarse figure is enough. Converting reports is the warehouse's job,
 * with its dated rate table (analytics/rates.ts).
 */
// biome-ignore format: a table of codes reads better than one per line
const UNITS_PER_USD: Readonly<Record<Currency, number>> = {
  CNY: 7.2, USD: 1, EUR: 0.95, GBP: 0.8, JPY: 150, INR: 85, SGD: 1.35, HKD: 7.8, CAD: 1.4,
  AUD: 1.55, CHF: 0.9, KRW: 1400, TWD: 32, MOP: 8, NZD: 1.7, SEK: 10.5, NOK: 11, DKK: 7, PLN: 4,
  CZK: 23, HUF: 370, ILS: 3.6, AED: 3.67, SAR: 3.75, BRL: 5.6, MXN: 19, ZAR: 18, THB: 34, MYR: 4.4,
  IDR: 16_000, PHP: 57, VND: 25_000, TRY: 40, EGP: 48, NGN: 1_500, KES: 129, ARS: 1_200, CLP: 950,
  COP: 4_000,
};

/** Amounts are stored as numeric(14, 2). */
const STORABLE_MAX = 999_999_999_999;

/** The accepted range of `field` in `currency`, in that currency's units. */
export function amountBounds(field: AmountField, currency: Currency): { min: number; max: number } {
  const { min, max } = AMOUNT_BOUNDS_USD[field];
  return { min, max: Math.min(STORABLE_MAX, Math.round(max * UNITS_PER_USD[currency])) };
}

/** The widest range over every currency: what the request schema checks before the currency is known. */
export function widestAmountBounds(field: AmountField): { min: number; max: number } {
  return {
    min: AMOUNT_BOUNDS_USD[field].min,
    max: Math.max(...CURRENCIES.map((c) => amountBounds(field, c).max)),
  };
}

/** Cents at most, and within the field's bounds for the currency. */
export function checkAmount(field: AmountField, value: number, currency: Currency): number {
  const cents = value * 100;
  if (Math.abs(cents - Math.round(cents)) > 1e-6)
    throw badRequest('INVALID_AMOUNT', `${field} may have at most two decimals; got ${value}.`);
  const { max } = amountBounds(field, currency);
  if (value > max)
    throw badRequest(
      'INVALID_AMOUNT',
      `${field} may be at most ${max.toLocaleString('en-US')} ${currency} a year ` +
        `(about ${AMOUNT_BOUNDS_USD[field].max.toLocaleString('en-US')} US dollars); got ${value.toLocaleString('en-US')}. Check for an extra digit.`,
    );
  return Math.round(cents) / 100;
}

export function checkReportYear(year: number, now: Date): number {
  const current = now.getUTCFullYear();
  if (year < FIRST_REPORT_YEAR || year > current)
    throw badRequest(
      'INVALID_YEAR',
      `year must be from ${FIRST_REPORT_YEAR} to ${current} (the year the salary was paid); got ${year}.`,
    );
  return year;
}

// Control characters (C0, DEL, C1), tab and newline included: a city is one line.
const CONTROL = /\p{Cc}/u;

/** "  new   york " → "New York", "xi'an" → "Xi'an", "SAN-SEBASTIÁN" → "San-Sebastián"; 1–60 characters. */
export function cleanCity(raw: string): string {
  if (CONTROL.test(raw)) throw badRequest('CONTROL_CHARACTER', 'city must be plain text on one line.');
  const collapsed = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const length = [...collapsed].length;
  if (length < 1 || length > 60)
    throw badRequest('TEXT_LENGTH', `city must be 1–60 characters after trimming spaces; it has ${length}.`);
  return collapsed
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}
