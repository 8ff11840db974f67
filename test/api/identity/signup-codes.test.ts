import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../../api/ids.ts';
import { codeHash, newCode } from '../../../api/identity/signup-codes.ts';

describe('sign-up codes', () => {
  it('are six digits, leading zeros kept', () => {
    const fixed = (n: number) => () => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    expect(newCode(fixed(42))).toBe('000042');
    expect(newCode(fixed(1_999_999))).toBe('999999');
    for (let i = 0; i < 200; i++) expect(newCode(cryptoRandom)).toMatch(/^\d{6}$/);
  });

  it('reject the top of the 32-bit range so no code is likelier than another', () => {
    const draws = [0xffffffff, 0xfffffff0, 7];
    const random = () => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(draws.shift()!);
      return b;
    };
    expect(newCode(random)).toBe('000007');
  });

  it('are stored as a keyed hash bound to the address', () => {
    const a = Buffer.from('a');
    const b = Buffer.from('b');
    expect(codeHash('s', a, '123456').equals(codeHash('s', a, '123456'))).toBe(true);
    expect(codeHash('s', a, '123456').equals(codeHash('s', b, '123456'))).toBe(false);
    expect(codeHash('s', a, '123456').equals(codeHash('t', a, '123456'))).toBe(false);
  });
});
