import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../api/clock.ts';
import { MemoryCounterStore } from '../../../../api/protection/store/memory-store.ts';
import { counterStoreContract } from './counter-store-contract.ts';

counterStoreContract('memory', async (clock) => new MemoryCounterStore(clock));

describe('memory counter store bounds', () => {
  it('never holds more than maxKeys keys, forgetting the least recently used', async () => {
    const store = new MemoryCounterStore(new ManualClock(), { maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) await store.mark(`k${i}`, 60_000);
    expect(store.size).toBe(100);
    expect(await store.marked(['k0', 'k999'])).toEqual([false, true]);
  });
});
