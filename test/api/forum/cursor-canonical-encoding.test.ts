// Regression (found by test/fuzz/hostile.test.ts, now and then): a cursor whose last base64url
// character was changed only in the bits the decoder ignores opened as the genuine cursor, so one
// cursor had several spellings. Only the exact token that was issued opens now.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { Cursors } from '../../../api/forum/cursors.ts';

const SECRET = 'cursor-secret-for-tests-0123456789abcdef';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('cursor spelling', () => {
  it('opens only the issued spelling, for every length remainder', () => {
    const cursors = new Cursors(SECRET, new ManualClock());
    let aliases = 0;
    // Keysets of three lengths cover all three byte-length remainders modulo 3.
    for (const id of ['a', 'ab', 'abc']) {
      const token = cursors.issue('threads:general', [1_772_445_600_000, id], 2);
      expect(cursors.open(token, 'threads:general').keyset).toEqual([1_772_445_600_000, id]);
      const last = token.at(-1)!;
      for (const other of ALPHABET) {
        if (other === last) continue;
        const altered = `${token.slice(0, -1)}${other}`;
        const sameBytes = Buffer.from(altered, 'base64url').equals(Buffer.from(token, 'base64url'));
        if (sameBytes) aliases++;
        expect(() => cursors.open(altered, 'threads:general'), `${id}: …${other}`).toThrow(
          /not one we issued/,
        );
      }
      for (const padded of [`${token}=`, `${token}==`])
        expect(() => cursors.open(padded, 'threads:general')).toThrow();
    }
    // The decoder really does map other spellings to the same bytes, so the check above matters.
    expect(aliases).toBeGreaterThan(0);
  });
});
