// How scrapers crawl: a shared frontier (listings of every board, walked with their cursors, and
// the threads they list, each read page by page) and workers that each own one client and take the
// next task from it. A farm (sybils) shares one frontier among many workers so no thread is read
// twice. Refusals are waited out as a determined scraper would: Retry-After for a 429, a longer
// pause after a challenge it cannot solve or a block, then it tries again.
import { errorCode, retryAfterSeconds, type SimClient } from './http-client.ts';
import type { Actor } from './scheduler.ts';

type Task =
  | { kind: 'listing'; scope: string; cursor: string | null }
  | { kind: 'thread'; id: string; cursor: string | null };

export class Frontier {
  readonly #tasks: Task[] = [];
  readonly #seen = new Set<string>();

  /** `scopes`: listing query strings, e.g. "" (every board), "board=general", "company=acme". */
  constructor(
    scopes: readonly string[],
    readonly openPlaceholders = false,
  ) {
    for (const scope of scopes) this.#tasks.push({ kind: 'listing', scope, cursor: null });
  }

  next(): Task | undefined {
    // Threads first (depth-first through what the last listing page showed), then more listings.
    const index = this.#tasks.findIndex((task) => task.kind === 'thread');
    return index >= 0 ? this.#tasks.splice(index, 1)[0] : this.#tasks.shift();
  }

  /** A task refused or failed for now goes back to the front. */
  giveBack(task: Task): void {
    this.#tasks.unshift(task);
  }

  listed(scope: string, body: { items: { id: string; kind: string }[]; nextCursor: string | null }): void {
    if (body.nextCursor) this.#tasks.push({ kind: 'listing', scope, cursor: body.nextCursor });
    for (const item of body.items) {
      if (item.kind === 'placeholder' && !this.openPlaceholders) continue;
      if (this.#seen.has(item.id)) continue;
      this.#seen.add(item.id);
      this.#tasks.unshift({ kind: 'thread', id: item.id, cursor: null });
    }
  }

  moreOf(id: string, cursor: string): void {
    this.#tasks.unshift({ kind: 'thread', id, cursor });
  }
}

export interface WorkerOptions {
  /** Milliseconds between two requests when nothing was refused. */
  gap: () => number;
  /** Waits after a challenge it does not solve, and after a block. */
  challengePauseMs?: number;
  blockPauseMs?: number;
  /** Solves a challenge and sets client.pass; true when the request can be repeated at once. */
  solve?: (challenge: { token: string; difficulty: number }, client: SimClient) => Promise<boolean>;
  /** Runs before every request (rotating addresses or browsers). */
  beforeRequest?: (client: SimClient) => void;
}

/** One scraper client taking tasks from a frontier until it is empty. */
export class CrawlWorker implements Actor {
  constructor(
    readonly client: SimClient,
    readonly frontier: Frontier,
    readonly options: WorkerOptions,
  ) {}

  async act(now: number): Promise<number | null> {
    const task = this.frontier.next();
    if (!task) return null;
    this.options.beforeRequest?.(this.client);
    const answer =
      task.kind === 'thread'
        ? await this.client.readThread(task.id, task.cursor)
        : await this.client.request('GET', listingPath(task.scope, task.cursor));
    if (answer.status === 200) {
      if (task.kind === 'listing') this.frontier.listed(task.scope, answer.body);
      else if (answer.body.nextCursor) this.frontier.moreOf(task.id, answer.body.nextCursor);
      return now + this.options.gap();
    }
    const code = errorCode(answer);
    if (answer.status === 429) {
      this.frontier.giveBack(task);
      return now + retryAfterSeconds(answer) * 1000 + 500;
    }
    if (code === 'CHALLENGE_REQUIRED') {
      this.frontier.giveBack(task);
      if (this.options.solve && (await this.options.solve(answer.body.error.challenge, this.client)))
        return now + 1000;
      return now + (this.options.challengePauseMs ?? 30 * 60_000);
    }
    if (code === 'BLOCKED') {
      this.frontier.giveBack(task);
      return now + (this.options.blockPauseMs ?? 2 * 3_600_000);
    }
    // An expired or spent listing cursor: start that board again (seen threads are skipped).
    if (task.kind === 'listing' && answer.status === 400 && task.cursor)
      this.frontier.giveBack({ ...task, cursor: null });
    return now + this.options.gap();
  }
}

export function listingPath(scope: string, cursor: string | null): string {
  const query = [
    'limit=50',
    ...(scope ? [scope] : []),
    ...(cursor ? [`cursor=${encodeURIComponent(cursor)}`] : []),
  ];
  return `/v1/threads?${query.join('&')}`;
}

/** Every board: all boards together, the general board, then each company's. */
export const everyBoard = (companySlugs: readonly string[]): string[] => [
  '',
  'board=general',
  ...companySlugs.map((slug) => `company=${slug}`),
];
