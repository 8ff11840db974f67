// P3 as an adversary would test it (DESIGN.md "Keys and forgetting"): after every window has passed
// and the forgetting job has run, take a full dump of every table, the key store (re-opened with
// KeyStore.open under a clock set back in time, and its raw chain file walked forward), the
// long-lived secrets and every account id; recompute every tag and try to open every box with every
// key still derivable. Nothing posted or reported may be attributed to anyone. The same attack is
// run first while the links live, to show it does attribute everything then.
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { forgetExpired } from '../../../api/forgetting.ts';
import { chainSpecs, type ChainName } from '../../../api/keys/chains.ts';
import { keyedHash, unseal } from '../../../api/keys/crypto.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { type Cadence, periodIndex } from '../../../api/keys/periods.ts';
import {
  bearer,
  createTestAccount,
  createTestCompany,
  signIn,
  type TestAccount,
} from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, getJson, openForumApp, openThread, reply } from '../forum/forum-client.ts';

type Row = Record<string, unknown>;
type Dump = Record<string, Row[]>;

const START = '2026-03-02T10:00:00Z';
const SUBKEY_USES = ['author-tag', 'author-box', 'alias', 'reporter-tag', 'reporter-box'];

interface Attribution {
  posts: Map<string, string>;
  /** thread_aliases tags recomputed from a person and a thread (hex). */
  aliases: Set<string>;
  salaries: Map<string, string>;
}

