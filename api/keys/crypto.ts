// Small, boring crypto helpers shared by everything that tags or seals: keyed hashes with
// unambiguous concatenation, and AES-256-GCM boxes.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Part = string | Buffer | number;

// The message of a keyed hash is assembled here and handed over in one update(), which copies it:
// bulk writers make millions of hashes, and small Buffers per part cost more than the hash.
let message = Buffer.allocUnsafe(1024);

/**
 * HMAC-SHA256 over length-prefixed parts — each part as a 32-bit big-endian byte length, then its
 * bytes (strings and numbers as UTF-8) — so ("ab","c") and ("a","bc") never collide.
 */
export function keyedHash(key: Buffer | string, ...parts: Part[]): Buffer {
  let size = 0;
  for (const part of parts)
    size += 4 + (Buffer.isBuffer(part) ? part.length : Buffer.byteLength(String(part), 'utf8'));
  if (size > message.length) message = Buffer.allocUnsafe(Math.max(size, 2 * message.length));
  let at = 0;
  for (const part of parts) {
    const length = Buffer.isBuffer(part)
      ? part.copy(message, at + 4)
      : message.write(String(part), at + 4, 'utf8');
    message.writeUInt32BE(length, at);
    at += 4 + length;
  }
  const digest = createHmac('sha256', key).update(message.subarray(0, at)).digest();
  // The parts may be personal (an e-mail address before its hash): leave none of them behind.
  message.fill(0, 0, at);
  return digest;
}

// IVs come from a pool of OS randomness: one getrandom call per 1,024 boxes instead of one each
// (bulk writers seal a million boxes). Each IV is still 96 fresh random bits, never reused.
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + 12 > ivPool.length) {
    ivPool = randomBytes(12 * 1024);
    ivAt = 0;
  }
  ivAt += 12;
  return ivPool.subarray(ivAt - 12, ivAt);
}

/** AES-256-GCM: iv(12) ‖ tag(16) ‖ ciphertext. The aad binds a box to its row (e.g. the post id). */
export function seal(key: Buffer, plaintext: string, aad: string): Buffer {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  // GCM is a stream mode: update() returns the whole ciphertext and final() nothing.
  const body = cipher.update(plaintext, 'utf8');
  const rest = cipher.final();
  const box = Buffer.allocUnsafe(28 + body.length + rest.length);
  iv.copy(box, 0);
  cipher.getAuthTag().copy(box, 12);
  body.copy(box, 28);
  rest.copy(box, 28 + body.length);
  return box;
}

/** The plaintext, or null when the key is wrong (e.g. a dead key can no longer be had). */
export function unseal(key: Buffer, box: Buffer, aad: string): string | null {
  if (box.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(box.subarray(12, 28));
    return Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

const subkeyCache = new WeakMap<Buffer, Map<string, Buffer>>();

/**
 * HMAC(key, use): a purpose-bound key derived from a chain key, cached per key object. When the
 * key store drops a dead key the cache entry goes with it (a WeakMap holds nothing alive).
 */
export function subkey(key: Buffer, use: string): Buffer {
  let uses = subkeyCache.get(key);
  if (!uses) {
    uses = new Map();
    subkeyCache.set(key, uses);
  }
  let derived = uses.get(use);
  if (!derived) {
    derived = keyedHash(key, use);
    uses.set(use, derived);
  }
  return derived;
}

export function sameSecret(a: string, b: string): boolean {
  const ha = keyedHash('compare', a);
  const hb = keyedHash('compare', b);
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
