// A bounded map that forgets its least recently used entry: every in-process cache and counter
// table of the protection layers is one, so memory stays bounded whatever clients send.

export class Lru<K, V> {
  readonly #capacity: number;
  readonly #map = new Map<K, V>();

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new Error(`Lru capacity must be at least 1, got ${capacity}`);
    this.#capacity = Math.floor(capacity);
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      // Re-insert so Map order (oldest first) doubles as recency order.
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  /** The value without marking it recently used (for readers that will set() it anyway). */
  peek(key: K): V | undefined {
    return this.#map.get(key);
  }

  set(key: K, value: V): void {
    if (this.#map.has(key)) this.#map.delete(key);
    else if (this.#map.size >= this.#capacity) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    this.#map.set(key, value);
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }
}
