import { describe, expect, it } from 'vitest';
import { BackgroundWork } from '../../api/background-work.ts';

/** Starts work that runs until the returned function is called. */
function startHeld(work: BackgroundWork, onError: (error: unknown) => void = () => {}): () => void {
  let release = () => {};
  work.start(
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    onError,
  );
  return release;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('BackgroundWork', () => {
  it('tracks running work, hands a failure to its handler, and is idle only when all is done', async () => {
    const work = new BackgroundWork();
    const failures: unknown[] = [];
    const finish = startHeld(work, (error) => failures.push(error));
    work.start(
      async () => {
        throw new Error('mail server gone');
      },
      (error) => failures.push(error),
    );
    expect(work.size).toBe(2);
    let idle = false;
    const waiting = work.idle().then(() => {
      idle = true;
    });
    await tick();
    expect(idle).toBe(false);
    expect(work.size).toBe(1);
    expect((failures[0] as Error).message).toBe('mail server gone');
    // Work started while someone waits is waited for too.
    const late = startHeld(work, (error) => failures.push(error));
    finish();
    await tick();
    expect(idle).toBe(false);
    late();
    await waiting;
    expect(work.size).toBe(0);
    expect(failures).toHaveLength(1);
  });
});

describe('BackgroundWork at its limit', () => {
  it('refuses new work with a 503 and Retry-After while full, and takes work again once there is room', async () => {
    const work = new BackgroundWork(1);
    const finish = startHeld(work);
    let ran = false;
    const run = () =>
      work.start(
        async () => {
          ran = true;
        },
        () => {},
      );
    const refused = (() => {
      try {
        run();
        return null;
      } catch (error) {
        return error as { statusCode?: number; headers?: Record<string, string> };
      }
    })();
    expect(refused?.statusCode).toBe(503);
    expect(refused?.headers?.['retry-after']).toBe('60');
    expect(ran).toBe(false);
    finish();
    await work.idle();
    run();
    await work.idle();
    expect(ran).toBe(true);
  });
});
