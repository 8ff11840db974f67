// New-post batches enriched and de-identified on worker threads (post-worker-thread.ts), so that on
// 2 cores this CPU work overlaps the main thread's PostgreSQL parsing, claims, aggregation and DuckDB
// loads, and two batches are prepared at once. The source batch goes over as Arrow IPC, with the keys its posts need: the main thread
// decides which keys live (one answer per batch, as ContributorTags does), the worker only uses
// them. Small batches stay on the calling thread: a worker's start-up (TypeScript loader, lexicons)
// costs more. The threads belong to one ETL run: started on first use, terminated when it ends.
import { Worker } from 'node:worker_threads';
import { type RecordBatch, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { KeyStore } from '../../api/keys/keystore.ts';
import { monthOf, weekOf } from '../cells.ts';
import type { ContributorTags } from '../contributors.ts';
import type { EnrichmentColumns } from './enrichment.ts';
import { enrichAndDeidentify, type NewPosts } from './new-posts.ts';
import { column, type PostSource, utf8At } from './toArrow.ts';

/** Batches with fewer posts than this are prepared on the calling thread. */
export const WORKER_MIN_POSTS = 2_000;

/** The keys a batch's posts need: author day keys by 'YYYY-MM-DD', warehouseMonth keys by index. */
export interface BatchKeyEntries {
  author: [string, Buffer | null][];
  months: [number, Buffer | null][];
}

export interface PrepareJob {
  id: number;
  source: Uint8Array;
  candidates: Uint8Array;
  keys: BatchKeyEntries;
}

export type PrepareReply =
  | { id: number; error: string }
  | {
      id: number;
      enrichment: EnrichmentColumns;
      /** Arrow IPC stream of the contributions. */
      contributions: Uint8Array;
      outcome: Uint8Array;
      enrichMs: number;
      deidentifyMs: number;
    };

export const toIpc = (batch: RecordBatch): Uint8Array => tableToIPC(new Table(batch), 'stream');

export function fromIpc(bytes: Uint8Array): RecordBatch {
  const { batches } = tableFromIPC(bytes);
  if (batches.length !== 1) throw new Error(`expected one record batch, got ${batches.length}`);
  return batches[0]!;
}

/** Every key the batch's posts can ask for, decided once on this thread. */
export function batchKeys(
  source: RecordBatch<PostSource>,
  keys: KeyStore,
  tags: ContributorTags,
): BatchKeyEntries {
  const days = column(source, 'author_day');
  const created = column(source, 'created_ms').values;
  const author = new Map<string, Buffer | null>();
  const months = new Map<number, Buffer | null>();
  for (let i = 0; i < source.numRows; i++) {
    const day = utf8At(days, i);
    if (day !== null && !author.has(day)) author.set(day, keys.key('author', new Date(`${day}T00:00:00Z`)));
    for (const month of [weekOf(created[i]!).keyMonth, monthOf(created[i]!).month]) {
      if (!months.has(month)) months.set(month, tags.key('warehouseMonth', month));
    }
  }
  return { author: [...author], months: [...months] };
}

/** Worker threads per run: two, so that on 2 cores preparation keeps up with PostgreSQL and DuckDB. */
export const POST_WORKER_THREADS = 2;

type Pending = { resolve(posts: NewPosts): void; reject(error: Error): void };

export class PostWorker {
  readonly #threads: { worker: Worker; pending: Map<number, Pending> }[] = [];
  #nextId = 1;
  #failed: Error | undefined;

  /** Enrich + de-identify one batch of new posts: on a worker thread when it is large enough. */
  prepare(
    source: RecordBatch<PostSource>,
    candidates: Uint8Array,
    deps: { keys: KeyStore; tags: ContributorTags },
  ): Promise<NewPosts> {
    if (source.numRows < WORKER_MIN_POSTS)
      return Promise.resolve(enrichAndDeidentify(source, candidates, deps));
    if (this.#failed) return Promise.reject(this.#failed);
    const job: PrepareJob = {
      id: this.#nextId++,
      source: toIpc(source),
      candidates,
      keys: batchKeys(source, deps.keys, deps.tags),
    };
    const thread = this.#leastBusy();
    return new Promise((resolve, reject) => {
      thread.pending.set(job.id, { resolve, reject });
      thread.worker.postMessage(job, [job.source.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.#failed ??= new Error('the post worker was closed');
    const threads = this.#threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  /** A thread with the fewest jobs queued, started when there are fewer than POST_WORKER_THREADS. */
  #leastBusy() {
    const idle = this.#threads.find((t) => t.pending.size === 0);
    if (idle) return idle;
    if (this.#threads.length < POST_WORKER_THREADS) return this.#start();
    return this.#threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  #start() {
    // The thread loads TypeScript through tsx's API, under tsx and under vitest alike.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./post-worker-thread.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    const thread = { worker: new Worker(boot, { eval: true }), pending: new Map<number, Pending>() };
    thread.worker.on('message', (reply: PrepareReply) => {
      const pending = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (!pending) return;
      if ('error' in reply) pending.reject(new Error(`post worker: ${reply.error}`));
      else
        pending.resolve({
          enrichment: reply.enrichment,
          contributions: fromIpc(reply.contributions),
          outcome: reply.outcome,
          enrichMs: reply.enrichMs,
          deidentifyMs: reply.deidentifyMs,
        });
    });
    const fail = (error: Error) => {
      this.#failed ??= error;
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`a post worker exited (code ${code})`)));
    this.#threads.push(thread);
    return thread;
  }
}