describe('P3 an adversary holding everything after the windows', () => {
  let t: TestApp;
  const people: TestAccount[] = [];
  const authorOf = new Map<string, string>();
  const reporterOf = new Map<string, string>();
  const receipts = new Map<string, string>();

  async function dumpEveryTable(): Promise<Dump> {
    const { rows } = await t.services.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const dump: Dump = {};
    for (const { table_name } of rows)
      dump[table_name] = (await t.services.db.query<Row>(`SELECT * FROM "${table_name}"`)).rows;
    return dump;
  }

  /** Every key the adversary can get: the stored chains walked forward, the store re-opened, the secrets. */
  function everyDerivableKey(): Buffer[] {
    const { config, clock } = t.services;
    const specs = chainSpecs(config);
    const keys: Buffer[] = [];
    const raw = JSON.parse(readFileSync(t.services.keys.path, 'utf8')) as {
      chains: Record<ChainName, { cadence: Cadence; oldest: number; key: string }>;
    };
    for (const chain of Object.values(raw.chains)) {
      let key = Buffer.from(chain.key, 'base64');
      for (let index = chain.oldest; index <= periodIndex(chain.cadence, clock.now()) + 1; index++) {
        keys.push(key);
        key = createHmac('sha256', key).update('next').digest();
      }
    }
    // The store's own API under a clock wound back to the first post: it still refuses dead periods.
    const pastClock = new ManualClock(START);
    const reopened = KeyStore.open(config.keystorePath, specs, pastClock);
    for (const spec of Object.values(specs)) {
      const from = periodIndex(spec.cadence, new Date(START)) - 3;
      for (let index = from; index <= periodIndex(spec.cadence, clock.now()) + 1; index++) {
        const key = reopened.keyForPeriod(spec.name, index);
        if (key) keys.push(key);
      }
    }
    const secrets = JSON.parse(readFileSync(config.secretsPath, 'utf8')) as Record<string, string>;
    for (const secret of Object.values(secrets)) keys.push(Buffer.from(secret, 'utf8'));
    return keys;
  }

  function attack(dump: Dump, accountIds: string[]): Attribution {
    const roots = everyDerivableKey();
    const candidates = roots.flatMap((root) => [root, ...SUBKEY_USES.map((use) => keyedHash(root, use))]);
    const found: Attribution = { posts: new Map(), aliases: new Set(), salaries: new Map() };

    const postTags = new Map<string, string>();
    for (const post of dump.posts!)
      if (post.author_tag) postTags.set((post.author_tag as Buffer).toString('hex'), post.id as string);
    const aliasTags = new Set(dump.thread_aliases!.map((a) => (a.tag as Buffer).toString('hex')));
    const threadIds = dump.threads!.map((thread) => thread.id as string);
    for (const key of candidates) {
      for (const account of accountIds) {
        const postId = postTags.get(keyedHash(key, account).toString('hex'));
        if (postId) found.posts.set(postId, account);
        for (const threadId of threadIds) {
          const tag = keyedHash(key, account, threadId).toString('hex');
          if (aliasTags.has(tag)) found.aliases.add(tag);
        }
      }
      for (const post of dump.posts!) {
        if (!post.author_box) continue;
        const opened = unseal(key, post.author_box as Buffer, post.id as string);
        if (opened) found.posts.set(post.id as string, opened);
      }
      for (const salary of dump.salaries!) {
        if (salary.reporter_box) {
          const opened = unseal(key, salary.reporter_box as Buffer, salary.id as string);
          if (opened) found.salaries.set(salary.id as string, opened);
        }
        if (!salary.reporter_tag) continue;
        for (const account of accountIds) {
          const tag = keyedHash(
            key,
            account,
            salary.company_id as string,
            salary.job_family as string,
            salary.year as number,
          );
          if (tag.equals(salary.reporter_tag as Buffer)) found.salaries.set(salary.id as string, account);
        }
      }
    }
    return found;
  }

  /** Account ids may sit in accounts and sessions; anywhere else would be a direct link. */
  function accountIdsOutsideIdentity(dump: Dump, accountIds: string[]): string[] {
    const hits: string[] = [];
    for (const [table, rows] of Object.entries(dump)) {
      if (table === 'accounts' || table === 'sessions') continue;
      const text = JSON.stringify(rows, (_, v) =>
        v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
      );
      for (const id of accountIds) if (text.includes(id)) hits.push(`${table}: ${id}`);
    }
    return hits;
  }

  const accountIds = () => people.map((p) => p.accountId);

  beforeAll(async () => {
    t = await openForumApp({ MIN_EMPLOYER_CROWD: '2' }, { start: START });
    const acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    for (let i = 0; i < 3; i++) people.push(await createTestAccount(t.services, { companyId: acme.id }));
    people.push(await createTestAccount(t.services, { memberKind: 'verified' }));
    people.push(await createTestAccount(t.services, { memberKind: 'member' }));

    // Posts over ten days: threads, replies and one deleted post (its tombstone keeps author_box).
    const threads: string[] = [];
    for (const day of [0, 3, 10]) {
      if (day > 0) t.services.clock.set(new Date(new Date(START).getTime() + day * 86_400_000));
      for (const [i, person] of people.entries()) {
        const { token } = await signIn(t.services, person.accountId);
        person.token = token;
        const thread = await openThread(t.app, token, {
          title: `Day ${day} thread ${i}`,
          ...(i < 3 ? { company: 'acme' } : {}),
        });
        threads.push(thread.id);
        authorOf.set(thread.post.id, person.accountId);
        receipts.set(thread.post.id, thread.post.deletionReceipt);
        for (const threadId of threads.slice(-3)) {
          const post = await reply(t.app, token, threadId);
          authorOf.set(post.id, person.accountId);
          receipts.set(post.id, post.deletionReceipt);
        }
      }
    }
    const deleted = [...authorOf.keys()][2]!;
    expectStatus(
      await t.app.inject({
        method: 'DELETE',
        url: `/v1/posts/${deleted}`,
        headers: { 'x-deletion-receipt': receipts.get(deleted)! },
      }),
      204,
    );

    // Salaries by the three employees; one replaced (its tombstone stays).
    for (const person of people.slice(0, 3)) {
      for (const jobFamily of ['engineering', 'data', 'engineering']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/v1/salaries',
          headers: bearer(person.token),
          payload: {
            jobFamily,
            level: 'L4',
            city: 'Shenzhen',
            yearsExperience: 5,
            base: 400000,
            currency: 'CNY',
            year: 2025,
          },
        });
        expectStatus(res, 201);
        reporterOf.set(res.json().id, person.accountId);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('while the links live, the same attack attributes every post, alias and salary (it has teeth)', async () => {
    const dump = await dumpEveryTable();
    const found = attack(dump, accountIds());
    expect(found.posts.size).toBe(authorOf.size);
    for (const [postId, account] of found.posts) expect(authorOf.get(postId)).toBe(account);
    // Canary threads (made by the protection layer) carry random tags that belong to nobody.
    const canaries = new Set(dump.threads!.filter((thread) => thread.is_canary).map((thread) => thread.id));
    expect(found.aliases.size).toBe(dump.thread_aliases!.filter((a) => !canaries.has(a.thread_id)).length);
    expect(found.salaries.size).toBe(reporterOf.size);
    for (const [salaryId, account] of found.salaries) expect(reporterOf.get(salaryId)).toBe(account);
    expect(accountIdsOutsideIdentity(dump, accountIds())).toEqual([]);
  });

  it(`after AUTHOR_LINK_DAYS + 1 days and the forgetting job, no post or alias is attributable`, async () => {
    t.services.clock.advanceDays(t.services.config.authorLinkDays + 1);
    await forgetExpired(t.services);
    const dump = await dumpEveryTable();
    for (const post of dump.posts!) expect(post).toMatchObject({ author_tag: null, author_box: null });
    const found = attack(dump, accountIds());
    expect(found.posts.size).toBe(0);
    expect(found.aliases.size).toBe(0);
    // Salary links have their own, longer window: still attributable now.
    expect(found.salaries.size).toBe(reporterOf.size);
    expect(accountIdsOutsideIdentity(dump, accountIds())).toEqual([]);
  });

  it('leaves /v1/me/posts empty for everyone, and the receipt still deletes a post', async () => {
    for (const person of people) {
      const { token } = await signIn(t.services, person.accountId);
      person.token = token;
      expect((await getJson(t.app, token, '/v1/me/posts')).items).toEqual([]);
    }
    const [postId, receipt] = [...receipts.entries()].at(-1)!;
    const bySession = await t.app.inject({
      method: 'DELETE',
      url: `/v1/posts/${postId}`,
      headers: bearer(people[4]!.token),
    });
    expectStatus(bySession, 403);
    expectStatus(
      await t.app.inject({
        method: 'DELETE',
        url: `/v1/posts/${postId}`,
        headers: { 'x-deletion-receipt': receipt },
      }),
      204,
    );
    const { rows } = await t.services.db.query('SELECT body, alias, deleted FROM posts WHERE id = $1', [
      postId,
    ]);
    expect(rows[0]).toEqual({ body: '', alias: '', deleted: true });
  });

  it('after the submission year ends + 90 days, no salary is attributable either', async () => {
    t.services.clock.set('2027-04-02T00:00:00Z'); // 2026's salary key died on 2027-04-01
    await forgetExpired(t.services);
    const dump = await dumpEveryTable();
    for (const salary of dump.salaries!) expect(salary.reporter_box).toBeNull();
    const found = attack(dump, accountIds());
    expect(found.posts.size).toBe(0);
    expect(found.aliases.size).toBe(0);
    expect(found.salaries.size).toBe(0);
    for (const person of people.slice(0, 3)) {
      const { token } = await signIn(t.services, person.accountId);
      const res = await t.app.inject({ method: 'GET', url: '/v1/me/salaries', headers: bearer(token) });
      expect(res.json().items).toEqual([]);
    }
    expect(accountIdsOutsideIdentity(dump, accountIds())).toEqual([]);
  });
});
