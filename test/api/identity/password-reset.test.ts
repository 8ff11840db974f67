// A forgotten password over HTTP: a code by mail, a new password that signs every old session out,
// the same answers for addresses with and without an account, and codes that expire and run out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompanies } from '../../../api/companies/seed.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { bearer, latestCode, mailsTo, signUp, wrongCode } from './outbox-reader.ts';

const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new horse';

describe('password reset', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
    await seedCompanies(t.services.db, t.services.clock, t.services.random);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const address = () => `reset${++serial}@acme.example`;
  const confirm = (email: string, code: string, password = NEW_PASSWORD) =>
    post('/v1/auth/password-reset/confirm', { email, code, password });

  it('mails a code; the code sets a new password, signs every session out and returns a new one', async () => {
    const email = address();
    const { token: firstSession } = await signUp(t.app, t.services, email, OLD_PASSWORD);
    const second = await post('/v1/auth/login', { email, password: OLD_PASSWORD });
    expect(second.statusCode).toBe(200);

    const asked = await post('/v1/auth/password-reset', { email });
    expect(asked.statusCode).toBe(202);
    const mail = (await mailsTo(t.services, email)).at(-1);
    expect(mail?.subject).toMatch(/password reset code/);
    expect(mail?.text).toMatch(/expires in 10 minutes/);
    const code = await latestCode(t.services, email);

    const reset = await confirm(email, code);
    expect(reset.statusCode).toBe(200);
    expect(Object.keys(reset.json()).sort()).toEqual(['expiresAt', 'token']);

    for (const old of [firstSession, second.json().token])
      expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(old) })).statusCode).toBe(
        401,
      );
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(reset.json().token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().company.slug).toBe('acme-cloud');

    expect((await post('/v1/auth/login', { email, password: OLD_PASSWORD })).statusCode).toBe(401);
    expect((await post('/v1/auth/login', { email, password: NEW_PASSWORD })).statusCode).toBe(200);
    // A code works once.
    const again = await confirm(email, code, 'yet another password');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('CODE_WRONG');
  });

  it('answers an address without an account exactly like one with, by mail and by API', async () => {
    const known = address();
    await signUp(t.app, t.services, known, OLD_PASSWORD);
    const unknown = address();
    const forKnown = await post('/v1/auth/password-reset', { email: known });
    const forUnknown = await post('/v1/auth/password-reset', { email: unknown });
    expect(forUnknown.statusCode).toBe(forKnown.statusCode);
    expect(forUnknown.body).toBe(forKnown.body);
    // The unknown address is told, in its own mailbox, that nothing exists to reset.
    const note = (await mailsTo(t.services, unknown)).at(-1);
    expect(note?.text).toMatch(/no account uses it/);
    expect(note?.text).not.toMatch(/\b\d{6}\b/);

    // Wrong codes count down the same way for both, to the same last answer.
    const code = await latestCode(t.services, known);
    for (let left = 4; left >= 0; left--) {
      const a = await confirm(known, wrongCode(code));
      const b = await confirm(unknown, '123456');
      expect(a.statusCode).toBe(400);
      expect(b.json()).toEqual(a.json());
      expect(a.json().error.triesLeft).toBe(left);
    }
    const spent = await confirm(known, code);
    expect(spent.json().error.code).toBe('CODE_USED_UP');
    expect((await confirm(unknown, '123456')).json()).toEqual(spent.json());
    // Five wrong tries spent the code: the old password still works.
    expect((await post('/v1/auth/login', { email: known, password: OLD_PASSWORD })).statusCode).toBe(200);
  });

  it('expires a code after 10 minutes by the clock; asking again gives a fresh one', async () => {
    const email = address();
    await signUp(t.app, t.services, email, OLD_PASSWORD);
    await post('/v1/auth/password-reset', { email });
    const stale = await latestCode(t.services, email);
    t.services.clock.advance(10 * 60_000);
    const expired = await confirm(email, stale);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('CODE_EXPIRED');
    expect(expired.json().error.message).toMatch(/password-reset/);

    await post('/v1/auth/password-reset', { email });
    const fresh = await latestCode(t.services, email);
    expect((await confirm(email, fresh)).statusCode).toBe(200);
  });

  it('clears the login back-off of a locked account', async () => {
    const email = address();
    await signUp(t.app, t.services, email, OLD_PASSWORD);
    let locked = false;
    for (let i = 0; i < 20 && !locked; i++)
      locked = (await post('/v1/auth/login', { email, password: 'not the password' })).statusCode === 429;
    expect(locked).toBe(true);
    await post('/v1/auth/password-reset', { email });
    expect((await confirm(email, await latestCode(t.services, email))).statusCode).toBe(200);
    expect((await post('/v1/auth/login', { email, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses malformed requests with a readable 400 and changes nothing', async () => {
    const email = address();
    await signUp(t.app, t.services, email, OLD_PASSWORD);
    await post('/v1/auth/password-reset', { email });
    const code = await latestCode(t.services, email);
    const cases: [unknown, RegExp][] = [
      [{ email, code, password: 'short' }, /password/],
      [{ email, code: '12ab56', password: NEW_PASSWORD }, /code/],
      [{ email, code }, /password/],
      [{ email: 'not-an-address', code, password: NEW_PASSWORD }, /email/],
      [{ email, code, password: NEW_PASSWORD, admin: true }, /admin/],
    ];
    for (const [body, mentions] of cases) {
      const refused = await post('/v1/auth/password-reset/confirm', body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toMatch(mentions);
    }
    // None of those spent a try: the code still works.
    expect((await confirm(email, code)).statusCode).toBe(200);
  });

  it('forgets expired reset codes a day after they expire', async () => {
    const email = address();
    await signUp(t.app, t.services, email, OLD_PASSWORD);
    await post('/v1/auth/password-reset', { email });
    const count = async () =>
      Number(
        (await t.services.db.query<{ n: string }>('SELECT count(*) AS n FROM password_resets')).rows[0]!.n,
      );
    expect(await count()).toBeGreaterThan(0);
    t.services.clock.advance(10 * 60_000 + 86_400_000);
    const { forgetExpired } = await import('../../../api/forgetting.ts');
    const report = await forgetExpired(t.services);
    expect(report.codesDeleted).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });
});
