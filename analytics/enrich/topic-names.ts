// The topic vocabulary and its bit-mask encoding (a post's topics are one small integer while scoring).

export const TOPICS = ['overtime', 'layoffs', 'pay', 'management', 'promotion', 'health', 'culture'] as const;
export type Topic = (typeof TOPICS)[number];

const BIT_BY_TOPIC = new Map<string, number>(TOPICS.map((topic, index) => [topic, 1 << index]));

/** The bit of one topic name; throws on a name that is not in TOPICS (a typo in a rules file). */
export function topicBit(name: string): number {
  const bit = BIT_BY_TOPIC.get(name);
  if (bit === undefined) throw new Error(`unknown topic "${name}": expected one of ${TOPICS.join(', ')}`);
  return bit;
}

/** Topic names of a mask, in TOPICS order. */
export function topicsOfMask(mask: number): Topic[] {
  const topics: Topic[] = [];
  for (let index = 0; index < TOPICS.length; index++) {
    if (mask & (1 << index)) topics.push(TOPICS[index]!);
  }
  return topics;
}
