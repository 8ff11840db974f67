// The post worker thread (see post-worker.ts): receives a batch of new posts as Arrow IPC with the
// keys the main thread decided are alive, enriches and de-identifies it, and sends back the
// enrichment, the outcomes and the contributions (Arrow IPC). Tags computed for one key are kept for
// the rest of the run (the worker ends with it).
import { parentPort } from 'node:worker_threads';
import type { RecordBatch } from 'apache-arrow';
import type { KeyStore } from '../../api/keys/keystore.ts';
import { ContributorTags, type TagCache } from '../contributors.ts';
import { enrichAndDeidentify } from './new-posts.ts';
import { type BatchKeyEntries, fromIpc, type PrepareJob, type PrepareReply, toIpc } from './post-worker.ts';
import type { PostSource } from './toArrow.ts';

const port = parentPort;
if (!port) throw new Error('post-worker-thread.ts runs only as a worker thread');

/**
 * The part of KeyStore that openAuthorBox and ContributorTags use, answered from the keys sent with
 * the batch. A key that was not sent is a bug, not a dead key: it throws.
 */
class BatchKeys {
  readonly #author: Map<string, Buffer | null>;
  readonly #months: Map<number, Buffer | null>;

  constructor(entries: BatchKeyEntries) {
    this.#author = new Map(entries.author);
    this.#months = new Map(entries.months);
  }

  key(chain: string, at: Date): Buffer | null {
    const day = at.toISOString().slice(0, 10);
    if (chain !== 'author' || !this.#author.has(day)) throw new Error(`no ${chain} key sent for ${day}`);
    return this.#author.get(day)!;
  }

  keyForPeriod(chain: string, index: number): Buffer | null {
    if (chain !== 'warehouseMonth' || !this.#months.has(index))
      throw new Error(`no ${chain} key sent for period ${index}`);
    return this.#months.get(index)!;
  }
}

/** Tags per key (by its bytes: every batch brings fresh copies of the same keys). */
const tagsByKey = new Map<string, Map<string, Buffer>>();

function tagCacheFor(entries: BatchKeyEntries): TagCache {
  const cache: TagCache = new WeakMap();
  for (const [, key] of entries.months) {
    if (!key) continue;
    const hex = key.toString('hex');
    let tags = tagsByKey.get(hex);
    if (!tags) {
      tags = new Map();
      tagsByKey.set(hex, tags);
    }
    cache.set(key, tags);
  }
  return cache;
}

port.on('message', (job: PrepareJob) => {
  try {
    const keys = new BatchKeys(job.keys) as unknown as KeyStore;
    const tags = new ContributorTags(keys, tagCacheFor(job.keys));
    const source = fromIpc(job.source) as RecordBatch<PostSource>;
    const posts = enrichAndDeidentify(source, job.candidates, { keys, tags });
    const reply: PrepareReply = {
      id: job.id,
      enrichment: posts.enrichment,
      contributions: toIpc(posts.contributions),
      outcome: posts.outcome,
      enrichMs: posts.enrichMs,
      deidentifyMs: posts.deidentifyMs,
    };
    port.postMessage(reply, [reply.contributions.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
