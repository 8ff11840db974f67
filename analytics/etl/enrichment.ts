// Enrichment of a post batch through analytics/enrich (sentiment, negative, topics), in the exact
// form the warehouse adds and later subtracts: sentiment quantised to 1e-4 (it round-trips through
// etl_posts.sentiment, a real, unchanged), topics as a 7-bit mask in TOPICS order.
import type { Data, Float32, Uint8, Utf8 } from 'apache-arrow';
import { enrich, TOPICS, type Topic } from '../enrich/index.ts';
import { utf8At } from './toArrow.ts';

export const SENTIMENT_SCALE = 10_000;

export interface EnrichmentColumns {
  /** Sentiment × 10 000, an integer in [-10 000, 10 000]. */
  sentimentE4: Int32Array;
  negative: Uint8Array;
  topics: Uint8Array;
}

export function maskOf(topics: readonly string[]): number {
  let mask = 0;
  for (const topic of topics) {
    const bit = TOPICS.indexOf(topic as Topic);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

export function quantiseSentiment(sentiment: number): number {
  if (!Number.isFinite(sentiment)) return 0;
  return Math.round(Math.max(-1, Math.min(1, sentiment)) * SENTIMENT_SCALE);
}

/** Runs the enricher over the rows selected by `wanted` (others stay zero). */
export function enrichBodies(body: Data<Utf8>, wanted: Uint8Array): EnrichmentColumns {
  const n = wanted.length;
  const out: EnrichmentColumns = {
    sentimentE4: new Int32Array(n),
    negative: new Uint8Array(n),
    topics: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    if (!wanted[i]) continue;
    const result = enrich(utf8At(body, i) ?? '');
    out.sentimentE4[i] = quantiseSentiment(result.sentiment);
    out.negative[i] = result.negative ? 1 : 0;
    out.topics[i] = maskOf(result.topics);
  }
  return out;
}

/** Enrichment stored at claim time (etl_posts.sentiment, negative, topics). */
export function storedEnrichment(
  sentiment: Data<Float32>,
  topics: Data<Uint8>,
  negative: (i: number) => boolean,
): EnrichmentColumns {
  const n = sentiment.length;
  const out: EnrichmentColumns = {
    sentimentE4: new Int32Array(n),
    negative: new Uint8Array(n),
    topics: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.sentimentE4[i] = quantiseSentiment(sentiment.values[i]!);
    out.negative[i] = negative(i) ? 1 : 0;
    const mask = topics.values[i]!;
    out.topics[i] = mask === 255 ? 0 : mask;
  }
  return out;
}
