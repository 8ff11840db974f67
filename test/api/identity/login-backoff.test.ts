import { describe, expect, it } from 'vitest';
import { lockSeconds, secondsLocked, UnknownAddressFailures } from '../../../api/identity/login-backoff.ts';

describe('login back-off', () => {
  it('locks from the 5th failure, doubling, capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(lockSeconds)).toEqual([30, 60, 120, 240, 480]);
    expect(lockSeconds(10)).toBe(900);
    expect(lockSeconds(1000)).toBe(900);
  });

  it('rounds the remaining lock up to whole seconds', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(secondsLocked({ failures: 5, lockedUntil: new Date(now.getTime() + 1500) }, now)).toBe(2);
    expect(secondsLocked({ failures: 5, lockedUntil: new Date(now.getTime() - 1) }, now)).toBe(0);
    expect(secondsLocked({ failures: 2, lockedUntil: null }, now)).toBe(0);
  });

  it('counts unknown addresses in memory, each on its own, forgetting the oldest beyond capacity', () => {
    const failures = new UnknownAddressFailures(2);
    const now = new Date('2026-01-01T00:00:00Z');
    const [a, b, c] = ['a', 'b', 'c'].map((s) => Buffer.from(s));
    for (let i = 0; i < 5; i++) failures.recordFailure(a!, now);
    failures.recordFailure(b!, now);
    expect(failures.get(a!)).toEqual({ failures: 5, lockedUntil: new Date(now.getTime() + 30_000) });
    expect(failures.get(b!).failures).toBe(1);
    failures.recordFailure(c!, now);
    expect(failures.get(a!).failures).toBe(0);
    expect(failures.get(c!).failures).toBe(1);
  });
});
