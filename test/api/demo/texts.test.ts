import { describe, expect, it } from 'vitest';
import { MOODS, TOPICS } from '../../../api/demo/climate.ts';
import { Prng } from '../../../api/demo/prng.ts';
import { type Language, type Scene, TEMPLATES, writeOpening, writeReply } from '../../../api/demo/texts.ts';
import { findPersonalData } from '../../../api/forum/doxxing-guard.ts';
import { BODY_RULE, cleanText, TITLE_RULE } from '../../../api/forum/text-rules.ts';

// What a topic tagger (and the layoff-burst test) would look for; the templates are held to it.
const LAYOFF_WORDS = /layoff|laid off|severance|job cuts|let go|裁员|被裁|裁掉|赔偿|N\+\d|优化/i;
const LANGUAGES: Language[] = ['en', 'zh'];

function scenes(): Scene[] {
  const all: Scene[] = [];
  for (const lang of LANGUAGES)
    for (const topic of TOPICS)
      for (const mood of MOODS)
        for (const company of ['Qinghe Digital', null])
          all.push({ lang, topic, mood, company, city: 3, level: 8 });
  return all;
}

describe('demo texts', () => {
  it('name the layoff in every layoff template, and in no other topic', () => {
    for (const lang of LANGUAGES) {
      for (const topic of TOPICS) {
        const pools = TEMPLATES[lang][topic];
        for (const mood of MOODS) {
          for (const template of [...pools.titles[mood], ...pools.lines[mood], ...pools.replies[mood]]) {
            expect({ template, layoff: LAYOFF_WORDS.test(template) }).toEqual({
              template,
              layoff: topic === 'layoffs',
            });
          }
          expect(pools.titles[mood].length).toBeGreaterThanOrEqual(4);
          expect(pools.lines[mood].length).toBeGreaterThanOrEqual(5);
          expect(pools.replies[mood].length).toBeGreaterThanOrEqual(4);
        }
      }
    }
  });

  it('always pass the API’s doxxing guard and text rules, in the right script', () => {
    const prng = new Prng('texts');
    for (const scene of scenes()) {
      for (let i = 0; i < 40; i++) {
        const { title, body } = writeOpening(prng, { ...scene, level: 1 + (i % 8), city: i % 14 });
        const reply = writeReply(prng, { ...scene, level: 1 + (i % 8), city: i % 14 });
        for (const text of [title, body, reply]) {
          expect(findPersonalData(text)).toEqual([]);
          expect(text).not.toMatch(/[{}]/);
          expect(/\p{Script=Han}/u.test(text)).toBe(scene.lang === 'zh');
        }
        expect(cleanText(title, TITLE_RULE)).toBe(title);
        expect(cleanText(body, BODY_RULE)).toBe(body);
        expect(cleanText(reply, BODY_RULE)).toBe(reply);
      }
    }
  });

  it('vary: many different bodies for one topic and mood', () => {
    const prng = new Prng('variety');
    const scene: Scene = {
      lang: 'en',
      topic: 'pay',
      mood: 'negative',
      company: 'Lumenforge',
      city: 0,
      level: 4,
    };
    const bodies = new Set(Array.from({ length: 300 }, () => writeOpening(prng, scene).body));
    expect(bodies.size).toBeGreaterThan(150);
  });

  it('are the same for the same seed', () => {
    const scene: Scene = {
      lang: 'zh',
      topic: 'overtime',
      mood: 'neutral',
      company: '北辰云',
      city: 1,
      level: 3,
    };
    const draw = (seed: string) => {
      const prng = new Prng(seed);
      return Array.from({ length: 20 }, () => [writeOpening(prng, scene), writeReply(prng, scene)]);
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });
});
