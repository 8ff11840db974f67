// Work that goes on after the answer: the mails of sign-up and password reset. Those routes check
// their input, start the work here and answer 202 at once, so neither the answer nor the time it
// takes depends on whether an address has an account (the work differs: a code and a pending
// sign-up for a new address, a warning for a known one). Shutdown waits for what is running, and
// tests wait for it before they read the outbox.
export class BackgroundWork {
  readonly #running = new Set<Promise<void>>();

  /** How many pieces of work are running. */
  get size(): number {
    return this.#running.size;
  }

  /** Starts `work` now; a failure goes to `onError` (the answer has gone: nobody else can hear it). */
  start(work: () => Promise<void>, onError: (error: unknown) => void): void {
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
