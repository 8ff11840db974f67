import { describe, expect, it } from 'vitest';
import { publicTime, truncateTime } from '../../../api/forum/public-time.ts';

describe('public times', () => {
  const at = new Date('2026-03-02T10:47:31.123Z');

  it('truncates to the hour', () => {
    expect(publicTime(at, 'hour')).toBe('2026-03-02T10:00:00.000Z');
  });

  it('truncates to the day (UTC)', () => {
    expect(publicTime(at, 'day')).toBe('2026-03-02T00:00:00.000Z');
    expect(publicTime(new Date('2026-03-02T23:59:59.999Z'), 'day')).toBe('2026-03-02T00:00:00.000Z');
  });

  it('never moves a time forward', () => {
    for (const ms of [0, 1, 3_599_999, 3_600_000, 86_399_999]) {
      const t = new Date(Date.UTC(2026, 0, 1) + ms);
      expect(truncateTime(t, 'hour').getTime()).toBeLessThanOrEqual(t.getTime());
      expect(t.getTime() - truncateTime(t, 'hour').getTime()).toBeLessThan(3_600_000);
    }
  });
});
