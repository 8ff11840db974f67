// Calendar periods (UTC) that key chains step through: day, month, year. A period is an integer
// index so chains can count steps; helpers turn indices back into dates and labels.

export type Cadence = 'day' | 'month' | 'year';

const DAY_MS = 86_400_000;

export function periodIndex(cadence: Cadence, at: Date): number {
  switch (cadence) {
    case 'day':
      return Math.floor(at.getTime() / DAY_MS);
    case 'month':
      return at.getUTCFullYear() * 12 + at.getUTCMonth();
    case 'year':
      return at.getUTCFullYear();
  }
}

export function periodStart(cadence: Cadence, index: number): Date {
  switch (cadence) {
    case 'day':
      return new Date(index * DAY_MS);
    case 'month':
      return new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
    case 'year':
      return new Date(Date.UTC(index, 0, 1));
  }
}

/** The first instant after the period. */
export function periodEnd(cadence: Cadence, index: number): Date {
  return periodStart(cadence, index + 1);
}

export function periodLabel(cadence: Cadence, index: number): string {
  const iso = periodStart(cadence, index).toISOString();
  return cadence === 'day' ? iso.slice(0, 10) : cadence === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
}

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);
