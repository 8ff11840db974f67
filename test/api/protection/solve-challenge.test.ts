import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, proofInput } from '../../../api/protection/proof-of-work.ts';
import { solveChallenge } from '../../../api/protection/solve-challenge.ts';

const sha256 = (input: string) => createHash('sha256').update(input).digest();

describe('the client solver', () => {
  it('finds a nonce with the asked number of leading zero bits (Web Crypto)', async () => {
    const solution = await solveChallenge({ token: 'c1.some.token', difficulty: 10 });
    expect(solution.token).toBe('c1.some.token');
    expect(leadingZeroBits(sha256(proofInput(solution.token, solution.nonce)))).toBeGreaterThanOrEqual(10);
    expect(solution.attempts).toBe(Number(solution.nonce) + 1);
  });

  it('takes a faster hash function and gives the first nonce that works', async () => {
    const solution = await solveChallenge({ token: 't', difficulty: 12 }, { sha256, batch: 1 });
    for (let n = 0; n < Number(solution.nonce); n++)
      expect(leadingZeroBits(sha256(proofInput('t', String(n))))).toBeLessThan(12);
  });

  it('gives up after maxAttempts', async () => {
    await expect(
      solveChallenge({ token: 't', difficulty: 32 }, { sha256, maxAttempts: 100 }),
    ).rejects.toThrow(/No solution within 100 attempts/);
  });
});
