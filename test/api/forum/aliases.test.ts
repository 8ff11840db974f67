import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../../api/clock.ts';
import { ADJECTIVES, NOUNS } from '../../../api/forum/alias-words.ts';
import { ALIAS_COMBINATIONS, aliasTag, aliasWords } from '../../../api/forum/aliases.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('alias words', () => {
  it('give at least 65,536 combinations from at least 256 adjectives and 256 nouns', () => {
    expect(ADJECTIVES.length).toBeGreaterThanOrEqual(256);
    expect(NOUNS.length).toBeGreaterThanOrEqual(256);
    expect(ALIAS_COMBINATIONS).toBe(ADJECTIVES.length * NOUNS.length);
    expect(ALIAS_COMBINATIONS).toBeGreaterThanOrEqual(65_536);
  });

  it('are unique within and across both lists (case-insensitively)', () => {
    const all = [...ADJECTIVES, ...NOUNS].map((w) => w.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it('are single capitalised words of plain letters', () => {
    for (const word of [...ADJECTIVES, ...NOUNS]) expect(word).toMatch(/^[A-Z][a-z]{1,13}$/);
  });

  it('leave out words that insult or single people out', () => {
    const banned = [
      'Dog',
      'Pig',
      'Rat',
      'Monkey',
      'Ape',
      'Turtle',
      'Chicken',
      'Duck',
      'Rabbit',
      'Alpaca',
      'Banana',
    ];
    const bannedAdjectives = [
      'Black',
      'White',
      'Yellow',
      'Brown',
      'Fat',
      'Old',
      'Ugly',
      'Stupid',
      'Lazy',
      'Gay',
    ];
    for (const word of banned) expect(NOUNS).not.toContain(word);
    for (const word of bannedAdjectives) expect(ADJECTIVES).not.toContain(word);
  });

  it('derive deterministic candidates from a tag; later attempts give other words', () => {
    const tag = randomBytes(32);
    expect(aliasWords(tag)).toBe(aliasWords(tag));
    expect(aliasWords(tag)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    const candidates = new Set(Array.from({ length: 20 }, (_, attempt) => aliasWords(tag, attempt)));
    expect(candidates.size).toBeGreaterThanOrEqual(19);
  });

  it('use every adjective and noun across many tags', () => {
    const adjectives = new Set<string>();
    const nouns = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const [adjective, noun] = aliasWords(randomBytes(32)).split(' ');
      adjectives.add(adjective!);
      nouns.add(noun!);
    }
    expect(adjectives.size).toBe(ADJECTIVES.length);
    expect(nouns.size).toBe(NOUNS.length);
  });
});

describe('alias tags', () => {
  const clock = new ManualClock('2026-03-02T10:00:00Z');
  const keys = KeyStore.open(
    mkdtempSync(join(tmpdir(), 'wc-alias-')),
    chainSpecs({ authorLinkDays: 30, etlGraceDays: 7 }),
    clock,
  );
  const threadStart = new Date('2026-03-02T10:00:00Z');

  it('are the same for one person in one thread within an epoch, and differ across people and threads', () => {
    const a = aliasTag(keys, 30, threadStart, new Date('2026-03-05T00:00:00Z'), 'alice', 'thread-1')!;
    const again = aliasTag(keys, 30, threadStart, new Date('2026-03-20T00:00:00Z'), 'alice', 'thread-1')!;
    expect(a.tag.equals(again.tag)).toBe(true);
    expect(a.tag.equals(aliasTag(keys, 30, threadStart, threadStart, 'bob', 'thread-1')!.tag)).toBe(false);
    expect(a.tag.equals(aliasTag(keys, 30, threadStart, threadStart, 'alice', 'thread-2')!.tag)).toBe(false);
  });

  it('change once AUTHOR_LINK_DAYS have passed since the thread began', () => {
    const first = aliasTag(keys, 30, threadStart, threadStart, 'alice', 'thread-1')!;
    const later = aliasTag(keys, 30, threadStart, new Date('2026-04-01T10:00:00Z'), 'alice', 'thread-1')!;
    expect(later.epochDay).toBe(first.epochDay + 30);
    expect(later.tag.equals(first.tag)).toBe(false);
  });
});
