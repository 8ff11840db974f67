// Enumeration resistance: register, verify and login answer an address with an account exactly
// as they answer one without, and the login back-off locks both the same way; register and
// password reset answer before their work, so its length does not tell either.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompanies } from '../../../api/companies/seed.ts';
import type { Mailer } from '../../../api/mail/mailer.ts';
import { buildApp } from '../../../api/server.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { openTestServices } from '../../support/services.ts';
import { mailsTo, signUp } from './outbox-reader.ts';

const PASSWORD = 'a long enough password';
const KNOWN = 'known.person@acme.example';
const UNKNOWN = 'nobody.here@acme.example';

/** What a client can observe of an answer, besides time. */
const observed = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  body: res.body,
  retryAfter: res.headers['retry-after'],
});

describe('enumeration resistance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
    await seedCompanies(t.services.db, t.services.clock, t.services.random);
    await signUp(t.app, t.services, KNOWN, PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

  it('register answers the same; the account holder gets a warning instead of a code', async () => {
    const known = await post('/v1/auth/register', { email: KNOWN, password: 'another password!' });
    const unknown = await post('/v1/auth/register', { email: UNKNOWN, password: 'another password!' });
    expect(known.statusCode).toBe(202);
    expect(observed(known)).toEqual(observed(unknown));

    const warning = (await mailsTo(t.services, KNOWN)).at(-1);
    expect(warning?.subject).toBe('Someone tried to sign up with your address');
    expect(warning?.text).not.toMatch(/\b\d{6}\b/);
    expect((await mailsTo(t.services, UNKNOWN)).at(-1)?.text).toMatch(/\b\d{6}\b/);
  });

  it('verify answers an account holder exactly as an address that never registered', async () => {
    const holder = 'holder@bluefin.example';
    const stranger = 'stranger@bluefin.example';
    await signUp(t.app, t.services, holder, PASSWORD);
    const answers = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 6; i++)
        seen.push(observed(await post('/v1/auth/verify', { email, code: '000000' })));
      return seen;
    };
    const forHolder = await answers(holder);
    expect(forHolder.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(forHolder.at(-1)?.body).toMatch(/CODE_USED_UP/);
    expect(forHolder).toEqual(await answers(stranger));

    // A new registration restarts the tries for both, and both codes then expire alike.
    await post('/v1/auth/register', { email: holder, password: PASSWORD });
    await post('/v1/auth/register', { email: stranger, password: PASSWORD });
    await t.services.background.idle(); // what register does, it does after answering
    const first = (email: string) => post('/v1/auth/verify', { email, code: '999999' }).then(observed);
    const [holderAgain, strangerAgain] = [await first(holder), await first(stranger)];
    expect(holderAgain.body).toMatch(/"triesLeft":4/);
    expect(holderAgain).toEqual(strangerAgain);
    t.services.clock.advance(11 * 60_000);
    const [holderLate, strangerLate] = [await first(holder), await first(stranger)];
    expect(holderLate.body).toMatch(/CODE_EXPIRED/);
    expect(holderLate).toEqual(strangerLate);
    // A day on, the expired code is forgotten for both: fresh tries of a code that is not there.
    t.services.clock.advanceDays(1);
    const [holderNextDay, strangerNextDay] = [await first(holder), await first(stranger)];
    expect(holderNextDay.body).toMatch(/"triesLeft":4/);
    expect(holderNextDay).toEqual(strangerNextDay);
  });

  it('login gives the same 401 for a wrong password and an unknown address', async () => {
    const known = await post('/v1/auth/login', { email: KNOWN, password: 'wrong password' });
    const unknown = await post('/v1/auth/login', {
      email: 'never.seen@acme.example',
      password: 'wrong password',
    });
    expect(known.statusCode).toBe(401);
    expect(observed(known)).toEqual(observed(unknown));
  });

  it('backs off from the 5th failure with a 429 and Retry-After, alike for known and unknown', async () => {
    const known = 'locked.out@kestrel.example';
    const unknown = 'made.up@kestrel.example';
    await signUp(t.app, t.services, known, PASSWORD);
    const attempt = (email: string) =>
      post('/v1/auth/login', { email, password: 'guessing wrong' }).then(observed);
    const run = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 6; i++) seen.push(await attempt(email));
      return seen;
    };
    const forKnown = await run(known);
    expect(forKnown.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(forKnown[5]?.retryAfter).toBe('30');
    expect(JSON.parse(forKnown[5]!.body).error.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(forKnown).toEqual(await run(unknown));

    // Even the right password waits out the lock.
    const locked = await post('/v1/auth/login', { email: known, password: PASSWORD });
    expect(locked.statusCode).toBe(429);

    // After the lock, one more failure doubles it.
    t.services.clock.advance(31_000);
    expect(await attempt(known)).toEqual(await attempt(unknown));
    const doubled = [await attempt(known), await attempt(unknown)];
    expect(doubled.map((a) => [a.status, a.retryAfter])).toEqual([
      [429, '60'],
      [429, '60'],
    ]);

    // The right password after the lock signs in and clears the count.
    t.services.clock.advance(61_000);
    const ok = await post('/v1/auth/login', { email: known, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect((await attempt(known)).status).toBe(401);
  });
});

describe('sign-up and reset answer before their work', () => {
  it('answers 202 while the mail is still held, for addresses with and without an account; close waits', async () => {
    const services = await openTestServices({ PROTECTION_MODE: 'monitor' });
    await seedCompanies(services.db, services.clock, services.random);
    // The real outbox behind a gate: while `holding`, every send waits for `release`.
    let holding = false;
    let release = () => {};
    const gate = () =>
      new Promise<void>((resolve) => {
        release = resolve;
      });
    let held = gate();
    const mailer: Mailer = {
      async send(message) {
        if (holding) await held;
        await services.mailer.send(message);
      },
    };
    const app = await buildApp({ ...services, mailer }, { logger: false });
    try {
      await signUp(app, services, KNOWN, PASSWORD);
      holding = true;
      const post = (url: string, email: string) =>
        app.inject({
          method: 'POST',
          url,
          payload: url.endsWith('register') ? { email, password: PASSWORD } : { email },
        });
      const answers = [
        await post('/v1/auth/register', KNOWN),
        await post('/v1/auth/register', UNKNOWN),
        await post('/v1/auth/password-reset', KNOWN),
        await post('/v1/auth/password-reset', UNKNOWN),
      ];
      expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 202]);
      // All four answered while their work (account lookup, rows, mail) had not finished.
      expect(services.background.size).toBe(4);
      expect(answers[0]!.body).toBe(answers[1]!.body);
      expect(answers[2]!.body).toBe(answers[3]!.body);

      release();
      await services.background.idle();
      const subjects = async (email: string) => (await mailsTo(services, email)).map((m) => m.subject);
      expect(await subjects(KNOWN)).toHaveLength(3); // its sign-up code, the warning, the reset code
      expect(await subjects(UNKNOWN)).toHaveLength(2); // a sign-up code, a "no account here" note

      // Shutdown waits for work still running.
      held = gate();
      await post('/v1/auth/password-reset', KNOWN);
      let closed = false;
      const closing = app.close().then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);
      release();
      await closing;
      expect(services.background.size).toBe(0);
      expect(await subjects(KNOWN)).toHaveLength(4);
    } finally {
      release();
      await app.close();
      await services.close();
    }
  });
});
