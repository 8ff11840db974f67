// Times as the public sees them (P1): truncated to PUBLIC_TIME_GRANULARITY so two posts in two
// threads cannot be paired by their exact second. Every time in a forum or salary response goes
// through here; order inside a thread comes from positions, never from these.
import type { TimeGranularity } from '../config.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function truncateTime(at: Date, granularity: TimeGranularity): Date {
  const step = granularity === 'day' ? DAY_MS : HOUR_MS;
  return new Date(Math.floor(at.getTime() / step) * step);
}

/** ISO 8601 in UTC, truncated: "2026-03-02T10:00:00.000Z" (hour) or "2026-03-02T00:00:00.000Z" (day). */
export function publicTime(at: Date, granularity: TimeGranularity): string {
  return truncateTime(at, granularity).toISOString();
}
