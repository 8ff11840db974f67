// Every forum and salary route answers malformed input with a 4xx and a message a person can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestAccount, createTestCompany, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { openForumApp, openThread } from './forum-client.ts';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** A valid body, for routes that take one. */
  body?: Record<string, unknown>;
}

interface Probe {
  method: Route['method'];
  url: string;
  headers?: Record<string, string>;
  payload?: string | object;
}

describe('forum and salary routes refuse malformed input', () => {
  let t: TestApp;
  let employee: TestAccount;
  let routes: Route[];

  beforeAll(async () => {
    t = await openForumApp();
    const acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    employee = await createTestAccount(t.services, { companyId: acme.id });
    const thread = await openThread(t.app, employee.token);
    routes = [
      { method: 'GET', url: '/v1/threads' },
      { method: 'POST', url: '/v1/threads', body: { title: 'A good title', body: 'Text.' } },
      { method: 'GET', url: `/v1/threads/${thread.id}` },
      { method: 'POST', url: `/v1/threads/${thread.id}/posts`, body: { body: 'Text.' } },
      { method: 'POST', url: `/v1/posts/${thread.post.id}/report`, body: { reason: 'spam' } },
      { method: 'GET', url: '/v1/me/posts' },
      {
        method: 'POST',
        url: '/v1/salaries',
        body: {
          jobFamily: 'data',
          level: 'L2',
          city: 'Paris',
          yearsExperience: 1,
          base: 40000,
          currency: 'EUR',
          year: 2025,
        },
      },
      { method: 'GET', url: '/v1/me/salaries' },
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  async function expectReadable4xx(probe: Probe, status?: number) {
    const res = await t.app.inject({
      method: probe.method,
      url: probe.url,
      headers: probe.headers,
      ...(probe.payload === undefined ? {} : { payload: probe.payload }),
    });
    const label = `${probe.method} ${probe.url}`;
    expect(res.statusCode, `${label} → ${res.statusCode} ${res.body}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, label).toBeLessThan(500);
    if (status) expect(res.statusCode, label).toBe(status);
    const { error } = res.json();
    expect(error.code, label).toMatch(/^[A-Z_]+$/);
    expect(error.message.length, label).toBeGreaterThan(15);
    expect(error.message, label).not.toMatch(/\bat \w+ \(|SELECT|INSERT|undefined|\[object/);
    return error as { code: string; message: string };
  }

  it('answers malformed JSON, a non-JSON body and an oversize body with 4xx', async () => {
    for (const route of routes.filter((r) => r.body)) {
      const headers = { ...bearer(employee.token), 'content-type': 'application/json' };
      expect((await expectReadable4xx({ ...route, headers, payload: '{"title": "unterminated' })).code).toBe(
        'MALFORMED_JSON',
      );
      const text = await expectReadable4xx({
        ...route,
        headers: { ...bearer(employee.token), 'content-type': 'text/plain' },
        payload: 'hi',
      });
      expect(text.message).toMatch(/body must be of type object|application\/json/);
      await expectReadable4xx(
        { ...route, headers, payload: JSON.stringify({ ...route.body, body: 'x'.repeat(70_000) }) },
        413,
      );
      await expectReadable4xx({ ...route, headers, payload: '[]' }, 400);
      await expectReadable4xx({ ...route, headers, payload: 'null' }, 400);
    }
  });

  it('answers unknown fields and wrong types with 400 naming the field', async () => {
    for (const route of routes.filter((r) => r.body)) {
      const headers = bearer(employee.token);
      const unknown = await expectReadable4xx(
        { ...route, headers, payload: { ...route.body, sneaky: 1 } },
        400,
      );
      expect(unknown.message).toMatch(/"sneaky"/);
      for (const field of Object.keys(route.body!)) {
        const wrong = await expectReadable4xx(
          { ...route, headers, payload: { ...route.body, [field]: { nested: true } } },
          400,
        );
        expect(wrong.message, `${route.url} ${field}`).toContain(field);
        const missing = { ...route.body };
        delete missing[field];
        await expectReadable4xx({ ...route, headers, payload: missing }, 400);
      }
    }
  });

  it('answers unknown query parameters and malformed ids with 400', async () => {
    for (const route of routes) {
      const request = { ...route, url: `${route.url}?sort=oldest`, headers: bearer(employee.token) };
      const error = await expectReadable4xx(route.body ? { ...request, payload: route.body } : request, 400);
      expect(error.message).toMatch(/"sort"/);
    }
    for (const url of ['/v1/threads/not-an-id', '/v1/threads/%00', `/v1/threads/${'A'.repeat(23)}`]) {
      const error = await expectReadable4xx({ method: 'GET', url, headers: bearer(employee.token) }, 400);
      expect(error.message).toMatch(/params.id is not in the expected format/);
    }
    await expectReadable4xx(
      { method: 'DELETE', url: '/v1/posts/nope', headers: bearer(employee.token) },
      400,
    );
    await expectReadable4xx(
      {
        method: 'POST',
        url: '/v1/posts/nope/report',
        headers: bearer(employee.token),
        payload: { reason: 'spam' },
      },
      400,
    );
    await expectReadable4xx(
      { method: 'GET', url: '/v1/threads?cursor=%%%', headers: bearer(employee.token) },
      400,
    );
  });

  it('answers a missing or malformed session with 401 on every route that needs one', async () => {
    for (const route of routes) {
      const request = { ...route, ...(route.body ? { payload: route.body } : {}) };
      await expectReadable4xx(request, 401);
      await expectReadable4xx({ ...request, headers: { authorization: 'Bearer wc_short' } }, 401);
    }
  });
});
