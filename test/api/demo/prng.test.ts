import { describe, expect, it } from 'vitest';
import { apportion, Prng, WeightedPicker } from '../../../api/demo/prng.ts';
import { ID_PATTERN, newId } from '../../../api/ids.ts';

const draws = (prng: Prng, n: number) => Array.from({ length: n }, () => prng.uint32());

describe('Prng', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    expect(draws(new Prng('seed'), 100)).toEqual(draws(new Prng('seed'), 100));
    expect(draws(new Prng('seed'), 100)).not.toEqual(draws(new Prng('seeds'), 100));
    expect(draws(new Prng(42), 10)).toEqual(draws(new Prng('42'), 10));
  });

  it('forks independent streams: drawing from one never shifts another', () => {
    const a = new Prng('root');
    const b = new Prng('root');
    const busy = a.fork('texts');
    draws(busy, 1000);
    expect(draws(a.fork('ids'), 50)).toEqual(draws(b.fork('ids'), 50));
    expect(draws(a.fork('ids'), 50)).not.toEqual(draws(a.fork('texts'), 50));
  });

  it('draws floats in [0, 1) spread evenly, and normals around their mean', () => {
    const prng = new Prng('uniform');
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = prng.float();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]!++;
      sum += prng.normal(5, 2);
    }
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(200);
    expect(Math.abs(sum / 20_000 - 5)).toBeLessThan(0.1);
  });

  it('makes reproducible public ids through api/ids.ts', () => {
    const ids = (seed: string) => {
      const prng = new Prng(seed);
      return Array.from({ length: 5 }, () => newId(prng.random));
    };
    expect(ids('x')).toEqual(ids('x'));
    expect(new Set([...ids('x'), ...ids('y')]).size).toBe(10);
    for (const id of ids('x')) expect(id).toMatch(new RegExp(ID_PATTERN));
  });

  it('picks by weight', () => {
    const picker = new WeightedPicker([1, 0, 3]);
    const prng = new Prng('weights');
    const counts = [0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[picker.pick(prng)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.6);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.4);
    expect(() => new WeightedPicker([0, 0])).toThrow(/every weight is zero/);
  });

  it('apportions a whole total exactly, in proportion', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 2, 5])).toEqual([0, 2, 5]);
    const parts = apportion(1_000_003, [3.3, 0.1, 7, 12]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_003);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});
