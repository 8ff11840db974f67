import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../api/protection/policy.ts';
import { readsWithoutWrites } from '../../../../api/protection/signals/read-write-ratio.ts';

const rule = loadPolicy(undefined).behaviour.readWrite;

describe('reads without writes', () => {
  it('flags many reads and no write today', () => {
    expect(readsWithoutWrites(rule.minReads, 0, rule)).toEqual([
      { reason: 'reads-without-writes', weight: rule.weight },
    ]);
  });

  it('leaves ordinary lurkers and anyone who wrote alone', () => {
    expect(readsWithoutWrites(rule.minReads - 1, 0, rule)).toEqual([]);
    expect(readsWithoutWrites(rule.minReads * 5, 1, rule)).toEqual([]);
  });
});
