import { describe, expect, it } from 'vitest';
import { BackgroundWork } from '../../api/background-work.ts';

describe('BackgroundWork', () => {
  it('tracks running work, hands a failure to its handler, and is idle only when all is done', async () => {
    const work = new BackgroundWork();
    const failures: unknown[] = [];
    let finish = () => {};
    work.start(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
      (error) => failures.push(error),
    );
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
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(idle).toBe(false);
    expect(work.size).toBe(1);
    expect((failures[0] as Error).message).toBe('mail server gone');
    // Work started while someone waits is waited for too.
    let late = () => {};
    work.start(
      () =>
        new Promise<void>((resolve) => {
          late = resolve;
        }),
      (error) => failures.push(error),
    );
    finish();
    await new Promise((resolve) => setTimeout(resolve, 10));
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
    let finish = () => {};
    work.start(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
      () => {},
    );
    let ran = false;
    const refused = (() => {
      try {
        work.start(
          async () => {
            ran = true;
          },
          () => {},
        );
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
    work.start(
      async () => {
        ran = true;
      },
      () => {},
    );
    await work.idle();
    expect(ran).toBe(true);
  });
});
