// Answers computed from the warehouse (encoded tables, page models), kept until the warehouse
// changes on disk (file-version.ts) and bounded by entries and bytes, least recently used first
// out. Between ETL runs every page view and download is then served without touching DuckDB.
export interface Sized {
  /** Roughly how much memory the value holds. */
  readonly bytes: number;
}

interface Entry<V> {
  readonly version: string;
  readonly value: V;
}

export class AnswerCache<V extends Sized> {
  readonly #entries = new Map<string, Entry<V>>();
  #bytes = 0;

  constructor(
    readonly maxEntries = 500,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, version: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.version !== version) {
      this.#bytes -= entry.value.bytes;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: V): void {
    if (value.bytes > this.maxBytes / 4) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#bytes -= old.value.bytes;
    }
    this.#entries.set(key, { version, value });
    this.#bytes += value.bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.value.bytes;
    }
  }

  /** The cached value for `key` at `version`, or compute, keep and return it. */
  async through(key: string, version: string | null, compute: () => Promise<V>): Promise<V> {
    if (version === null) return compute();
    const hit = this.get(key, version);
    if (hit) return hit;
    const value = await compute();
    this.set(key, version, value);
    return value;
  }
}
