import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cursors, MAX_PAGE_DEPTH } from '../../../api/forum/cursors.ts';
import { bearer, createTestAccount, createTestCompany, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, getJson, openForumApp, openThread, reply } from './forum-client.ts';

describe('thread listings', () => {
  let t: TestApp;
  let reader: TestAccount;
  let employee: TestAccount;
  const generalIds: string[] = [];
  const acmeIds: string[] = [];

  beforeAll(async () => {
    t = await openForumApp();
    const acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    reader = await createTestAccount(t.services);
    employee = await createTestAccount(t.services, { companyId: acme.id });
    // 25 general threads and 3 Acme threads, a minute apart: newest last.
    for (let i = 0; i < 25; i++) {
      generalIds.push((await openThread(t.app, reader.token, { title: `General thread ${i}` })).id);
      t.services.clock.advance(60_000);
    }
    for (let i = 0; i < 3; i++) {
      acmeIds.push(
        (await openThread(t.app, employee.token, { title: `Acme thread ${i}`, company: 'acme' })).id,
      );
      t.services.clock.advance(60_000);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists a board newest activity first, 20 by default, with truncated times', async () => {
    const page = await getJson(t.app, reader.token, '/v1/threads?board=general');
    expect(page.items).toHaveLength(20);
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(generalIds.slice(-20).reverse());
    expect(page.items[0]).toEqual({
      id: generalIds.at(-1),
      kind: 'thread',
      title: 'General thread 24',
      board: 'general',
      postCount: 1,
      lastActivity: '2026-03-02T10:00:00.000Z',
    });
    expect(typeof page.nextCursor).toBe('string');
  });

  it("lists one company's board by slug, and every board without a filter", async () => {
    const acme = await getJson(t.app, reader.token, '/v1/threads?company=acme');
    expect(acme.items.map((i: { id: string }) => i.id)).toEqual([...acmeIds].reverse());
    expect(acme.items.every((i: { board: string }) => i.board === 'acme')).toBe(true);
    expect(acme.nextCursor).toBeNull();
    const all = await getJson(t.app, reader.token, '/v1/threads?limit=4');
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([
      ...acmeIds.slice().reverse(),
      generalIds.at(-1),
    ]);
  });

  it('moves a thread to the top when someone replies', async () => {
    t.services.clock.advance(60_000);
    await reply(t.app, reader.token, generalIds[0]!);
    const page = await getJson(t.app, reader.token, '/v1/threads?board=general&limit=1');
    expect(page.items[0]).toMatchObject({ id: generalIds[0], postCount: 2 });
  });

  it('walks every page with cursors, without repeats or gaps', async () => {
    const seen: string[] = [];
    let url = '/v1/threads?board=general&limit=7';
    for (;;) {
      const page = await getJson(t.app, reader.token, url);
      // Canary placeholders made by the protection layer at start-up sit among the general threads.
      seen.push(
        ...page.items.filter((i: { kind: string }) => i.kind === 'thread').map((i: { id: string }) => i.id),
      );
      if (!page.nextCursor) break;
      url = `/v1/threads?board=general&limit=7&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(generalIds));
  });

  it(`stops handing out cursors at page ${MAX_PAGE_DEPTH}`, async () => {
    let url = '/v1/threads?board=general&limit=1';
    let pages = 0;
    for (;;) {
      const page = await getJson(t.app, reader.token, url);
      pages++;
      if (!page.nextCursor) break;
      url = `/v1/threads?board=general&limit=1&cursor=${page.nextCursor}`;
    }
    expect(pages).toBe(MAX_PAGE_DEPTH);
  });

  it('refuses a forged, expired, foreign or too-deep cursor with a readable 400', async () => {
    const first = await getJson(t.app, reader.token, '/v1/threads?board=general&limit=2');
    const cursor: string = first.nextCursor;
    const forged = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    const cases: [string, string, RegExp][] = [
      [`/v1/threads?board=general&cursor=${forged}`, 'INVALID_CURSOR', /not one we issued/],
      [`/v1/threads?company=acme&cursor=${cursor}`, 'INVALID_CURSOR', /different listing/],
    ];
    const tooDeep = new Cursors(t.services.secrets.CURSOR_SECRET, t.services.clock).issue(
      'threads:general',
      [t.services.clock.now().getTime(), 'x'],
      MAX_PAGE_DEPTH + 1,
    );
    cases.push([`/v1/threads?board=general&cursor=${tooDeep}`, 'PAGE_DEPTH_EXCEEDED', /stop after 10 pages/]);
    for (const [url, code, message] of cases) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(reader.token) });
      expectStatus(res, 400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(message);
    }
    t.services.clock.advance(3_600_000);
    const expired = await t.app.inject({
      method: 'GET',
      url: `/v1/threads?board=general&cursor=${cursor}`,
      headers: bearer(reader.token),
    });
    expectStatus(expired, 400);
    expect(expired.json().error).toMatchObject({ code: 'CURSOR_EXPIRED' });
    expect(expired.json().error.message).toMatch(/one hour/);
  });

  it('lists canary threads as placeholders that clients must not open', async () => {
    t.services.clock.advance(60_000);
    await t.services.db.query(
      `INSERT INTO threads (id, title, created_at, last_post_at, post_count, is_canary)
       VALUES ('placeholderThread00001', 'Leaked org chart', $1, $1, 3, true)`,
      [t.services.clock.now()],
    );
    const page = await getJson(t.app, reader.token, '/v1/threads?board=general&limit=1');
    expect(page.items[0]).toMatchObject({
      id: 'placeholderThread00001',
      kind: 'placeholder',
      board: 'general',
    });
    const others = await getJson(t.app, reader.token, '/v1/threads?company=acme');
    expect(others.items.every((i: { kind: string }) => i.kind === 'thread')).toBe(true);
    const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.json().paths['/v1/threads'].get.description).toMatch(/placeholder.*must not/);
  });

  it('refuses bad listing parameters with a 4xx that says what is wrong', async () => {
    const cases: [string, number, RegExp][] = [
      ['/v1/threads?company=acme&board=general', 400, /either \?company=<slug> or \?board=general/],
      ['/v1/threads?board=everything', 400, /board must be one of: general/],
      ['/v1/threads?limit=51', 400, /limit must be <= 50/],
      ['/v1/threads?limit=0', 400, /limit must be >= 1/],
      ['/v1/threads?limit=ten', 400, /limit must be of type integer/],
      ['/v1/threads?company=Not%20A%20Slug', 400, /company is not in the expected format/],
      ['/v1/threads?author=someone', 400, /does not accept: "author"/],
      ['/v1/threads?company=nobody-here', 404, /company "nobody-here" was not found/],
    ];
    for (const [url, status, message] of cases) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(reader.token) });
      expectStatus(res, status);
      expect(res.json().error.message).toMatch(message);
    }
  });
});
