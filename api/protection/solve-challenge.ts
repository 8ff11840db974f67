// The client side of the proof-of-work challenge, for the web client and the apps (README.md in
// this folder has the protocol). Plain TypeScript on Web Crypto: runs in browsers, workers and Node.
import { leadingZeroBits, proofInput } from './proof-of-work.ts';

export interface Challenge {
  /** The opaque token from the 403 body's error.challenge.token. */
  token: string;
  /** Leading zero bits required, from error.challenge.difficulty. */
  difficulty: number;
}

export interface Solution {
  token: string;
  nonce: string;
  /** Hashes tried; the expected number is 2^difficulty. */
  attempts: number;
}

export interface SolveOptions {
  /** Give up after this many hashes (default 2^30). */
  maxAttempts?: number;
  /** How many hashes to run concurrently per round (default 256). */
  batch?: number;
  /** SHA-256 of a UTF-8 string; defaults to crypto.subtle. Node callers may pass a faster sync one. */
  sha256?: (input: string) => Uint8Array | Promise<Uint8Array>;
}

const encoder = new TextEncoder();
const subtleSha256 = async (input: string) =>
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(input)));

/**
 * Finds a nonce such that SHA-256("<token>:<nonce>") starts with `difficulty` zero bits. Nonces are
 * decimal counters from 0. POST the result as {"token", "nonce"} to /v1/challenge for a pass.
 */
export async function solveChallenge(challenge: Challenge, options: SolveOptions = {}): Promise<Solution> {
  const sha256 = options.sha256 ?? subtleSha256;
  const maxAttempts = options.maxAttempts ?? 2 ** 30;
  const batch = Math.max(1, options.batch ?? 256);
  for (let start = 0; start < maxAttempts; start += batch) {
    const end = Math.min(start + batch, maxAttempts);
    const nonces: string[] = [];
    for (let n = start; n < end; n++) nonces.push(String(n));
    const digests = await Promise.all(nonces.map((nonce) => sha256(proofInput(challenge.token, nonce))));
    for (let i = 0; i < digests.length; i++) {
      if (leadingZeroBits(digests[i]!) >= challenge.difficulty)
        return { token: challenge.token, nonce: nonces[i]!, attempts: start + i + 1 };
    }
  }
  throw new Error(`No solution within ${maxAttempts} attempts at difficulty ${challenge.difficulty}.`);
}
