// A bounded map that forgets what was not used for longest: every in-process cache and counter
// table of the protection layers is one, so memory stays bounded whatever clients send.
//
// Two generations instead of a strict recency list (the scheme of hashlru / quick-lru): entries
// live in `#current` until it holds half the capacity, then it becomes `#previous` and the old
// previous is dropped whole. A hit in `#previous` moves the entry back to `#current`. So anything
// used within the last capacity/2 insertions survives, and a hit costs one Map lookup — a strict
// LRU pays a delete and a re-insert on every hit, which on the protection hot path (a dozen
// counters per request) cost more than the counting itself.

export class Lru<K, V> {
  readonly #capacity: number;
  readonly #generationSize: number;
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new Error(`Lru capacity must be at least 1, got ${capacity}`);
    this.#capacity = Math.floor(capacity);
    this.#generationSize = Math.max(1, Math.floor(this.#capacity / 2));
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  get(key: K): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined) return value;
    const old = this.#previous.get(key);
    if (old !== undefined) {
      this.#previous.delete(key);
      this.#insert(key, old);
    }
    return old;
  }

  /** The value without marking it recently used. */
  peek(key: K): V | undefined {
    const value = this.#current.get(key);
    return value !== undefined ? value : this.#previous.get(key);
  }

  set(key: K, value: V): void {
    if (this.#current.has(key)) {
      this.#current.set(key, value);
      return;
    }
    this.#previous.delete(key);
    this.#insert(key, value);
  }

  delete(key: K): void {
    this.#current.delete(key);
    this.#previous.delete(key);
  }

  clear(): void {
    this.#current.clear();
    this.#previous.clear();
  }

  #insert(key: K, value: V): void {
    if (this.#current.size >= this.#generationSize) {
      // With a capacity of 1 there is no room for a previous generation.
      this.#previous = this.#capacity >= 2 ? this.#current : new Map();
      this.#current = new Map();
    }
    this.#current.set(key, value);
  }
}
