import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { cryptoRandom } from '../../../api/ids.ts';
import { ChallengeAuthority, difficultyFor } from '../../../api/protection/challenge.ts';
import { loadPolicy } from '../../../api/protection/policy.ts';
import { solveChallenge } from '../../../api/protection/solve-challenge.ts';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const policy = loadPolicy(undefined);

describe('challenge difficulty', () => {
  it('rises from minBits at the challenge threshold to maxBits at the block threshold', () => {
    const { challenge, block } = policy.thresholds;
    expect(difficultyFor(challenge, policy)).toBe(policy.challenge.minBits);
    expect(difficultyFor(block, policy)).toBe(policy.challenge.maxBits);
    const middle = difficultyFor(Math.round((challenge + block) / 2), policy);
    expect(middle).toBeGreaterThan(policy.challenge.minBits);
    expect(middle).toBeLessThan(policy.challenge.maxBits);
  });
});

describe('challenge tokens and passes', () => {
  const clock = new ManualClock();
  const authority = new ChallengeAuthority('s'.repeat(32), clock, cryptoRandom, policy.challenge);

  it('accepts a solved token from the client it was given to', async () => {
    const ticket = authority.issue('fp', 'acct', 6);
    const { nonce } = await solveChallenge({ token: ticket.token, difficulty: ticket.difficulty });
    expect(authority.check(ticket.token, nonce, 'fp', 'acct')).toMatchObject({ ok: true, bits: 6 });
  });

  it('refuses forged, expired, unsolved and transferred tokens', async () => {
    const ticket = authority.issue('fp', 'acct', 6);
    const { nonce } = await solveChallenge({ token: ticket.token, difficulty: 6 });
    const [kind, body, sig] = ticket.token.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), b: 1 }),
    ).toString('base64url');
    expect(authority.check(`${kind}.${forgedBody}.${sig}`, nonce, 'fp', 'acct')).toMatchObject({
      code: 'CHALLENGE_INVALID',
    });
    expect(authority.check('not-a-token', nonce, 'fp', 'acct')).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(authority.check(ticket.token, nonce, 'other-fp', 'acct')).toMatchObject({
      code: 'CHALLENGE_WRONG_CLIENT',
      status: 403,
    });
    expect(authority.check(ticket.token, nonce, 'fp', 'other-account')).toMatchObject({
      code: 'CHALLENGE_WRONG_CLIENT',
    });
    const hard = authority.issue('fp', 'acct', 30);
    expect(authority.check(hard.token, '0', 'fp', 'acct')).toMatchObject({ code: 'CHALLENGE_UNSOLVED' });
    clock.advance(policy.challenge.ttlSeconds * 1000);
    expect(authority.check(ticket.token, nonce, 'fp', 'acct')).toMatchObject({ code: 'CHALLENGE_EXPIRED' });
  });

  it('gives passes that prove their difficulty for their client only, until they expire', () => {
    const { pass } = authority.issuePass('fp', 'acct', 16);
    expect(authority.passBits(pass, 'fp', 'acct')).toBe(16);
    expect(authority.passBits(pass, 'fp', 'someone-else')).toBe(0);
    expect(authority.passBits(pass, 'other-fp', 'acct')).toBe(0);
    expect(authority.passBits(`${pass}x`, 'fp', 'acct')).toBe(0);
    expect(authority.passBits(authority.issue('fp', 'acct', 16).token, 'fp', 'acct')).toBe(0); // a token is not a pass
    expect(authority.passBits(undefined, 'fp', 'acct')).toBe(0);
    clock.advance(policy.challenge.passTtlSeconds * 1000);
    expect(authority.passBits(pass, 'fp', 'acct')).toBe(0);
  });
});

describe('the challenge protocol over HTTP', () => {
  let t: ProtectedApp;
  let thread: string;
  beforeAll(async () => {
    t = await openProtectedApp({
      canaries: false,
      policy: (p) => (p.challenge = { ...p.challenge, minBits: 8, maxBits: 12 }),
    });
    [thread] = (await createThreads(t.services.db, t.services.clock, 1)) as [string];
  });
  afterAll(async () => {
    await t.close();
  });

  it('challenged → solve → pass → the same request goes through', async () => {
    const account = await createAccount(t.services.db, t.services.clock, { memberKind: 'verified' });
    const client = new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.30'), account.token);
    const challenged = await client.read(thread);
    expect(challenged.statusCode).toBe(403);
    const { error } = challenged.json();
    expect(error.code).toBe('CHALLENGE_REQUIRED');
    expect(error.message).toMatch(/POST \{"token","nonce"\} to \/v1\/challenge/);
    expect(error.challenge).toMatchObject({
      algorithm: 'sha256-leading-zero-bits',
      difficulty: expect.any(Number),
      submit: 'POST /v1/challenge',
      passHeader: 'X-Watercooler-Pass',
    });

    const solution = await solveChallenge(error.challenge);
    const traded = await client.request('POST', '/v1/challenge', {
      token: solution.token,
      nonce: solution.nonce,
    });
    expect(traded.statusCode).toBe(200);
    expect(traded.json()).toMatchObject({
      pass: expect.stringMatching(/^p1\./),
      header: 'X-Watercooler-Pass',
    });

    client.pass = traded.json().pass;
    expect((await client.read(thread)).statusCode).toBe(200);
    const again = await client.request('POST', '/v1/challenge', {
      token: solution.token,
      nonce: solution.nonce,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CHALLENGE_USED');

    const metrics = t.app.protection.metrics;
    expect(metrics.challengesIssued.get()).toBe(1);
    expect(metrics.challengesSolved.get()).toBe(1);
  });

  it("refuses another account's pass and a sloppy solution, each with a 4xx that says what to do", async () => {
    const owner = await createAccount(t.services.db, t.services.clock, { memberKind: 'verified' });
    const other = await createAccount(t.services.db, t.services.clock, { memberKind: 'verified' });
    const ownerClient = new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.31'), owner.token);
    const { challenge } = (await ownerClient.read(thread)).json().error;
    const wrong = await ownerClient.request('POST', '/v1/challenge', {
      token: challenge.token,
      nonce: 'nope',
    });
    if (wrong.statusCode !== 200) {
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('CHALLENGE_UNSOLVED');
      expect(wrong.json().error.message).toMatch(/must start with \d+ zero bits/);
    }
    const { token, nonce } = await solveChallenge(challenge);
    const solution = { token, nonce };
    const otherClient = new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.31'), other.token);
    expect((await otherClient.request('POST', '/v1/challenge', solution)).json().error.code).toBe(
      'CHALLENGE_WRONG_CLIENT',
    );
    const { pass } = (await ownerClient.request('POST', '/v1/challenge', solution)).json();
    otherClient.pass = pass;
    expect((await otherClient.read(thread)).json().error.code).toBe('CHALLENGE_REQUIRED');
    const extra = await ownerClient.request('POST', '/v1/challenge', { ...solution, extra: 1 });
    expect(extra.statusCode).toBe(400);
  });

  it('never offers a challenge to a blocked client', async () => {
    const account = await createAccount(t.services.db, t.services.clock);
    const response = await new PersonaClient(
      t.app,
      HEADERS.pythonRequests,
      at('192.0.2.32'),
      account.token,
    ).read(thread);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('BLOCKED');
    expect(response.json().error.challenge).toBeUndefined();
  });
});
