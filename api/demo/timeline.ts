// The week's happenings in time order. A thread opened this week can add replies later in the same
// week, so this is a min-heap rather than a sorted list. Ties break by insertion order, so the
// order (and so everything drawn from the PRNG) is the same on every run.

export interface Timed {
  at: number;
}

export class Timeline<T extends Timed> {
  readonly #items: { item: T; seq: number }[] = [];
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    const items = this.#items;
    items.push({ item, seq: this.#seq++ });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** The earliest item, or undefined when empty. */
  pop(): T | undefined {
    const items = this.#items;
    if (items.length === 0) return undefined;
    const top = items[0]!.item;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.#before(left, smallest)) smallest = left;
        if (right < items.length && this.#before(right, smallest)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }

  #before(a: number, b: number): boolean {
    const x = this.#items[a]!;
    const y = this.#items[b]!;
    return x.item.at < y.item.at || (x.item.at === y.item.at && x.seq < y.seq);
  }
}
