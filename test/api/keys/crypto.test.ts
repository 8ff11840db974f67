// The shared crypto helpers: keyedHash is exactly HMAC-SHA256 over length-prefixed parts (the
// links already in databases depend on it), boxes open only with their key and row.
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedHash, type Part, seal, unseal } from '../../../api/keys/crypto.ts';

/** The definition, one Buffer per length and part: what keyedHash must equal. */
function reference(key: Buffer | string, parts: Part[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) {
    const bytes = Buffer.isBuffer(part) ? part : Buffer.from(String(part), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    mac.update(length);
    mac.update(bytes);
  }
  return mac.digest();
}

const part = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 3000 }),
  fc.integer(),
  fc.uint8Array({ maxLength: 2500 }).map((bytes) => Buffer.from(bytes)),
);

describe('keyedHash', () => {
  it('is HMAC-SHA256 over 32-bit length-prefixed parts, whatever their size', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 1 }),
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map(Buffer.from),
        ),
        fc.array(part, { maxLength: 6 }),
        (key, parts) => {
          expect(keyedHash(key, ...parts).equals(reference(key, parts))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never confuses where one part ends and the next begins', () => {
    const key = randomBytes(32);
    expect(keyedHash(key, 'ab', 'c').equals(keyedHash(key, 'a', 'bc'))).toBe(false);
    expect(keyedHash(key, 'abc').equals(keyedHash(key, 'abc', ''))).toBe(false);
    // A long part after a short one: the shared message buffer grows without mixing them.
    const long = 'x'.repeat(10_000);
    expect(keyedHash(key, long, 'tail').equals(reference(key, [long, 'tail']))).toBe(true);
    expect(keyedHash(key, 'short').equals(reference(key, ['short']))).toBe(true);
  });
});

describe('seal and unseal', () => {
  it('open only with the same key and aad, with a fresh IV each time', () => {
    const key = randomBytes(32);
    const boxes = Array.from({ length: 2000 }, () => seal(key, 'account-中文', 'post-1'));
    expect(new Set(boxes.map((b) => b.subarray(0, 12).toString('hex'))).size).toBe(boxes.length);
    for (const box of boxes.slice(0, 50)) expect(unseal(key, box, 'post-1')).toBe('account-中文');
    expect(unseal(key, boxes[0]!, 'post-2')).toBeNull();
    expect(unseal(randomBytes(32), boxes[0]!, 'post-1')).toBeNull();
    const tampered = Buffer.from(boxes[0]!);
    tampered[tampered.length - 1]! ^= 1;
    expect(unseal(key, tampered, 'post-1')).toBeNull();
    expect(boxes[0]!.length).toBe(12 + 16 + Buffer.byteLength('account-中文'));
  });
});
