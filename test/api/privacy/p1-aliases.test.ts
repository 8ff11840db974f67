// P1: per-thread aliases. One person's aliases across threads are independent draws; inside one
// thread nobody shares an alias; a person keeps theirs in a thread until the alias key's window ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestCompany, signIn, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { openForumApp, openThread, reply } from '../forum/forum-client.ts';

const words = (alias: string) => alias.split(' · ')[1]!;

describe('P1 per-thread aliases', () => {
  let t: TestApp;
  let poster: TestAccount;

  beforeAll(async () => {
    t = await openForumApp({ MIN_EMPLOYER_CROWD: '2' });
    const acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    poster = await createTestAccount(t.services, { companyId: acme.id });
    await createTestAccount(t.services, { companyId: acme.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives one person 200 independent aliases in 200 threads (no more repeats than chance)', async () => {
    const aliases: string[] = [];
    for (let i = 0; i < 200; i++) {
      const thread = await openThread(t.app, poster.token, { title: `Thread number ${i}`, company: 'acme' });
      aliases.push(thread.post.alias);
    }
    expect(aliases.every((a) => a.startsWith('Employee of Acme · '))).toBe(true);
    // 200 draws from ≥ 65,536 word pairs repeat about 0.3 times on average; more than 3 is not chance.
    const duplicates = aliases.length - new Set(aliases.map(words)).size;
    expect(duplicates).toBeLessThanOrEqual(3);
  }, 120_000);

  it('never lets 300 people in one thread share an alias', async () => {
    const opener = await createTestAccount(t.services);
    const thread = await openThread(t.app, opener.token);
    const aliases = [words(thread.post.alias)];
    for (let i = 0; i < 299; i++) {
      const person = await createTestAccount(t.services);
      aliases.push(words((await reply(t.app, person.token, thread.id)).alias));
    }
    expect(new Set(aliases).size).toBe(300);
    const { rows } = await t.services.db.query<{ n: number }>(
      'SELECT count(DISTINCT words) AS n FROM thread_aliases WHERE thread_id = $1',
      [thread.id],
    );
    expect(rows[0]!.n).toBe(300);
  }, 120_000);

  it('keeps a person’s alias within a thread, and gives a fresh one after AUTHOR_LINK_DAYS', async () => {
    const someone = await createTestAccount(t.services);
    const thread = await openThread(t.app, someone.token);
    const first = thread.post.alias;
    t.services.clock.advanceDays(1);
    expect((await reply(t.app, someone.token, thread.id)).alias).toBe(first);
    t.services.clock.advanceDays(t.services.config.authorLinkDays - 2); // sessions last a week: sign in again
    expect((await reply(t.app, (await signIn(t.services, someone.accountId)).token, thread.id)).alias).toBe(
      first,
    );
    t.services.clock.advanceDays(1); // AUTHOR_LINK_DAYS after the thread began: the alias key is gone
    const { token } = await signIn(t.services, someone.accountId);
    const fresh = (await reply(t.app, token, thread.id)).alias;
    expect(words(fresh)).not.toBe(words(first));
    expect((await reply(t.app, token, thread.id)).alias).toBe(fresh);
  });
});
