import { describe, expect, it } from 'vitest';
import { Lru } from '../../../api/protection/lru.ts';

describe('bounded LRU', () => {
  it('forgets the least recently used entry when full', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // "a" is now the most recent
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('peeks without refreshing recency', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.peek('a')).toBeUndefined();
  });

  it('updates in place without growing, and refuses a capacity below 1', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('a', 2);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBe(2);
    expect(() => new Lru(0)).toThrow(/at least 1/);
  });

  it('keeps whatever was used within the last capacity/2 insertions, and never more than capacity', () => {
    const lru = new Lru<number, number>(100);
    lru.set(-1, -1);
    for (let i = 0; i < 1_000; i++) {
      lru.set(i, i);
      if (i % 40 === 0) expect(lru.get(-1)).toBe(-1); // used every 40 insertions: never dropped
      expect(lru.size).toBeLessThanOrEqual(100);
    }
    expect(lru.get(-1)).toBe(-1);
    expect(lru.get(0)).toBeUndefined(); // untouched for 999 insertions
    expect(lru.get(999)).toBe(999);
  });

  it('holds one entry at capacity 1', () => {
    const lru = new Lru<string, number>(1);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('b')).toBe(2);
  });
});
