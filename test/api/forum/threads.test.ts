import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestAccount,
  createTestCompany,
  type TestAccount,
  type TestCompany,
} from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, getJson, openForumApp, openThread, reply } from './forum-client.ts';

describe('opening and reading threads', () => {
  let t: TestApp;
  let acme: TestCompany;
  let globex: TestCompany;
  let employee: TestAccount;
  let member: TestAccount;

  beforeAll(async () => {
    t = await openForumApp({ MIN_EMPLOYER_CROWD: '1' });
    acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    globex = await createTestCompany(t.services.db, t.services.clock, { slug: 'globex', name: 'Globex' });
    employee = await createTestAccount(t.services, { companyId: acme.id });
    member = await createTestAccount(t.services, { memberKind: 'member' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a thread on the general board with its first post, alias and receipt', async () => {
    const thread = await openThread(t.app, member.token, {
      title: 'Is 996 still a thing?',
      body: 'Asking for a friend.',
    });
    expect(thread.board).toBe('general');
    expect(thread.title).toBe('Is 996 still a thing?');
    expect(thread.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(thread.post).toMatchObject({ threadId: thread.id, position: 1 });
    expect(thread.post.alias).toMatch(/^Member · [A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(thread.post.deletionReceipt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(thread.createdAt).toBe('2026-03-02T10:00:00.000Z');

    const view = await getJson(t.app, member.token, `/v1/threads/${thread.id}`);
    expect(view.thread).toEqual({
      id: thread.id,
      title: 'Is 996 still a thing?',
      board: 'general',
      postCount: 1,
      createdAt: '2026-03-02T10:00:00.000Z',
      lastActivity: '2026-03-02T10:00:00.000Z',
    });
    expect(view.posts).toEqual([
      {
        id: thread.post.id,
        position: 1,
        alias: thread.post.alias,
        body: 'Asking for a friend.',
        createdAt: '2026-03-02T10:00:00.000Z',
        deleted: false,
      },
    ]);
    expect(view.nextCursor).toBeNull();
  });

  it("opens a thread on the author's own employer's board, and nobody else's", async () => {
    const thread = await openThread(t.app, employee.token, { company: 'acme' });
    expect(thread.board).toBe('acme');
    expect(thread.post.alias).toMatch(/^Employee of Acme · /);

    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/v1/threads',
      headers: bearer(employee.token),
      payload: { title: 'Hello Globex', body: 'Hi.', company: 'globex' },
    });
    expectStatus(elsewhere, 403);
    expect(elsewhere.json().error).toMatchObject({ code: 'NOT_YOUR_EMPLOYER' });
    expect(elsewhere.json().error.message).toMatch(/Globex/);

    const byMember = await t.app.inject({
      method: 'POST',
      url: '/v1/threads',
      headers: bearer(member.token),
      payload: { title: 'Hello Acme', body: 'Hi.', company: 'acme' },
    });
    expectStatus(byMember, 403);

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/threads',
      headers: bearer(employee.token),
      payload: { title: 'Hello nobody', body: 'Hi.', company: 'no-such-company' },
    });
    expectStatus(unknown, 404);
    expect(globex.id).not.toBe(acme.id);
  });

  it('trims the title and body and keeps newlines in the body', async () => {
    const thread = await openThread(t.app, member.token, {
      title: '  Spaces around  ',
      body: '\n Line one\r\nLine two \n',
    });
    expect(thread.title).toBe('Spaces around');
    const view = await getJson(t.app, member.token, `/v1/threads/${thread.id}`);
    expect(view.posts[0].body).toBe('Line one\nLine two');
  });

  it('refuses titles and bodies out of bounds, with control characters or with personal data', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: 'Hi', body: 'x' }, 'TEXT_LENGTH', /title must be 5–200 characters/],
      [{ title: '     Hi      ', body: 'x' }, 'TEXT_LENGTH', /it has 2/],
      [{ title: 'x'.repeat(201), body: 'x' }, 'INVALID_INPUT', /title is too long/],
      [{ title: 'A fine title', body: '   ' }, 'TEXT_LENGTH', /body must be 1–10,000/],
      [{ title: 'A fine title', body: 'x'.repeat(10_001) }, 'INVALID_INPUT', /body is too long/],
      [{ title: 'Two\nlines title', body: 'x' }, 'INVALID_TEXT', /single line/],
      [{ title: 'A fine title', body: 'bell\u0007' }, 'CONTROL_CHARACTER', /U\+0007/],
      [{ title: 'A fine title', body: 'nul\u0000' }, 'CONTROL_CHARACTER', /U\+0000/],
      [
        { title: 'Call me 13812345678', body: 'x' },
        'DOXXING_GUARD',
        /title contains what looks like a phone number/,
      ],
      [{ title: 'A fine title', body: 'mail boss@acme.example' }, 'DOXXING_GUARD', /e-mail address/],
    ];
    for (const [payload, code, message] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/threads',
        headers: bearer(member.token),
        payload,
      });
      expectStatus(res, 400);
      expect(res.json().error.code, JSON.stringify(payload).slice(0, 60)).toBe(code);
      expect(res.json().error.message).toMatch(message);
    }
    // Nothing of the refused attempts was stored.
    const { rows } = await t.services.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM posts WHERE body LIKE '%acme.example%' OR body LIKE 'bell%'",
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('counts characters as people see them: 10,000 emoji fit in a body', async () => {
    const thread = await openThread(t.app, member.token, { body: '🙂'.repeat(10_000) });
    expect(thread.post.position).toBe(1);
  });

  it('needs a session to read or write', async () => {
    const thread = await openThread(t.app, member.token);
    for (const request of [
      { method: 'GET' as const, url: '/v1/threads' },
      { method: 'GET' as const, url: `/v1/threads/${thread.id}` },
      { method: 'POST' as const, url: '/v1/threads', payload: { title: 'A fine title', body: 'x' } },
      { method: 'POST' as const, url: `/v1/threads/${thread.id}/posts`, payload: { body: 'x' } },
    ]) {
      const res = await t.app.inject(request);
      expectStatus(res, 401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers 404 for a thread that does not exist', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/threads/AAAAAAAAAAAAAAAAAAAAAA',
      headers: bearer(member.token),
    });
    expectStatus(res, 404);
    expect(res.json().error.message).toMatch(/thread was not found/);
  });

  it('answers a canary thread like any other thread', async () => {
    const now = t.services.clock.now();
    await t.services.db.query(
      `INSERT INTO threads (id, title, created_at, last_post_at, post_count, is_canary)
       VALUES ('canaryCanaryCanary0001', 'Salary spreadsheet 2026', $1, $1, 0, true)`,
      [now],
    );
    const view = await getJson(t.app, member.token, '/v1/threads/canaryCanaryCanary0001');
    expect(Object.keys(view).sort()).toEqual(['nextCursor', 'posts', 'thread']);
    expect(Object.keys(view.thread).sort()).toEqual([
      'board',
      'createdAt',
      'id',
      'lastActivity',
      'postCount',
      'title',
    ]);
    await reply(t.app, member.token, 'canaryCanaryCanary0001');
  });
});
