// What happened to one persona (all its clients together): requests, refusals and when the first of
// each kind came, and the distinct posts it was shown (its harvest).
import type { Answer } from './http-client.ts';

export class Tally {
  requests = 0;
  throttled = 0;
  challenged = 0;
  blocked = 0;
  /** Request number (1-based) of the first 429, challenge and block; null when none came. */
  firstThrottle: number | null = null;
  firstChallenge: number | null = null;
  firstBlock: number | null = null;
  threadPagesRead = 0;
  /** Challenges solved and the CPU time spent solving them (proof-of-work persona). */
  solved = 0;
  cpuSeconds = 0;
  readonly statuses = new Map<number, number>();
  readonly harvested = new Set<string>();

  record(answer: Answer): void {
    this.requests++;
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    const code = answer.status === 403 ? answer.body?.error?.code : undefined;
    if (answer.status === 429) {
      this.throttled++;
      this.firstThrottle ??= this.requests;
    } else if (code === 'CHALLENGE_REQUIRED') {
      this.challenged++;
      this.firstChallenge ??= this.requests;
    } else if (code === 'BLOCKED') {
      this.blocked++;
      this.firstBlock ??= this.requests;
    }
  }

  harvest(posts: readonly { id: string }[]): void {
    this.threadPagesRead++;
    for (const post of posts) this.harvested.add(post.id);
  }

  /** Answers a correct server never gives these clients: 5xx, and 401 (their sessions are live). */
  unexpected(): string[] {
    return [...this.statuses.keys()]
      .filter((status) => status >= 500 || status === 401)
      .map((status) => `${status}×${this.statuses.get(status)}`);
  }
}
