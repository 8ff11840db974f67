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

export const AMOUNT_BOUNDS = {
  base: { min: 1, max: 10_000_000 },
  bonus: { min: 0, max: 10_000_000 },
  equity: { min: 0, max: 50_000_000 },
} as const;

/** Amounts are stored as numeric(14, 2): cents at most. */
export function checkAmount(field: keyof typeof AMOUNT_BOUNDS, value: number): number {
  const cents = value * 100;
  if (Math.abs(cents - Math.round(cents)) > 1e-6)
    throw badRequest('INVALID_AMOUNT', `${field} may have at most two decimals; got ${value}.`);
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
