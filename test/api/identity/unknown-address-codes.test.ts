import { describe, expect, it } from 'vitest';
import { UnknownAddressCodes } from '../../../api/identity/unknown-address-codes.ts';

describe('codes for addresses with no pending sign-up', () => {
  const hash = Buffer.from('someone');
  const t0 = new Date('2026-01-01T00:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('counts down 5 tries, then answers "used up"', () => {
    const codes = new UnknownAddressCodes();
    const answers = [0, 1, 2, 3, 4, 5].map(() => codes.refuse(hash, t0));
    expect(answers).toEqual([
      { kind: 'wrong', triesLeft: 4 },
      { kind: 'wrong', triesLeft: 3 },
      { kind: 'wrong', triesLeft: 2 },
      { kind: 'wrong', triesLeft: 1 },
      { kind: 'wrong', triesLeft: 0 },
      { kind: 'used-up' },
    ]);
  });

  it('expires 10 minutes after the first try or the last registration, and restarts on registering', () => {
    const codes = new UnknownAddressCodes();
    codes.refuse(hash, t0);
    expect(codes.refuse(hash, later(9 * 60_000))).toEqual({ kind: 'wrong', triesLeft: 3 });
    expect(codes.refuse(hash, later(10 * 60_000))).toEqual({ kind: 'expired' });
    codes.restart(hash, later(11 * 60_000));
    expect(codes.refuse(hash, later(12 * 60_000))).toEqual({ kind: 'wrong', triesLeft: 4 });
  });

  it('starts afresh a day after expiry, as the real pending row is swept', () => {
    const codes = new UnknownAddressCodes();
    codes.refuse(hash, t0);
    expect(codes.refuse(hash, later(20 * 60_000))).toEqual({ kind: 'expired' });
    expect(codes.refuse(hash, later(10 * 60_000 + 86_400_000 + 1))).toEqual({ kind: 'wrong', triesLeft: 4 });
  });
});
