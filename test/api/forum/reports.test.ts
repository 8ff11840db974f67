import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestAccount, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, openForumApp, openThread } from './forum-client.ts';

describe('reporting posts', () => {
  let t: TestApp;
  let reporter: TestAccount;

  beforeAll(async () => {
    t = await openForumApp();
    reporter = await createTestAccount(t.services);
  });
  afterAll(async () => {
    await t?.close();
  });

  const report = (id: string, payload: unknown, token = reporter.token) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/posts/${id}/report`,
      headers: bearer(token),
      payload: payload as object,
    });

  it('accepts a report with 202 and stores nothing about the reporter', async () => {
    const thread = await openThread(t.app, reporter.token);
    const res = await report(thread.post.id, { reason: 'harassment', note: 'Targets a named manager.' });
    expectStatus(res, 202);
    expect(res.json()).toEqual({ status: 'received' });
    const { rows } = await t.services.db.query('SELECT * FROM post_reports');
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'created_at',
      'id',
      'note',
      'post_id',
      'reason',
      'resolved',
    ]);
    expect(rows[0]).toMatchObject({
      post_id: thread.post.id,
      reason: 'harassment',
      note: 'Targets a named manager.',
      resolved: false,
    });
    expect(JSON.stringify(rows)).not.toContain(reporter.accountId);
  });

  it('refuses unknown posts, unknown reasons, personal data in the note and no session', async () => {
    const thread = await openThread(t.app, reporter.token);
    const cases: [string, unknown, number, RegExp][] = [
      ['AAAAAAAAAAAAAAAAAAAAAA', { reason: 'spam' }, 404, /post was not found/],
      [thread.post.id, { reason: 'boring' }, 400, /reason must be one of: doxxing, harassment/],
      [thread.post.id, {}, 400, /missing the required field "reason"/],
      [thread.post.id, { reason: 'doxxing', note: 'they posted 13812345678' }, 400, /phone number/],
      [thread.post.id, { reason: 'spam', note: 'x'.repeat(501) }, 400, /note is too long/],
      [thread.post.id, { reason: 'spam', reporter: 'me' }, 400, /does not accept: "reporter"/],
    ];
    for (const [id, payload, status, message] of cases) {
      const res = await report(id, payload);
      expectStatus(res, status);
      expect(res.json().error.message).toMatch(message);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/v1/posts/${thread.post.id}/report`,
      payload: { reason: 'spam' },
    });
    expectStatus(anonymous, 401);
  });
});
