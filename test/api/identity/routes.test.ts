// The sign-up and sign-in flow over HTTP: codes by mail, employer from the e-mail domain, code
// expiry and tries, sessions, and a readable 4xx for every malformed request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompanies } from '../../../api/companies/seed.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { bearer, latestCode, mailsTo, signUp, wrongCode } from './outbox-reader.ts';

const PASSWORD = 'correct horse battery';

describe('identity routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
    await seedCompanies(t.services.db, t.services.clock, t.services.random);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });

  it('register → verify → login → me → logout, with the employer from the domain', async () => {
    const typed = 'Wei.Zhang+forum@Acme.example';
    const registered = await post('/v1/auth/register', { email: typed, password: PASSWORD });
    expect(registered.statusCode).toBe(202);
    expect(registered.json().status).toBe('code_sent');

    // The mail goes to the address as typed and names the code and its 10-minute life.
    const [mail] = await mailsTo(t.services, typed);
    expect(mail?.subject).toMatch(/code/i);
    const code = await latestCode(t.services, typed);
    expect(mail?.text).toContain(code);
    expect(mail?.text).toMatch(/expires in 10 minutes/);

    // The normalised spelling (no tag, lower case) is the same account.
    const verified = await post('/v1/auth/verify', { email: 'wei.zhang@acme.example', code });
    expect(verified.statusCode).toBe(201);
    const body = verified.json();
    expect(body.token).toMatch(/^wc_[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime()).toBe(
      t.services.clock.now().getTime() + t.services.config.sessionTtlHours * 3_600_000,
    );
    expect(body.member).toEqual({ kind: 'employee', company: { slug: 'acme-cloud', name: 'Acme Cloud' } });

    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      memberKind: 'employee',
      company: { slug: 'acme-cloud', name: 'Acme Cloud' },
    });

    const login = await post('/v1/auth/login', { email: 'WEI.ZHANG+other@acme.example', password: PASSWORD });
    expect(login.statusCode).toBe(200);
    const session = login.json();
    expect(Object.keys(session).sort()).toEqual(['expiresAt', 'token']);
    expect(session.token).not.toBe(body.token);

    const loggedOut = await post('/v1/auth/logout', undefined, bearer(session.token));
    expect(loggedOut.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(session.token) });
    expect(after.statusCode).toBe(401);
    // Only that session ended.
    const other = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.token) });
    expect(other.statusCode).toBe(200);
  });

  it('refuses logout and /me without a session', async () => {
    expect((await post('/v1/auth/logout', undefined)).statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/v1/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.message).toMatch(/Sign in/);
    const gone = await t.app.inject({ method: 'DELETE', url: '/v1/me' });
    expect(gone.statusCode).toBe(401);
  });

  it('makes a free-mail address a member and an unlisted work domain verified', async () => {
    const free = await signUp(t.app, t.services, 'li.na.1990@gmail.com', PASSWORD);
    expect(free.member).toEqual({ kind: 'member', company: null });
    const work = await signUp(t.app, t.services, 'sam@tinystartup.example', PASSWORD);
    expect(work.member).toEqual({ kind: 'verified', company: null });
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(free.token) });
    expect(me.json()).toEqual({ memberKind: 'member', company: null });
  });

  it('refuses a code after 10 minutes and says to register again', async () => {
    const email = 'late@bluefin.example';
    await post('/v1/auth/register', { email, password: PASSWORD });
    const code = await latestCode(t.services, email);
    t.services.clock.advance(11 * 60_000);
    const res = await post('/v1/auth/verify', { email, code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CODE_EXPIRED');
    expect(res.json().error.message).toMatch(/Register again/);
  });

  it('allows 5 tries, then voids the code until a new registration', async () => {
    const email = 'fumbles@copperleaf.example';
    await post('/v1/auth/register', { email, password: PASSWORD });
    const code = await latestCode(t.services, email);
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post('/v1/auth/verify', { email, code: wrongCode(code) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('CODE_WRONG');
      left.push(res.json().error.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const voided = await post('/v1/auth/verify', { email, code });
    expect(voided.statusCode).toBe(400);
    expect(voided.json().error.code).toBe('CODE_USED_UP');
    expect(voided.json().error.message).toMatch(/Register again/);

    // Registering again mails a fresh code with fresh tries.
    await post('/v1/auth/register', { email, password: PASSWORD });
    const fresh = await latestCode(t.services, email);
    const ok = await post('/v1/auth/verify', { email, code: fresh });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().member.company.slug).toBe('copperleaf-games');
  });

  it('refuses login with the wrong password', async () => {
    const res = await post('/v1/auth/login', {
      email: 'wei.zhang@acme.example',
      password: 'not the password',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('WRONG_CREDENTIALS');
  });

  describe('malformed input gets a 4xx with a readable message', () => {
    const good = { email: 'x@acme.example', password: PASSWORD };
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['register', 'missing password', { email: good.email }, /missing the required field "password"/],
      ['register', 'missing email', { password: PASSWORD }, /missing the required field "email"/],
      ['register', 'unknown field', { ...good, admin: true }, /does not accept: "admin"/],
      ['register', 'number email', { ...good, email: 42 }, /body.email must be of type string/],
      ['register', 'not an e-mail', { ...good, email: 'not-an-email' }, /body.email must be a valid email/],
      [
        'register',
        'short password',
        { ...good, password: 'short' },
        /body.password is too short: at least 10/,
      ],
      ['register', 'oversize password', { ...good, password: 'p'.repeat(201) }, /too long: at most 200/],
      ['register', 'oversize email', { ...good, email: `${'a'.repeat(250)}@acme.example` }, /too long/],
      ['register', 'array body', [good], /body must be of type object/],
      ['register', 'tag only', { ...good, email: '+tag@acme.example' }, /must be a work or personal e-mail/],
      [
        'verify',
        'five digits',
        { email: good.email, code: '12345' },
        /body.code is not in the expected format/,
      ],
      ['verify', 'numeric code', { email: good.email, code: 123456 }, /body.code must be of type string/],
      ['verify', 'unknown field', { email: good.email, code: '123456', x: 1 }, /does not accept: "x"/],
      ['login', 'missing password', { email: good.email }, /missing the required field "password"/],
      ['login', 'null password', { ...good, password: null }, /body.password must be of type string/],
      ['login', 'oversize password', { ...good, password: 'p'.repeat(201) }, /too long/],
    ];
    it.each(cases)('%s: %s', async (route, _what, payload, message) => {
      const res = await post(`/v1/auth/${route}`, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(message);
    });

    it.each(['register', 'verify', 'login'])('%s: bad JSON and empty bodies', async (route) => {
      const bad = await t.app.inject({
        method: 'POST',
        url: `/v1/auth/${route}`,
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "x@acme.example",',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toEqual({
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON.',
      });
      const empty = await t.app.inject({ method: 'POST', url: `/v1/auth/${route}` });
      expect(empty.statusCode).toBeGreaterThanOrEqual(400);
      expect(empty.statusCode).toBeLessThan(500);
      expect(empty.json().error.message).toEqual(expect.any(String));
    });

    it('a body over the size limit', async () => {
      const res = await post('/v1/auth/register', { ...good, password: 'p'.repeat(70_000) });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('BODY_TOO_LARGE');
    });
  });
});
