// Work that goes on after the answer: the mails of sign-up and password reset. Those routes check
// their input, start the work here and answer 202 at once, so neither the answer nor the time it
// takes depends on whether an address has an account (the work differs: a code and a pending
// sign-up for a new address, a warning for a known one). Shutdown waits for what is running, and
// tests wait for it before they read the outbox.
import { unavailable } from './errors.ts';

export class BackgroundWork {
  readonly #running = new Set<Promise<void>>();
  readonly #limit: number;

  /** `limit`: most pieces of work running at once (a flood past the auth budgets, a hung mail server). */
  constructor(limit = 1_000) {
    this.#limit = limit;
  }

  /** How many pieces of work are running. */
  get size(): number {
    return this.#running.size;
  }

  /**
   * Starts `work` now; a failure goes to `onError` (the answer has gone: nobody else can hear it).
   * At the limit it starts nothing and throws a 503 — the same for every address, so it tells
   * nothing either.
   */
  start(work: () => Promise<void>, onError: (error: unknown) => void): void {
    if (this.#running.size >= this.#limit)
      throw unavailable('This server is busy with many such requests just now. Try again in a minute.', 60);
    const running: Promise<void> = work()
      .catch(onError)
      .finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  /** Resolves once nothing is running, including work started meanwhile. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
