// The proof-of-work both sides compute: SHA-256 of "<token>:<nonce>" must start with `difficulty`
// zero bits. No Node imports here, so the client solver (solve-challenge.ts) can share it.

/** The exact string that is hashed for a token and a nonce. */
export function proofInput(token: string, nonce: string): string {
  return `${token}:${nonce}`;
}

/** Number of zero bits at the start of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}
