// The vocabulary of the published tables: levels, job families, topics, bot decisions, and how
// each is written for people. Shared by the data API (filter validation) and the chart specs.
import { JOB_FAMILIES, type JobFamily } from '../api/salaries/salary-rules.ts';

export const LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'] as const;

export { JOB_FAMILIES, type JobFamily };

export const TOPICS = ['overtime', 'layoffs', 'pay', 'management', 'promotion', 'health', 'culture'] as const;

/** S3: what the scraper defence decided for a request. */
export const DECISIONS = ['allow', 'throttle', 'challenge', 'block'] as const;

const SPECIAL_LABELS: Record<string, string> = {
  overtime: 'Overtime / 996',
  people: 'People (HR)',
};

/** "engineering" → "Engineering"; a few words get a longer, clearer name. */
export function labelFor(value: string): string {
  return SPECIAL_LABELS[value] ?? value.charAt(0).toUpperCase() + value.slice(1);
}
