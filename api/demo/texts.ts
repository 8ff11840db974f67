// Writes thread titles, opening posts and replies from the templates in texts-en.ts and texts-zh.ts:
// a few lines of the thread's topic and mood, an optional opener and closer, slots filled in.
// Slots hold only small numbers, levels, cities and team names, so no text can carry contact
// details (test/api/demo/texts.test.ts runs the API's doxxing guard over all of them).
import { CITIES } from './catalog.ts';
import type { Mood, Topic } from './climate.ts';
import type { Prng } from './prng.ts';
import { EN, EN_CLOSERS, EN_OPENERS, EN_SHORT_REPLIES, EN_TEAMS } from './texts-en.ts';
import { ZH, ZH_CLOSERS, ZH_OPENERS, ZH_SHORT_REPLIES, ZH_TEAMS } from './texts-zh.ts';

export type Language = 'en' | 'zh';
export type Pool = Readonly<Record<Mood, readonly string[]>>;
export interface TopicTemplates {
  readonly titles: Pool;
  readonly lines: Pool;
  readonly replies: Pool;
}
export type TopicTexts = Readonly<Record<Topic, TopicTemplates>>;

/** What a post is about and who (roughly) writes it: enough to fill the slots. */
export interface Scene {
  lang: Language;
  topic: Topic;
  mood: Mood;
  /** Company name in the post's language, or null on the general board. */
  company: string | null;
  /** Index into CITIES. */
  city: number;
  /** 1 … 8 */
  level: number;
}

interface LanguageKit {
  texts: TopicTexts;
  openers: readonly string[];
  closers: readonly string[];
  shortReplies: readonly string[];
  teams: readonly string[];
  ownCompany: string;
  separator: string;
  city: (index: number) => string;
}

const KITS: Readonly<Record<Language, LanguageKit>> = {
  en: {
    texts: EN,
    openers: EN_OPENERS,
    closers: EN_CLOSERS,
    shortReplies: EN_SHORT_REPLIES,
    teams: EN_TEAMS,
    ownCompany: 'my company',
    separator: ' ',
    city: (i) => CITIES[i]!.name,
  },
  zh: {
    texts: ZH,
    openers: ZH_OPENERS,
    closers: ZH_CLOSERS,
    shortReplies: ZH_SHORT_REPLIES,
    teams: ZH_TEAMS,
    ownCompany: '我司',
    separator: '',
    city: (i) => CITIES[i]!.zh,
  },
};

export const TEMPLATES: Readonly<Record<Language, TopicTexts>> = { en: EN, zh: ZH };

function fill(template: string, prng: Prng, scene: Scene, kit: LanguageKit): string {
  const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'company':
        return scene.company ?? kit.ownCompany;
      case 'team':
        return prng.pick(kit.teams);
      case 'level':
        return `L${scene.level}`;
      case 'next':
        return `L${Math.min(8, scene.level + 1)}`;
      case 'pct':
        return String(prng.between(3, 25));
      case 'weeks':
        return String(prng.between(2, 10));
      case 'months':
        return String(prng.between(6, 30));
      case 'hours':
        return String(prng.between(10, 14));
      case 'city':
        return kit.city(scene.city);
      case 'n':
        return String(prng.between(2, 6));
      default:
        throw new Error(`demo text template has an unknown slot {${slot}}: ${template}`);
    }
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `count` distinct items, in random order. */
function some(prng: Prng, items: readonly string[], count: number): string[] {
  const pool = [...items];
  const out: string[] = [];
  for (let i = 0; i < count && pool.length > 0; i++) out.push(pool.splice(prng.int(pool.length), 1)[0]!);
  return out;
}

export function writeOpening(prng: Prng, scene: Scene): { title: string; body: string } {
  const kit = KITS[scene.lang];
  const texts = kit.texts[scene.topic];
  const title = fill(prng.pick(texts.titles[scene.mood]), prng, scene, kit);
  const parts: string[] = [];
  if (prng.chance(0.2)) parts.push(prng.pick(kit.openers));
  parts.push(...some(prng, texts.lines[scene.mood], 1 + prng.int(3)));
  if (scene.mood !== 'neutral' && prng.chance(0.3)) parts.push(prng.pick(texts.lines.neutral));
  if (prng.chance(0.35)) parts.push(prng.pick(kit.closers));
  const body = parts.map((p) => fill(p, prng, scene, kit)).join(kit.separator);
  return { title, body };
}

export function writeReply(prng: Prng, scene: Scene): string {
  const kit = KITS[scene.lang];
  const texts = kit.texts[scene.topic];
  const roll = prng.float();
  let body: string;
  if (roll < 0.12) body = fill(prng.pick(kit.shortReplies), prng, scene, kit);
  else {
    body = fill(prng.pick(texts.replies[scene.mood]), prng, scene, kit);
    if (roll > 0.82) body += kit.separator + fill(prng.pick(texts.lines[scene.mood]), prng, scene, kit);
  }
  return body;
}
