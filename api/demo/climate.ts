// What people write about, how they feel, and the two events that make the dashboards move:
// a layoff wave at one company (a burst of negative layoff posts over a few weeks) and a pay rise
// at another (a run of positive pay posts, and higher salaries from then on).
import type { Company } from './companies.ts';
import { type Prng, WeightedPicker } from './prng.ts';

export const TOPICS = ['overtime', 'layoffs', 'pay', 'management', 'promotion', 'health', 'culture'] as const;
export type Topic = (typeof TOPICS)[number];
export const MOODS = ['negative', 'neutral', 'positive'] as const;
export type Mood = (typeof MOODS)[number];

const BASE_TOPICS: Readonly<Record<Topic, number>> = {
  overtime: 0.17,
  layoffs: 0.06,
  pay: 0.22,
  management: 0.16,
  promotion: 0.13,
  health: 0.09,
  culture: 0.17,
};

/** Share of negative / neutral / positive posts per topic: forums lean negative. */
const TOPIC_MOOD: Readonly<Record<Topic, readonly [number, number, number]>> = {
  overtime: [0.64, 0.24, 0.12],
  layoffs: [0.7, 0.22, 0.08],
  pay: [0.4, 0.3, 0.3],
  management: [0.5, 0.24, 0.26],
  promotion: [0.4, 0.3, 0.3],
  health: [0.55, 0.3, 0.15],
  culture: [0.3, 0.3, 0.4],
};

export interface DemoEvents {
  layoff: {
    company: number;
    /** The wave proper: [start, end). Rumours run before it, an aftermath after. */
    start: number;
    end: number;
    rumourStart: number;
    aftermathEnd: number;
  };
  payRise: { company: number; at: number; glowEnd: number; raise: number };
}

const DAY = 86_400_000;

/** Picks the two event companies among the larger ones, and when the events happen in the span. */
export function chooseEvents(
  prng: Prng,
  companies: readonly Company[],
  start: number,
  end: number,
): DemoEvents {
  const bySize = [...companies].sort((a, b) => b.size - a.size || a.index - b.index);
  const layoffCompany = bySize[1 + prng.int(3)]!.index;
  const raiseCandidates = bySize.slice(0, 6).filter((c) => c.index !== layoffCompany);
  const raiseCompany = prng.pick(raiseCandidates).index;
  const span = end - start;
  const waveLength = Math.max(Math.min(21 * DAY, span * 0.15), Math.min(7 * DAY, span * 0.3));
  const waveStart = start + span * (0.55 + 0.15 * prng.float());
  const raiseAt = start + span * (0.3 + 0.15 * prng.float());
  return {
    layoff: {
      company: layoffCompany,
      start: waveStart,
      end: waveStart + waveLength,
      rumourStart: waveStart - Math.min(10 * DAY, span * 0.05),
      aftermathEnd: Math.min(end, waveStart + waveLength + Math.min(28 * DAY, span * 0.1)),
    },
    payRise: {
      company: raiseCompany,
      at: raiseAt,
      glowEnd: raiseAt + Math.min(21 * DAY, span * 0.12),
      raise: 0.12,
    },
  };
}

/** How a board (a company, or -1 for the general board) talks at one moment. */
export interface Climate {
  /** Multiplies the board's usual volume of threads. */
  volume: number;
  topics: WeightedPicker;
  /** Positive shifts the mood towards positive (−1 … 1). */
  moodShift: number;
}

function topicPicker(overrides: Partial<Record<Topic, number>>, overtimeBoost: number): WeightedPicker {
  const weights = TOPICS.map((t) => BASE_TOPICS[t] * (t === 'overtime' ? 1 + overtimeBoost : 1));
  const fixed = Object.entries(overrides) as [Topic, number][];
  const fixedShare = fixed.reduce((a, [, share]) => a + share, 0);
  const free = weights.reduce((a, w, i) => a + (fixed.some(([t]) => t === TOPICS[i]) ? 0 : w), 0);
  return new WeightedPicker(
    TOPICS.map((t, i) => {
      const override = overrides[t];
      return override !== undefined ? override : (weights[i]! / free) * (1 - fixedShare);
    }),
  );
}

/** Climates are few (board × phase), so they are built once and looked up. */
export class ClimateBook {
  readonly #events: DemoEvents;
  readonly #companies: readonly Company[];
  readonly #cache = new Map<string, Climate>();

  constructor(events: DemoEvents, companies: readonly Company[]) {
    this.#events = events;
    this.#companies = companies;
  }

  phase(board: number, at: number): string {
    const { layoff, payRise } = this.#events;
    if (board === layoff.company) {
      if (at >= layoff.start && at < layoff.end) return 'wave';
      if (at >= layoff.rumourStart && at < layoff.start) return 'rumour';
      if (at >= layoff.end && at < layoff.aftermathEnd) return 'aftermath';
    }
    if (board === payRise.company) {
      if (at >= payRise.at && at < payRise.glowEnd) return 'raise';
      if (at >= payRise.glowEnd) return 'after-raise';
    }
    return 'usual';
  }

  at(board: number, at: number): Climate {
    const phase = this.phase(board, at);
    const key = `${board}:${phase}`;
    let climate = this.#cache.get(key);
    if (!climate) {
      climate = this.#build(board, phase);
      this.#cache.set(key, climate);
    }
    return climate;
  }

  #build(board: number, phase: string): Climate {
    const company = board >= 0 ? this.#companies[board] : undefined;
    // 996 talk is far more common where most people write in Chinese.
    const overtimeBoost = company ? Math.max(0, company.zhShare - 0.4) : 0.2;
    const mood = company?.mood ?? 0;
    switch (phase) {
      case 'wave':
        return { volume: 4, topics: topicPicker({ layoffs: 0.7, management: 0.1 }, 0), moodShift: -0.25 };
      case 'rumour':
        return { volume: 1.4, topics: topicPicker({ layoffs: 0.3 }, overtimeBoost), moodShift: -0.1 };
      case 'aftermath':
        return {
          volume: 1.6,
          topics: topicPicker({ layoffs: 0.3, management: 0.2 }, overtimeBoost),
          moodShift: -0.15,
        };
      case 'raise':
        return { volume: 1.8, topics: topicPicker({ pay: 0.55 }, overtimeBoost), moodShift: 0.35 };
      case 'after-raise':
        return { volume: 1, topics: topicPicker({}, overtimeBoost), moodShift: mood + 0.08 };
      default:
        return { volume: 1, topics: topicPicker({}, overtimeBoost), moodShift: mood };
    }
  }
}

/** Draws a mood for a topic, shifted towards positive (shift > 0) or negative (shift < 0). */
export function drawMood(prng: Prng, topic: Topic, shift: number): Mood {
  const [neg, , pos] = TOPIC_MOOD[topic];
  const positive = Math.min(0.95, Math.max(0.02, pos + shift / 2));
  const negative = Math.min(0.95, Math.max(0.02, neg - shift / 2));
  const neutral = Math.max(0.03, 1 - positive - negative);
  const u = prng.float() * (positive + negative + neutral);
  return u < negative ? 'negative' : u < negative + neutral ? 'neutral' : 'positive';
}
