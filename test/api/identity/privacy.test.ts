// P4 and account deletion: no column anywhere holds an e-mail address, passwords are argon2id,
// responses never carry the account id or e-mail hash, and deleting an account leaves its posts
// in place without an author.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompanies } from '../../../api/companies/seed.ts';
import { linkAuthor } from '../../../api/forum/author-links.ts';
import { newId } from '../../../api/ids.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { bearer, signUp } from './outbox-reader.ts';

const PASSWORD = 'privacy matters here';
const LOCAL = 'zhao.minghui.p4check';
const EMAIL = `${LOCAL}@glasswing.example`;
const PENDING_LOCAL = 'pending.only.p4check';
const PENDING_EMAIL = `${PENDING_LOCAL}+tag@gmail.com`;

describe('identity privacy', () => {
  let t: TestApp;
  let verifiedBody: string;
  let loginBody: string;
  let meBody: string;
  let token: string;

  beforeAll(async () => {
    t = await openTestApp();
    await seedCompanies(t.services.db, t.services.clock, t.services.random);
    const verified = await signUp(t.app, t.services, EMAIL, PASSWORD);
    verifiedBody = JSON.stringify(verified);
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: EMAIL, password: PASSWORD },
    });
    loginBody = login.body;
    token = login.json().token;
    meBody = (await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) })).body;
    // A sign-up left pending: its row must not hold the address either.
    await t.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: { email: PENDING_EMAIL, password: PASSWORD },
    });
    await t.services.background.idle(); // its row is written after the answer
  });
  afterAll(async () => {
    await t.close();
  });

  async function dumpEveryTable(): Promise<string> {
    const { rows: tables } = await t.services.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['accounts', 'email_codes', 'sessions']),
    );
    let dump = '';
    for (const { table_name } of tables) {
      const { rows: columns } = await t.services.db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table_name],
      );
      for (const { column_name } of columns) {
        const { rows } = await t.services.db.query<{ raw: unknown; text: string | null }>(
          `SELECT "${column_name}" AS raw, "${column_name}"::text AS text FROM "${table_name}"`,
        );
        for (const { raw, text } of rows) {
          dump += `${text ?? ''}\n`;
          // Binary columns also as raw bytes, in case an address were stored as bytea.
          if (Buffer.isBuffer(raw)) dump += `${raw.toString('latin1')}\n`;
        }
      }
    }
    return dump.toLowerCase();
  }

  it('P4: no column of any table holds the e-mail address or its local part', async () => {
    const { rows } = await t.services.db.query<{ n: number }>('SELECT count(*) AS n FROM accounts');
    expect(rows[0]?.n).toBe(1);
    const dump = await dumpEveryTable();
    expect(dump.length).toBeGreaterThan(100);
    // (The domain itself is public: a company owns it. The person is in the address and its local part.)
    for (const needle of [EMAIL, LOCAL, PENDING_EMAIL, PENDING_LOCAL, 'pending.only.p4check@gmail.com']) {
      expect(dump).not.toContain(needle.toLowerCase());
      expect(dump).not.toContain(Buffer.from(needle).toString('hex'));
    }
  });

  it('stores the password as argon2id', async () => {
    const { rows } = await t.services.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM accounts',
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    const pending = await t.services.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM email_codes',
    );
    expect(pending.rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('no response carries the account id, the e-mail hash or the address', async () => {
    const { rows } = await t.services.db.query<{ id: string; email_hash: Buffer }>(
      'SELECT id, email_hash FROM accounts',
    );
    const account = rows[0]!;
    for (const body of [verifiedBody, loginBody, meBody]) {
      expect(body).not.toContain(account.id);
      expect(body).not.toContain(account.email_hash.toString('hex'));
      expect(body).not.toContain(account.email_hash.toString('base64'));
      expect(body).not.toContain(account.email_hash.toString('base64url'));
      expect(body.toLowerCase()).not.toContain(LOCAL);
    }
    expect(JSON.parse(meBody)).toEqual({
      memberKind: 'employee',
      company: { slug: 'glasswing-payments', name: 'Glasswing Payments' },
    });
  });

  it('DELETE /v1/me keeps the post, authorless, and ends every session', async () => {
    const { db, keys, clock } = t.services;
    const { rows } = await db.query<{ id: string }>('SELECT id FROM accounts');
    const accountId = rows[0]!.id;
    const threadId = newId();
    const postId = newId();
    const now = clock.now();
    const link = linkAuthor(keys, postId, accountId, now);
    expect(link).not.toBeNull();
    await db.query(
      `INSERT INTO threads (id, company_id, title, created_at, last_post_at, post_count)
       VALUES ($1, NULL, 'Overtime this quarter', $2, $2, 1)`,
      [threadId, now],
    );
    await db.query(
      `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, author_tag, author_box, receipt_hash)
       VALUES ($1, $2, 1, 'We all stayed late again.', 'Verified member · Teal Heron', $3, $4, $5, $6, $7)`,
      [postId, threadId, now, link!.authorDay, link!.authorTag, link!.authorBox, randomBytes(32)],
    );

    const deleted = await t.app.inject({ method: 'DELETE', url: '/v1/me', headers: bearer(token) });
    expect(deleted.statusCode).toBe(204);

    const post = await db.query<{
      author_tag: Buffer | null;
      author_box: Buffer | null;
      author_gone: boolean;
      body: string;
    }>('SELECT author_tag, author_box, author_gone, body FROM posts WHERE id = $1', [postId]);
    expect(post.rows[0]).toEqual({
      author_tag: null,
      author_box: null,
      author_gone: true,
      body: 'We all stayed late again.',
    });
    expect((await db.query('SELECT 1 FROM accounts WHERE id = $1', [accountId])).rows).toEqual([]);
    expect((await db.query('SELECT 1 FROM sessions WHERE account_id = $1', [accountId])).rows).toEqual([]);

    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
    expect(me.statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: EMAIL, password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
  });
});
