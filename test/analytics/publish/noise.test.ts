// Laplace noise: the same draw for the same cell and value (no averaging across releases), a fresh
// one when the value changes, and the spread the scale promises.
import { describe, expect, it } from 'vitest';
import { LaplaceNoise, tableEpsilon } from '../../../analytics/publish/noise.ts';

describe('LaplaceNoise', () => {
  const noise = new LaplaceNoise(Buffer.alloc(32, 7));

  it('is deterministic per cell, statistic and true value', () => {
    expect(noise.add(40, 1, 0.5, 'pub_x', 'acme', 'posts')).toBe(
      noise.add(40, 1, 0.5, 'pub_x', 'acme', 'posts'),
    );
    expect(noise.add(41, 1, 0.5, 'pub_x', 'acme', 'posts')).not.toBe(
      noise.add(40, 1, 0.5, 'pub_x', 'acme', 'posts'),
    );
    expect(noise.add(40, 1, 0.5, 'pub_x', 'globex', 'posts')).not.toBe(
      noise.add(40, 1, 0.5, 'pub_x', 'acme', 'posts'),
    );
    expect(new LaplaceNoise(Buffer.alloc(32, 8)).add(40, 1, 0.5, 'a')).not.toBe(noise.add(40, 1, 0.5, 'a'));
  });

  it('has mean 0 and mean absolute deviation sensitivity / epsilon', () => {
    const draws = Array.from({ length: 20_000 }, (_, i) => noise.add(0, 2, 0.5, 'cell', i));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const mad = draws.reduce((a, b) => a + Math.abs(b), 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(mad).toBeGreaterThan(3.8);
    expect(mad).toBeLessThan(4.2);
  });

  it('splits the release budget evenly over the noised tables', () => {
    expect(tableEpsilon(1)).toBeCloseTo(0.2);
  });
});
