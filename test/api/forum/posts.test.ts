import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuthorBox } from '../../../api/forum/author-links.ts';
import { hashReceipt } from '../../../api/forum/receipts.ts';
import {
  bearer,
  createTestAccount,
  createTestCompany,
  type TestAccount,
  type TestCompany,
} from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, getJson, openForumApp, openThread, reply } from './forum-client.ts';

const words = (alias: string) => alias.split(' · ')[1];

describe('replies and aliases', () => {
  let t: TestApp;
  let big: TestCompany;
  let small: TestCompany;
  let bigEmployee: TestAccount;
  let smallEmployee: TestAccount;
  let verified: TestAccount;
  let member: TestAccount;

  beforeAll(async () => {
    t = await openForumApp({ MIN_EMPLOYER_CROWD: '3' });
    big = await createTestCompany(t.services.db, t.services.clock, { slug: 'bigco', name: 'BigCo' });
    small = await createTestCompany(t.services.db, t.services.clock, { slug: 'tiny', name: 'Tiny Ltd' });
    bigEmployee = await createTestAccount(t.services, { companyId: big.id });
    await createTestAccount(t.services, { companyId: big.id });
    await createTestAccount(t.services, { companyId: big.id });
    smallEmployee = await createTestAccount(t.services, { companyId: small.id });
    await createTestAccount(t.services, { companyId: small.id });
    // Non-employees linked to the small company do not make its crowd bigger.
    await createTestAccount(t.services, { memberKind: 'verified', companyId: small.id });
    verified = await createTestAccount(t.services, { memberKind: 'verified' });
    member = await createTestAccount(t.services, { memberKind: 'member' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('labels posts by member kind, naming the employer only for a big enough crowd', async () => {
    const thread = await openThread(t.app, member.token);
    expect(thread.post.alias).toMatch(/^Member · \w+ \w+$/);
    expect((await reply(t.app, verified.token, thread.id)).alias).toMatch(/^Verified member · \w+ \w+$/);
    expect((await reply(t.app, bigEmployee.token, thread.id)).alias).toMatch(/^Employee of BigCo · \w+ \w+$/);
    expect((await reply(t.app, smallEmployee.token, thread.id)).alias).toMatch(
      /^Verified employee · \w+ \w+$/,
    );
  });

  it('hides the employer on a post when the author asks, keeping the same words', async () => {
    const thread = await openThread(t.app, bigEmployee.token, { hideEmployer: true });
    expect(thread.post.alias).toMatch(/^Verified employee · /);
    const shown = await reply(t.app, bigEmployee.token, thread.id);
    expect(shown.alias).toMatch(/^Employee of BigCo · /);
    expect(words(shown.alias)).toBe(words(thread.post.alias));
  });

  it('keeps one alias per person inside a thread and different ones for different people', async () => {
    const thread = await openThread(t.app, member.token);
    const mine = await reply(t.app, member.token, thread.id);
    const theirs = await reply(t.app, verified.token, thread.id);
    const mineAgain = await reply(t.app, member.token, thread.id);
    expect(mine.alias).toBe(thread.post.alias);
    expect(mineAgain.alias).toBe(thread.post.alias);
    expect(words(theirs.alias)).not.toBe(words(mine.alias));
  });

  it('numbers replies 2, 3, … and keeps the thread counters in step', async () => {
    const thread = await openThread(t.app, member.token);
    t.services.clock.advance(2 * 3_600_000);
    const second = await reply(t.app, verified.token, thread.id, { body: 'Second.' });
    expect(second).toMatchObject({ threadId: thread.id, position: 2, createdAt: '2026-03-02T12:00:00.000Z' });
    const view = await getJson(t.app, member.token, `/v1/threads/${thread.id}`);
    expect(view.thread).toMatchObject({ postCount: 2, lastActivity: '2026-03-02T12:00:00.000Z' });
    expect(view.posts.map((p: { position: number; body: string }) => [p.position, p.body])).toEqual([
      [1, 'Some words about work.'],
      [2, 'Second.'],
    ]);
  });

  it('gives concurrent replies distinct, dense positions', async () => {
    const thread = await openThread(t.app, member.token);
    const people = [member, verified, bigEmployee, smallEmployee];
    const posts = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        reply(t.app, people[i % people.length]!.token, thread.id, { body: `n${i}` }),
      ),
    );
    expect(posts.map((p) => p.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 2),
    );
    const { rows } = await t.services.db.query<{ post_count: number }>(
      'SELECT post_count FROM threads WHERE id = $1',
      [thread.id],
    );
    expect(rows[0]!.post_count).toBe(25);
    const aliases = new Map<string, Set<string>>();
    posts.forEach((post, i) => {
      const who = people[i % people.length]!.accountId;
      aliases.set(who, (aliases.get(who) ?? new Set()).add(words(post.alias)!));
    });
    for (const set of aliases.values()) expect(set.size).toBe(1);
  });

  it('stores the author link under the day key, the receipt only as a hash', async () => {
    const thread = await openThread(t.app, member.token);
    const post = await reply(t.app, verified.token, thread.id);
    const { rows } = await t.services.db.query<{
      author_day: Date;
      author_tag: Buffer;
      author_box: Buffer;
      receipt_hash: Buffer;
    }>('SELECT author_day, author_tag, author_box, receipt_hash FROM posts WHERE id = $1', [post.id]);
    const row = rows[0]!;
    expect(openAuthorBox(t.services.keys, post.id, '2026-03-02', row.author_box)).toBe(verified.accountId);
    expect(row.receipt_hash.equals(hashReceipt(post.deletionReceipt))).toBe(true);
    expect(row.author_tag.includes(Buffer.from(verified.accountId))).toBe(false);
  });

  it('refuses replies to a missing thread, bad bodies and unknown fields', async () => {
    const thread = await openThread(t.app, member.token);
    const cases: [string, unknown, number, RegExp][] = [
      ['/v1/threads/AAAAAAAAAAAAAAAAAAAAAA/posts', { body: 'x' }, 404, /thread was not found/],
      [`/v1/threads/${thread.id}/posts`, { body: '' }, 400, /body is too short/],
      [`/v1/threads/${thread.id}/posts`, { body: 42 }, 400, /body must be of type string/],
      [`/v1/threads/${thread.id}/posts`, { body: 'x', alias: 'Boss' }, 400, /does not accept: "alias"/],
      [
        `/v1/threads/${thread.id}/posts`,
        { body: 'x', hideEmployer: 'yes' },
        400,
        /hideEmployer must be of type boolean/,
      ],
      [`/v1/threads/${thread.id}/posts`, { body: 'my SSN 078-05-1120' }, 400, /national ID number/],
      ['/v1/threads/short/posts', { body: 'x' }, 400, /params.id is not in the expected format/],
    ];
    for (const [url, payload, status, message] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: bearer(member.token),
        payload: payload as object,
      });
      expectStatus(res, status);
      expect(res.json().error.message).toMatch(message);
    }
  });
});
