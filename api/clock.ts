// The one source of time. Privacy windows, key expiry and quotas read it, never SQL now(),
// so tests and simulations can move time forward.

export interface Clock {
  now(): Date;
  /** now() in epoch milliseconds, without making a Date (the counter store asks a dozen times per request). */
  nowMs(): number;
}

export const systemClock: Clock = { now: () => new Date(), nowMs: () => Date.now() };

/** A clock that only moves when told to: for tests and the scraper simulation. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string | number = '2026-01-05T09:00:00Z') {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  nowMs(): number {
    return this.#ms;
  }

  set(to: Date | string | number): void {
    this.#ms = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

export const DAY_MS = 86_400_000;
