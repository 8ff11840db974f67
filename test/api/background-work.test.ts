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
