// Errors that mean the generator was set up wrongly (a key store that cannot reach back to the
// span's start, an alias word list too small), with a message that says what to change.

export class DemoSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSetupError';
  }
}

export function missingKey(chain: string, at: Date): DemoSetupError {
  return new DemoSetupError(
    `the key store has no ${chain} key for ${at.toISOString().slice(0, 10)}: open it with a genesis at ` +
      'the start of the demo span (KeyStore.open(dir, chainSpecs(config), clock, { genesis: demoSpan(now).start })) ' +
      'on a fresh key store, or generate a shorter span (--days).',
  );
}
