// The clock-driven event loop: every actor says when it acts next; the earliest one goes, with the
// ManualClock set to its time first, so a simulated day runs as fast as the server answers. Actors
// act one at a time (the order is deterministic for a seed); none ever waits in real time.
import type { ManualClock } from '../../api/clock.ts';

export interface Actor {
  /** Does one thing (typically one request) at `now` and returns when it acts next, or null when done. */
  act(now: number): Promise<number | null>;
}

interface Entry {
  at: number;
  seq: number;
  actor: Actor;
}

/** A binary min-heap on (time, insertion order). */
export class EventQueue {
  readonly #heap: Entry[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, actor: Actor): void {
    this.#heap.push({ at, seq: this.#seq++, actor });
    let i = this.#heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.#heap[i]!, this.#heap[parent]!)) break;
      [this.#heap[i], this.#heap[parent]] = [this.#heap[parent]!, this.#heap[i]!];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top === undefined || last === undefined || this.#heap.length === 0) return top;
    this.#heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.#heap.length && before(this.#heap[left]!, this.#heap[smallest]!)) smallest = left;
      if (right < this.#heap.length && before(this.#heap[right]!, this.#heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [this.#heap[i], this.#heap[smallest]] = [this.#heap[smallest]!, this.#heap[i]!];
      i = smallest;
    }
    return top;
  }
}

const before = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export interface RunStats {
  events: number;
  wallMs: number;
}

/**
 * Runs every actor from its start time until `end` (ms since the epoch): the clock is set to each
 * event's time before the actor acts, and never goes backwards.
 */
export async function runUntil(
  clock: ManualClock,
  starts: readonly { at: number; actor: Actor }[],
  end: number,
  onProgress?: (simulatedMs: number, events: number) => void,
): Promise<RunStats> {
  const began = performance.now();
  const queue = new EventQueue();
  for (const { at, actor } of starts) if (at < end) queue.push(at, actor);
  const origin = clock.now().getTime();
  let events = 0;
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    const at = Math.max(entry.at, clock.now().getTime());
    clock.set(at);
    const next = await entry.actor.act(at);
    events++;
    if (events % 2000 === 0) onProgress?.(at - origin, events);
    if (next !== null && next < end) queue.push(Math.max(next, at + 1), entry.actor);
  }
  clock.set(end);
  return { events, wallMs: performance.now() - began };
}
