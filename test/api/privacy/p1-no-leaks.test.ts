// P1: no response carries anyone's account id, session token (but the caller's own), e-mail hash or
// any stored tag or box; every public time is truncated; ids are 128 random bits with no time in them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, createTestAccount, createTestCompany, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { getJson, openForumApp, openThread, reply } from '../forum/forum-client.ts';

interface Captured {
  caller: TestAccount | null;
  url: string;
  body: string;
}

/** Every way a secret could be spelled in a JSON body. */
const spellings = (bytes: Buffer) => [
  bytes.toString('hex'),
  bytes.toString('base64'),
  bytes.toString('base64url'),
];

const commonPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};

describe('P1 nothing in a response identifies a person', () => {
  let t: TestApp;
  const people: TestAccount[] = [];
  const captured: Captured[] = [];
  const createdIds: string[] = [];

  async function call(
    caller: TestAccount | null,
    request: {
      method: 'GET' | 'POST' | 'DELETE';
      url: string;
      payload?: object;
      headers?: Record<string, string>;
    },
  ): Promise<LightMyRequestResponse> {
    const res = await t.app.inject({
      ...request,
      headers: { ...(caller ? bearer(caller.token) : {}), ...request.headers },
    });
    captured.push({ caller, url: request.url, body: `${JSON.stringify(res.headers)}\n${res.body}` });
    return res;
  }

  beforeAll(async () => {
    // An odd start time so that truncation is visible.
    t = await openForumApp({ MIN_EMPLOYER_CROWD: '2' }, { start: '2026-03-02T10:47:31.123Z' });
    const acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    for (let i = 0; i < 3; i++) people.push(await createTestAccount(t.services, { companyId: acme.id }));
    people.push(await createTestAccount(t.services, { memberKind: 'verified' }));
    people.push(await createTestAccount(t.services, { memberKind: 'member' }));

    // Every forum and salary route, by every person, a few seconds apart.
    const threads: string[] = [];
    for (const [i, person] of people.entries()) {
      t.services.clock.advance(7_000);
      const res = await call(person, {
        method: 'POST',
        url: '/v1/threads',
        payload: { title: `Thread by person ${i}`, body: 'Hello.', ...(i < 3 ? { company: 'acme' } : {}) },
      });
      const created = res.json();
      threads.push(created.id);
      createdIds.push(created.id, created.post.id);
    }
    for (const person of people) {
      for (const threadId of threads) {
        t.services.clock.advance(3_000);
        const res = await call(person, {
          method: 'POST',
          url: `/v1/threads/${threadId}/posts`,
          payload: { body: 'Reply.' },
        });
        createdIds.push(res.json().id);
      }
    }
    for (const person of people) {
      await call(person, { method: 'GET', url: '/v1/threads' });
      await call(person, { method: 'GET', url: '/v1/threads?company=acme' });
      await call(person, { method: 'GET', url: '/v1/threads?board=general&limit=1' });
      for (const threadId of threads)
        await call(person, { method: 'GET', url: `/v1/threads/${threadId}?limit=2` });
      await call(person, { method: 'GET', url: '/v1/me/posts' });
      await call(person, { method: 'GET', url: '/v1/me/salaries' });
      await call(person, {
        method: 'POST',
        url: '/v1/salaries',
        payload: {
          jobFamily: 'data',
          level: 'L3',
          city: 'Hangzhou',
          yearsExperience: 3,
          base: 300000,
          currency: 'CNY',
          year: 2025,
        },
      });
    }
    const victim = (await call(people[0]!, { method: 'GET', url: '/v1/me/posts' })).json().items[0].id;
    await call(people[1]!, {
      method: 'POST',
      url: `/v1/posts/${victim}/report`,
      payload: { reason: 'spam' },
    });
    await call(people[1]!, { method: 'DELETE', url: `/v1/posts/${victim}` });
    await call(people[0]!, { method: 'DELETE', url: `/v1/posts/${victim}` });
    await call(people[0]!, { method: 'GET', url: '/v1/me/salaries' });
    await call(null, { method: 'GET', url: '/v1/threads' });
    await call(people[2]!, { method: 'POST', url: '/v1/threads', payload: { title: 'x', body: 'y' } });
    await call(null, { method: 'GET', url: '/docs/json' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('never sends an account id, an e-mail hash or anyone else’s session token', async () => {
    expect(captured.length).toBeGreaterThan(60);
    for (const { caller, url, body } of captured) {
      for (const person of people) {
        expect(body, url).not.toContain(person.accountId);
        for (const spelling of spellings(person.emailHash)) expect(body, url).not.toContain(spelling);
        if (person !== caller) expect(body, url).not.toContain(person.token);
        // Not even the caller's own token is echoed.
        expect(body, url).not.toContain(person.token.slice(3));
      }
    }
  });

  it('never sends a stored tag, box or receipt hash', async () => {
    const secrets: Buffer[] = [];
    const posts = await t.services.db.query<{
      author_tag: Buffer | null;
      author_box: Buffer | null;
      receipt_hash: Buffer;
    }>('SELECT author_tag, author_box, receipt_hash FROM posts');
    for (const row of posts.rows)
      secrets.push(...[row.author_tag, row.author_box, row.receipt_hash].filter((b) => b !== null));
    const aliases = await t.services.db.query<{ tag: Buffer }>('SELECT tag FROM thread_aliases');
    secrets.push(...aliases.rows.map((r) => r.tag));
    const salaries = await t.services.db.query<{ reporter_tag: Buffer | null; reporter_box: Buffer | null }>(
      'SELECT reporter_tag, reporter_box FROM salaries',
    );
    for (const row of salaries.rows)
      secrets.push(...[row.reporter_tag, row.reporter_box].filter((b) => b !== null));
    expect(secrets.length).toBeGreaterThan(100);
    const all = captured.map((c) => c.body).join('\n');
    for (const secret of secrets)
      for (const spelling of spellings(secret)) expect(all).not.toContain(spelling);
  });

  it('truncates every public time to the hour', async () => {
    const times = captured.flatMap(
      (c) => c.body.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g) ?? [],
    );
    expect(times.length).toBeGreaterThan(50);
    for (const time of times) expect(time).toMatch(/T\d{2}:00:00(?:\.000)?Z$/);
  });

  it('makes ids of 22 random base64url characters that carry no time or sequence', async () => {
    for (const id of createdIds) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    // Two ids made a second apart share no prefix (a ULID or UUIDv7 would share ~8 characters).
    const first = await openThread(t.app, people[4]!.token);
    t.services.clock.advance(1_000);
    const second = await openThread(t.app, people[4]!.token);
    expect(commonPrefix(first.id, second.id)).toBeLessThan(4);
    expect(commonPrefix(first.post.id, second.post.id)).toBeLessThan(4);
    // Ids in creation order are not sorted (for 60+ random ids that happens with odds of 1 in 60!).
    const sorted = [...createdIds].sort();
    expect(sorted).not.toEqual(createdIds);
    const neighbours = createdIds.slice(1).map((id, i) => commonPrefix(id, createdIds[i]!));
    expect(Math.max(...neighbours)).toBeLessThan(5);
  });

  it('truncates to the day when PUBLIC_TIME_GRANULARITY=day', async () => {
    const daily = await openForumApp(
      { PUBLIC_TIME_GRANULARITY: 'day' },
      { start: '2026-03-02T10:47:31.123Z' },
    );
    try {
      const person = await createTestAccount(daily.services);
      const thread = await openThread(daily.app, person.token);
      expect(thread.createdAt).toBe('2026-03-02T00:00:00.000Z');
      expect((await reply(daily.app, person.token, thread.id)).createdAt).toBe('2026-03-02T00:00:00.000Z');
      const view = await getJson(daily.app, person.token, `/v1/threads/${thread.id}`);
      expect(view.thread.lastActivity).toBe('2026-03-02T00:00:00.000Z');
      expect(view.posts.map((p: { createdAt: string }) => p.createdAt)).toEqual([
        '2026-03-02T00:00:00.000Z',
        '2026-03-02T00:00:00.000Z',
      ]);
    } finally {
      await daily.close();
    }
  }, 120_000); // a second app: on embedded PGlite that is a second database to start
});
