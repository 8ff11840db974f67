import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasTag, aliasWords } from '../../../api/forum/aliases.ts';
import { threadAliasWords } from '../../../api/forum/thread-aliases.ts';
import { newId } from '../../../api/ids.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

describe('thread alias allocation', () => {
  let s: TestServices;
  const deps = () => ({ keys: s.keys, authorLinkDays: s.config.authorLinkDays, random: s.random });

  async function newThread(createdAt: Date): Promise<{ id: string; createdAt: Date }> {
    const id = newId();
    await s.db.query(
      "INSERT INTO threads (id, title, created_at, last_post_at) VALUES ($1, 'A thread title', $2, $2)",
      [id, createdAt],
    );
    return { id, createdAt };
  }

  beforeAll(async () => {
    s = await openTestServices();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('gives one person the same words in a thread and stores one row for them', async () => {
    const thread = await newThread(s.clock.now());
    const first = await threadAliasWords(s.db, deps(), thread, 'alice', s.clock.now());
    const again = await threadAliasWords(s.db, deps(), thread, 'alice', s.clock.now());
    expect(again).toBe(first);
    const tag = aliasTag(s.keys, 30, thread.createdAt, s.clock.now(), 'alice', thread.id)!.tag;
    expect(first).toBe(aliasWords(tag));
    const { rows } = await s.db.query('SELECT words FROM thread_aliases WHERE thread_id = $1', [thread.id]);
    expect(rows).toEqual([{ words: first }]);
  });

  it('moves to the next candidate when the words are taken by someone else in the thread', async () => {
    const thread = await newThread(s.clock.now());
    const tag = aliasTag(s.keys, 30, thread.createdAt, s.clock.now(), 'bob', thread.id)!.tag;
    // Someone else already holds bob's first two candidates.
    await s.db.query('INSERT INTO thread_aliases (thread_id, tag, words) VALUES ($1, $2, $3), ($1, $4, $5)', [
      thread.id,
      Buffer.alloc(32, 1),
      aliasWords(tag, 0),
      Buffer.alloc(32, 2),
      aliasWords(tag, 1),
    ]);
    const words = await threadAliasWords(s.db, deps(), thread, 'bob', s.clock.now());
    expect(words).toBe(aliasWords(tag, 2));
  });

  it('keeps words unique per thread under concurrent allocation', async () => {
    const thread = await newThread(s.clock.now());
    const people = Array.from({ length: 40 }, (_, i) => `person-${i}`);
    const words = await Promise.all(
      people.map((person) =>
        s.db.transaction((tx) => threadAliasWords(tx, deps(), thread, person, s.clock.now())),
      ),
    );
    expect(new Set(words).size).toBe(people.length);
    const again = await Promise.all(
      people.map((person) =>
        s.db.transaction((tx) => threadAliasWords(tx, deps(), thread, person, s.clock.now())),
      ),
    );
    expect(again).toEqual(words);
  });

  it('gives the same words to racing first posts of one person (the loser of the insert reuses the row)', async () => {
    const thread = await newThread(s.clock.now());
    const words = await Promise.all(
      Array.from({ length: 8 }, () =>
        s.db.transaction((tx) => threadAliasWords(tx, deps(), thread, 'dave', s.clock.now())),
      ),
    );
    expect(new Set(words).size).toBe(1);
    const { rows } = await s.db.query('SELECT count(*)::int AS n FROM thread_aliases WHERE thread_id = $1', [
      thread.id,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('gives a one-off alias when no live key can make the tag (a thread older than the key store)', async () => {
    const thread = await newThread(new Date(s.clock.now().getTime() - 10 * 86_400_000));
    const a = await threadAliasWords(s.db, deps(), thread, 'carol', s.clock.now());
    const b = await threadAliasWords(s.db, deps(), thread, 'carol', s.clock.now());
    expect(a).not.toBe(b);
  });
});
