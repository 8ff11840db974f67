// Enrichment of one post's text: sentiment and topics, English and Chinese.
// (Being built: see the warehouse issue. This placeholder scores everything neutral.)

export const TOPICS = ['overtime', 'layoffs', 'pay', 'management', 'promotion', 'health', 'culture'] as const;
export type Topic = (typeof TOPICS)[number];

export interface Enrichment {
  language: 'en' | 'zh';
  /** -1 (very negative) … +1 (very positive). */
  sentiment: number;
  negative: boolean;
  topics: Topic[];
}

export function enrich(_text: string): Enrichment {
  return { language: 'en', sentiment: 0, negative: false, topics: [] };
}
