// The behaviour every CounterStore must have, run against each implementation (memory, Redis).
// Time only moves through the ManualClock, so windows are exercised without waiting.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../api/clock.ts';
import type { CounterStore } from '../../../../api/protection/store/counter-store.ts';

export function counterStoreContract(name: string, open: (clock: ManualClock) => Promise<CounterStore>) {
  describe(`${name} counter store`, () => {
    const setup = async () => {
      const clock = new ManualClock('2026-03-02T10:00:30Z');
      return { clock, store: await open(clock) };
    };

    it('counts in fixed clock windows and says when the window ends', async () => {
      const { clock, store } = await setup();
      expect(await store.increment('k', 60_000)).toEqual({ count: 1, resetMs: 30_000 });
      expect(await store.increment('k', 60_000, 2)).toEqual({ count: 3, resetMs: 30_000 });
      expect(await store.peek('k', 60_000)).toEqual({ count: 3, resetMs: 30_000 });
      clock.advance(30_000);
      expect(await store.peek('k', 60_000)).toEqual({ count: 0, resetMs: 60_000 });
      expect((await store.increment('k', 60_000)).count).toBe(1);
      expect((await store.increment('other', 60_000)).count).toBe(1);
    });

    it('counts distinct members in a sliding window and its recent part', async () => {
      const { clock, store } = await setup();
      await store.noteDistinct('d', 'a', 3_600_000, 600_000, 100);
      clock.advance(20 * 60_000);
      await store.noteDistinct('d', 'b', 3_600_000, 600_000, 100);
      expect(await store.noteDistinct('d', 'b', 3_600_000, 600_000, 100)).toEqual({ total: 2, recent: 1 });
      expect(await store.countDistinct('d', 3_600_000, 600_000)).toEqual({ total: 2, recent: 1 });
      clock.advance(45 * 60_000); // "a" is now 65 minutes old
      expect(await store.countDistinct('d', 3_600_000, 600_000)).toEqual({ total: 1, recent: 0 });
      expect(await store.countDistinct('never', 3_600_000, 600_000)).toEqual({ total: 0, recent: 0 });
    });

    it('keeps at most maxTracked members, dropping the oldest', async () => {
      const { clock, store } = await setup();
      for (let i = 0; i < 12; i++) {
        clock.advance(1_000);
        await store.noteDistinct('cap', `m${i}`, 3_600_000, 3_600_000, 5);
      }
      expect(await store.countDistinct('cap', 3_600_000, 3_600_000)).toEqual({ total: 5, recent: 5 });
    });

    it('keeps short recent lists, newest first', async () => {
      const { store } = await setup();
      const first = await store.pushRecent('l', 1, 3, 60_000);
      for (const v of [2, 3, 4]) await store.pushRecent('l', v, 3, 60_000);
      expect(await store.recent('l')).toEqual([4, 3, 2]);
      expect(first).toEqual([1]); // an answer is a snapshot, not the live list
      expect(await store.recent('none')).toEqual([]);
    });

    it('keeps marks until they expire by the clock', async () => {
      const { clock, store } = await setup();
      await store.mark('m1', 3_600_000);
      expect(await store.marked(['m1', 'm2'])).toEqual([true, false]);
      clock.advance(3_600_001);
      expect(await store.marked(['m1'])).toEqual([false]);
      expect(await store.marked([])).toEqual([]);
    });

    it('answers a batch in order, as the single calls would, with null for null', async () => {
      const { store } = await setup();
      await store.mark('m', 60_000);
      const answers = await store.batch([
        { op: 'increment', key: 'n', windowMs: 60_000 },
        { op: 'increment', key: 'n', windowMs: 60_000 },
        null,
        { op: 'peek', key: 'n', windowMs: 60_000 },
        { op: 'noteDistinct', key: 'd', member: 'x', windowMs: 60_000, recentMs: 60_000, maxTracked: 5 },
        { op: 'countDistinct', key: 'd', windowMs: 60_000, recentMs: 60_000 },
        { op: 'pushRecent', key: 'l', value: 7, keep: 3, ttlMs: 60_000 },
        { op: 'recent', key: 'l' },
        { op: 'marked', keys: ['m', 'unmarked'] },
      ]);
      expect(answers).toEqual([
        { count: 1, resetMs: 30_000 },
        { count: 2, resetMs: 30_000 },
        null,
        { count: 2, resetMs: 30_000 },
        { total: 1, recent: 1 },
        { total: 1, recent: 1 },
        [7],
        [7],
        [true, false],
      ]);
      expect(await store.peek('n', 60_000)).toEqual({ count: 2, resetMs: 30_000 });
    });

    it('lets a key be claimed once per ttl', async () => {
      const { clock, store } = await setup();
      expect(await store.claimOnce('c', 60_000)).toBe(true);
      expect(await store.claimOnce('c', 60_000)).toBe(false);
      clock.advance(60_001);
      expect(await store.claimOnce('c', 60_000)).toBe(true);
    });
  });
}
