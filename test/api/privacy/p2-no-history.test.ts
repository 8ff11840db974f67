// P2: no endpoint lists posts by author. /v1/me/posts shows the caller's own posts and nobody
// else's, and the route table offers no way to ask for someone's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestAccount, type TestAccount } from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { getJson, openForumApp, openThread, reply } from '../forum/forum-client.ts';

// Path segments and parameters that would address a person.
const PERSON_SEGMENT =
  /\/(?:users?|authors?|accounts?|members?|profiles?|people|persons?|posters?|aliases?|history)(?:\/|$)/i;
const PERSON_PARAMETER =
  /^(?:author|authorId|user|userId|account|accountId|member|alias|by|poster|profile|handle)$/i;

describe('P2 no author history', () => {
  let t: TestApp;
  const people: TestAccount[] = [];
  const postsBy = new Map<string, string[]>();

  beforeAll(async () => {
    t = await openForumApp();
    for (let i = 0; i < 4; i++) people.push(await createTestAccount(t.services));
    const thread = await openThread(t.app, people[0]!.token);
    postsBy.set(people[0]!.accountId, [thread.post.id]);
    for (let round = 0; round < 3; round++) {
      for (const person of people) {
        const post = await reply(t.app, person.token, thread.id);
        postsBy.set(person.accountId, [...(postsBy.get(person.accountId) ?? []), post.id]);
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows each caller exactly their own posts on /v1/me/posts, never another's", async () => {
    for (const person of people) {
      const page = await getJson(t.app, person.token, '/v1/me/posts?limit=50');
      const ids = page.items.map((i: { id: string }) => i.id).sort();
      expect(ids).toEqual([...postsBy.get(person.accountId)!].sort());
    }
  });

  it('offers no route addressed to a person, in the route table or the OpenAPI document', async () => {
    const table = t.app.printRoutes({ commonPrefix: false });
    const routeLines = table.split('\n').filter((line) => line.includes('/'));
    expect(routeLines.length).toBeGreaterThan(5);
    for (const line of routeLines) expect(line.replace(/\(.*\)$/, '')).not.toMatch(PERSON_SEGMENT);

    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/v1/me/posts');
    expect(paths).toContain('/v1/threads/{id}');
    for (const path of paths) {
      expect(path).not.toMatch(PERSON_SEGMENT);
      for (const operation of Object.values(doc.paths[path]!)) {
        for (const parameter of operation.parameters ?? [])
          expect(parameter.name).not.toMatch(PERSON_PARAMETER);
      }
    }
    // Outside the operator's moderation tools, the only GET that returns posts by who wrote them is
    // the caller's own list; a thread returns everyone's posts by position.
    const postReads = paths.filter(
      (p) => p.includes('posts') && !p.startsWith('/v1/operator') && doc.paths[p]!.get,
    );
    expect(postReads).toEqual(['/v1/me/posts']);
  });

  it('refuses author filters on the listings that exist', async () => {
    const thread = await openThread(t.app, people[1]!.token);
    for (const url of [
      `/v1/threads?author=${people[0]!.accountId}`,
      `/v1/threads/${thread.id}?author=${people[0]!.accountId}`,
      `/v1/me/posts?account=${people[0]!.accountId}`,
      '/v1/threads?alias=Teal%20Heron',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(people[1]!.token) });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message).toMatch(/does not accept/);
    }
  });
});
