import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetExpired } from '../../../api/forgetting.ts';
import { bearer, createTestAccount, signIn, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, getJson, openForumApp, openThread, reply } from './forum-client.ts';

describe('GET /v1/me/posts', () => {
  let t: TestApp;
  let me: TestAccount;
  let someoneElse: TestAccount;

  beforeAll(async () => {
    t = await openForumApp();
    me = await createTestAccount(t.services);
    someoneElse = await createTestAccount(t.services);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists only the caller's own posts, newest first, with thread and alias", async () => {
    const mine = await openThread(t.app, me.token, { title: 'My own thread' });
    t.services.clock.advance(3_600_000);
    const theirs = await openThread(t.app, someoneElse.token, { title: 'Their thread' });
    t.services.clock.advance(3_600_000);
    const myReply = await reply(t.app, me.token, theirs.id);
    await reply(t.app, someoneElse.token, mine.id);

    const page = await getJson(t.app, me.token, '/v1/me/posts');
    expect(page.items).toEqual([
      {
        id: myReply.id,
        threadId: theirs.id,
        threadTitle: 'Their thread',
        alias: myReply.alias,
        position: 2,
        createdAt: '2026-03-02T12:00:00.000Z',
      },
      {
        id: mine.post.id,
        threadId: mine.id,
        threadTitle: 'My own thread',
        alias: mine.post.alias,
        position: 1,
        createdAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
    const theirPage = await getJson(t.app, someoneElse.token, '/v1/me/posts');
    expect(theirPage.items.map((i: { id: string }) => i.id).sort()).not.toContain(myReply.id);
    expect(theirPage.items).toHaveLength(2);
  });

  it('pages with its own cursor and leaves out deleted posts', async () => {
    const thread = await openThread(t.app, someoneElse.token);
    const posts = [];
    for (let i = 0; i < 5; i++) {
      t.services.clock.advance(1000);
      posts.push(await reply(t.app, me.token, thread.id, { body: `reply ${i}` }));
    }
    await t.app.inject({ method: 'DELETE', url: `/v1/posts/${posts[4]!.id}`, headers: bearer(me.token) });
    const first = await getJson(t.app, me.token, '/v1/me/posts?limit=2');
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([posts[3]!.id, posts[2]!.id]);
    const second = await getJson(t.app, me.token, `/v1/me/posts?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([posts[1]!.id, posts[0]!.id]);
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/v1/threads/${thread.id}?cursor=${first.nextCursor}`,
      headers: bearer(me.token),
    });
    expectStatus(wrong, 400);
  });

  it('needs a session', async () => {
    expectStatus(await t.app.inject({ method: 'GET', url: '/v1/me/posts' }), 401);
  });

  it('forgets posts once their author link dies, day by day', async () => {
    const before = await getJson(t.app, me.token, '/v1/me/posts?limit=50');
    expect(before.items.length).toBeGreaterThan(0);
    t.services.clock.advanceDays(t.services.config.authorLinkDays - 1);
    const { token } = await signIn(t.services, me.accountId);
    expect((await getJson(t.app, token, '/v1/me/posts?limit=50')).items).toHaveLength(before.items.length);
    t.services.clock.advanceDays(1);
    await forgetExpired(t.services);
    expect((await getJson(t.app, token, '/v1/me/posts')).items).toEqual([]);
  });
});
