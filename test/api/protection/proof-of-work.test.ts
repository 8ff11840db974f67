import { describe, expect, it } from 'vitest';
import { leadingZeroBits, proofInput } from '../../../api/protection/proof-of-work.ts';

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x10, 0xff]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('hashes "<token>:<nonce>"', () => {
    expect(proofInput('c1.abc.def', '42')).toBe('c1.abc.def:42');
  });
});
