import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetExpired } from '../../../api/forgetting.ts';
import { bearer, createTestAccount, signIn, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, getJson, openForumApp, openThread, reply } from './forum-client.ts';

describe('deleting posts', () => {
  let t: TestApp;
  let author: TestAccount;
  let other: TestAccount;

  const del = (id: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'DELETE', url: `/v1/posts/${id}`, headers });

  async function row(id: string) {
    const { rows } = await t.services.db.query<{
      body: string;
      alias: string;
      author_tag: Buffer | null;
      author_box: Buffer | null;
      deleted: boolean;
    }>('SELECT body, alias, author_tag, author_box, deleted FROM posts WHERE id = $1', [id]);
    return rows[0]!;
  }

  beforeAll(async () => {
    t = await openForumApp();
    author = await createTestAccount(t.services);
    other = await createTestAccount(t.services);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("deletes with the author's session: a tombstone that keeps author_box for the ETL", async () => {
    const thread = await openThread(t.app, other.token);
    const post = await reply(t.app, author.token, thread.id, { body: 'Regret this.' });
    const before = await row(post.id);
    expectStatus(await del(post.id, bearer(author.token)), 204);
    const after = await row(post.id);
    expect(after).toMatchObject({ body: '', alias: '', author_tag: null, deleted: true });
    expect(after.author_box!.equals(before.author_box!)).toBe(true);

    const view = await getJson(t.app, other.token, `/v1/threads/${thread.id}`);
    expect(view.posts[1]).toMatchObject({ id: post.id, position: 2, body: '', alias: '', deleted: true });
    expect(view.thread.postCount).toBe(2);
  });

  it('deletes with the receipt alone, no session needed', async () => {
    const thread = await openThread(t.app, other.token);
    const post = await reply(t.app, author.token, thread.id);
    expectStatus(await del(post.id, { 'x-deletion-receipt': post.deletionReceipt }), 204);
    expect((await row(post.id)).deleted).toBe(true);
  });

  it('retitles the thread "[deleted]" when its opening post goes', async () => {
    const thread = await openThread(t.app, author.token, { title: 'Something I should not say' });
    expectStatus(await del(thread.post.id, { 'x-deletion-receipt': thread.post.deletionReceipt }), 204);
    const view = await getJson(t.app, other.token, `/v1/threads/${thread.id}`);
    expect(view.thread.title).toBe('[deleted]');
    const list = await getJson(t.app, other.token, '/v1/threads?board=general');
    expect(list.items.find((i: { id: string }) => i.id === thread.id).title).toBe('[deleted]');
  });

  it("refuses someone else's session, a wrong receipt, nothing at all, and a second deletion", async () => {
    const thread = await openThread(t.app, author.token);
    const post = thread.post;
    const wrongPerson = await del(post.id, bearer(other.token));
    expectStatus(wrongPerson, 403);
    expect(wrongPerson.json().error).toMatchObject({ code: 'NOT_YOUR_POST' });
    expect(wrongPerson.json().error.message).toMatch(/X-Deletion-Receipt/);

    const otherThread = await openThread(t.app, other.token);
    const wrongReceipt = await del(post.id, { 'x-deletion-receipt': otherThread.post.deletionReceipt });
    expectStatus(wrongReceipt, 403);
    expect(wrongReceipt.json().error.code).toBe('RECEIPT_MISMATCH');

    const nothing = await del(post.id);
    expectStatus(nothing, 401);
    expect(nothing.json().error.message).toMatch(/X-Deletion-Receipt/);

    const malformed = await del(post.id, { 'x-deletion-receipt': 'short' });
    expectStatus(malformed, 400);
    expect(malformed.json().error.message).toMatch(/x-deletion-receipt is not in the expected format/);

    expectStatus(await del('AAAAAAAAAAAAAAAAAAAAAA', { 'x-deletion-receipt': post.deletionReceipt }), 404);
    expect((await row(post.id)).deleted).toBe(false);

    expectStatus(await del(post.id, { 'x-deletion-receipt': post.deletionReceipt }), 204);
    const again = await del(post.id, { 'x-deletion-receipt': post.deletionReceipt });
    expectStatus(again, 410);
    expect(again.json().error.code).toBe('ALREADY_DELETED');
  });

  it('stops accepting the session once the author link has died; the receipt still works', async () => {
    const thread = await openThread(t.app, other.token);
    const post = await reply(t.app, author.token, thread.id);
    t.services.clock.advanceDays(t.services.config.authorLinkDays + 1);
    await forgetExpired(t.services);
    const { token } = await signIn(t.services, author.accountId);
    const bySession = await del(post.id, bearer(token));
    expectStatus(bySession, 403);
    expect(bySession.json().error.code).toBe('NOT_YOUR_POST');
    expectStatus(await del(post.id, { 'x-deletion-receipt': post.deletionReceipt }), 204);
    expect(await row(post.id)).toMatchObject({ deleted: true, author_box: null, author_tag: null });
  });
});
