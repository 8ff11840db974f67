// Deletion receipts (P3): a random secret handed to the author once, at creation. Only its SHA-256
// is stored, so the receipt deletes the post at any time, long after the author link has died,
// without the database ever knowing who holds it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Random } from '../ids.ts';

export const RECEIPT_PATTERN = '^[A-Za-z0-9_-]{43}$';

export function newReceipt(random: Random): { receipt: string; hash: Buffer } {
  const receipt = random(32).toString('base64url');
  return { receipt, hash: hashReceipt(receipt) };
}

export const hashReceipt = (receipt: string): Buffer => createHash('sha256').update(receipt, 'utf8').digest();

export function receiptMatches(receipt: string, storedHash: Buffer): boolean {
  const given = hashReceipt(receipt);
  return given.length === storedHash.length && timingSafeEqual(given, storedHash);
}
