// The CPU half of preparing a batch of new posts: enrich the candidates, then de-identify the batch
// into contributions. The same function runs on the calling thread and on the post worker thread
// (post-worker.ts), so both give the same bytes.
import type { RecordBatch } from 'apache-arrow';
import type { KeyStore } from '../../api/keys/keystore.ts';
import type { ContributorTags } from '../contributors.ts';
import { deidentifyPosts } from './deidentify.ts';
import { type EnrichmentColumns, enrichBodies } from './enrichment.ts';
import { column, type PostSource } from './toArrow.ts';

export interface NewPosts {
  enrichment: EnrichmentColumns;
  contributions: RecordBatch;
  outcome: Uint8Array;
  enrichMs: number;
  deidentifyMs: number;
}

/** `keys` needs only what openAuthorBox and ContributorTags call (key, keyForPeriod). */
export function enrichAndDeidentify(
  source: RecordBatch<PostSource>,
  candidates: Uint8Array,
  deps: { keys: KeyStore; tags: ContributorTags },
): NewPosts {
  const started = performance.now();
  const enrichment = enrichBodies(column(source, 'body'), candidates);
  const enriched = performance.now();
  const { batch: contributions, outcome } = deidentifyPosts(source, enrichment, deps, 'new');
  return {
    enrichment,
    contributions,
    outcome,
    enrichMs: enriched - started,
    deidentifyMs: performance.now() - enriched,
  };
}
