// Contributor tags (P5): tag = HMAC(warehouse chain key of the cell's period, person ‖ cell), cut to
// 16 bytes. A tag names one person inside one cell only, so no two cells' rows can be joined on it;
// once the period's key dies (period end + ETL_GRACE_DAYS) nobody can compute it again and the
// cell's rows are final. The key lives only in the key store, never in DuckDB.
import { createHmac } from 'node:crypto';
import type { Part } from '../api/keys/crypto.ts';
import type { KeyStore } from '../api/keys/keystore.ts';

export type WarehouseChain = 'warehouseMonth' | 'warehouseYear';
export type CellKind = 'sentiment-week' | 'topics-month' | 'salary-company' | 'salary-city';

export const TAG_BYTES = 16;
const DOMAIN = 'warehouse-contributor';

/** Length-prefixed parts, exactly as api/keys/crypto.ts keyedHash feeds them to the MAC. */
function encode(parts: readonly Part[]): Buffer {
  const buffers = parts.map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(String(part), 'utf8')));
  const out = Buffer.allocUnsafe(buffers.reduce((n, b) => n + 4 + b.length, 0));
  let at = 0;
  for (const bytes of buffers) {
    out.writeUInt32BE(bytes.length, at);
    bytes.copy(out, at + 4);
    at += 4 + bytes.length;
  }
  return out;
}

/**
 * Tags already computed, per key (the key store's Buffer for a live period): one ETL run shares it
 * across its batches, since one person's posts keep falling into the same cells. A key that dies
 * is dropped by the key store, and its entries with it (a WeakMap holds nothing alive).
 */
export type TagCache = WeakMap<Buffer, Map<string, Buffer>>;

/** Entries kept per key before the cache starts over (bounds a run's memory). */
const MAX_CACHED_TAGS = 1_000_000;

/**
 * Tags for one batch. Caches period keys (a key that dies mid-batch counts as alive until the next
 * batch) and each person's tag per cell, in `cache` when one is shared across batches.
 */
export class ContributorTags {
  readonly #keys: KeyStore;
  readonly #cache = new Map<string, Buffer | null>();
  readonly #tags: TagCache;

  constructor(keys: KeyStore, cache: TagCache = new WeakMap()) {
    this.#keys = keys;
    this.#tags = cache;
  }

  /** The period's key, or null once it has died (the cell is final). */
  key(chain: WarehouseChain, period: number): Buffer | null {
    const name = `${chain}:${period}`;
    let key = this.#cache.get(name);
    if (key === undefined) {
      key = this.#keys.keyForPeriod(chain, period);
      this.#cache.set(name, key);
    }
    return key;
  }

  live(chain: WarehouseChain, period: number): boolean {
    return this.key(chain, period) !== null;
  }

  /** The person's tag in one cell, or null when the cell's key has died. Same bytes as keyedHash. */
  tag(chain: WarehouseChain, period: number, kind: CellKind, person: string, ...cell: Part[]): Buffer | null {
    const key = this.key(chain, period);
    if (!key) return null;
    let tags = this.#tags.get(key);
    if (!tags || tags.size >= MAX_CACHED_TAGS) {
      tags = new Map();
      this.#tags.set(key, tags);
    }
    const name = `${kind}\u0000${person}\u0000${cell.join('\u0000')}`;
    let tag = tags.get(name);
    if (!tag) {
      const parts: Part[] = [DOMAIN, kind, person, ...cell];
      tag = createHmac('sha256', key).update(encode(parts)).digest().subarray(0, TAG_BYTES);
      tags.set(name, tag);
    }
    return tag;
  }
}
