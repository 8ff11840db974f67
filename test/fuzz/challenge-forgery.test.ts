// Forged proof-of-work passes and challenge answers against the real server with the scraper
// defence enforcing (api/protection/challenge.ts): a challenged client that tampers with its token
// or pass — raises the difficulty it claims, stretches the expiry, re-signs, borrows another
// client's, replays — stays challenged, every refusal is a readable 4xx, nothing is written, and
// the honest solution still works.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../api/protection/solve-challenge.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { createAccount, createThreads, HEADERS } from '../support/personas.ts';
import { expectSafeAnswer } from './support/answers.ts';
import { digestOf, prepareDigest, type TableDigest } from './support/digest.ts';

interface Ticket {
  token: string;
  difficulty: number;
}

const sha256 = (input: string) => createHash('sha256').update(input, 'utf8').digest();
const decode = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The default policy with cheap puzzles of one size (10 bits: honest solving stays fast, and a pass
 * stays good enough however the score moves) and no block threshold, so a client that keeps
 * forging stays in the challenge range this test is about.
 */
function writeCheapChallengePolicy(dir: string): string {
  const policy = JSON.parse(
    readFileSync(new URL('../../api/protection/default-policy.json', import.meta.url), 'utf8'),
  );
  policy.thresholds.block = 101;
  policy.challenge = { ...policy.challenge, minBits: 10, maxBits: 10 };
  const path = join(dir, 'policy.json');
  writeFileSync(path, JSON.stringify(policy));
  return path;
}

/** Variants of a sealed "kind.payload.mac" value that a forger would try. */
function forgeries(sealed: string): string[] {
  const [kind, payload, mac] = sealed.split('.') as [string, string, string];
  const claims = decode(payload);
  const flip = (s: string, i: number) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
  return [
    `${kind}.${encode({ ...claims, b: 64 })}.${mac}`,
    `${kind}.${encode({ ...claims, e: 8.64e15 })}.${mac}`,
    `${kind}.${encode({ ...claims, k: 'A'.repeat(22) })}.${mac}`,
    `${kind}.${payload}.${flip(mac, 0)}`,
    `${kind}.${flip(payload, 3)}.${mac}`,
    `${kind}.${payload}.${mac}A`,
    `${kind}.${payload}`,
    `${kind}.${payload}.${mac}.${mac}`,
    `${kind === 'p1' ? 'c1' : 'p1'}.${payload}.${mac}`,
    `${kind}.${encode([])}.${mac}`,
    `${kind}.${encode({ b: '99', e: '9e15', k: claims.k })}.${mac}`,
    `${sealed}, ${sealed}`,
    `${kind}..`,
    'p1.'.padEnd(8_000, 'A'),
  ];
}

describe('fuzz: forged proof-of-work passes and challenge answers (enforcing)', () => {
  let t: TestApp;
  let digest: TableDigest;
  let thread: string;
  let headers: Record<string, string>;
  let otherHeaders: Record<string, string>;
  let requests = 0;
  let dir: string;
  // Irregular gaps between reads, so the rhythm signal and the per-minute budget stay out of it.
  const gaps = [7, 23, 4, 15, 9, 31, 5, 12];

  const send = async (method: 'GET' | 'POST', url: string, extra: Record<string, string>, body?: object) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { ...extra, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
      remoteAddress: '192.0.2.40',
    });
    requests++;
    expectSafeAnswer(
      { statusCode: res.statusCode, headers: res.headers, body: res.body },
      method,
      `${method} ${url}`,
    );
    return res;
  };
  const read = (pass?: string) => {
    t.services.clock.advance(gaps[requests % gaps.length]! * 1_000);
    return readNow(pass);
  };
  const readNow = (pass?: string) =>
    send(
      'GET',
      `/v1/threads/${thread}`,
      pass === undefined ? headers : { ...headers, 'x-watercooler-pass': pass },
    );
  const trade = (as: Record<string, string>, token: string, nonce: string) =>
    send('POST', '/v1/challenge', as, { token, nonce });
  const challenge = async (): Promise<Ticket> => {
    const res = await read();
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('CHALLENGE_REQUIRED');
    return res.json().error.challenge;
  };
  const solve = async (ticket: Ticket) => (await solveChallenge(ticket, { sha256 })).nonce;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-fuzz-policy-'));
    t = await openTestApp({ PROTECTION_MODE: 'enforce', PROTECTION_POLICY: writeCheapChallengePolicy(dir) });
    digest = await prepareDigest(t.services.db);
    [thread] = (await createThreads(t.services.db, t.services.clock, 1)) as [string];
    const account = await createAccount(t.services.db, t.services.clock, { memberKind: 'verified' });
    const other = await createAccount(t.services.db, t.services.clock, { memberKind: 'verified' });
    headers = { ...HEADERS.chromeSpoofNoHints, authorization: `Bearer ${account.token}` };
    otherHeaders = { ...HEADERS.chromeSpoofNoHints, authorization: `Bearer ${other.token}` };
  }, 60_000);
  afterAll(async () => {
    console.log(`challenge forgery: ${requests} requests, every forgery refused`);
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses altered, re-signed, borrowed and replayed answers; the honest one works once', async () => {
    const before = await digestOf(t.services.db, digest);
    const ticket = await challenge();
    const nonce = await solve(ticket);
    for (const token of forgeries(ticket.token)) {
      const res = await trade(headers, token, nonce);
      expect(res.statusCode, `${token.slice(0, 60)}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toMatch(/CHALLENGE_INVALID|INVALID_INPUT/);
    }
    const unsolved = ['x', '0', '-', 'A'.repeat(64)].find((n) => n !== nonce)!;
    expect([400, 200]).toContain((await trade(headers, ticket.token, unsolved)).statusCode);
    expect((await trade(otherHeaders, ticket.token, nonce)).json().error.code).toBe('CHALLENGE_WRONG_CLIENT');
    expect(await digestOf(t.services.db, digest)).toEqual(before);

    const fresh = await challenge();
    const traded = await trade(headers, fresh.token, await solve(fresh));
    expect(traded.statusCode, traded.body).toBe(200);
    expect((await trade(headers, fresh.token, await solve(fresh))).json().error.code).toBe('CHALLENGE_USED');
  });

  it('keeps challenging a client whose pass is forged, borrowed or expired', async () => {
    const ticket = await challenge();
    const { pass } = (await trade(headers, ticket.token, await solve(ticket))).json();
    expect((await read(pass)).statusCode).toBe(200);
    const before = await digestOf(t.services.db, digest);
    for (const forged of [...forgeries(pass), ticket.token, '', ' ', 'p1', 'null', '__proto__']) {
      const res = await read(forged);
      expect(res.statusCode, `${forged.slice(0, 60)}: ${res.body}`).toBe(403);
      expect(res.json().error.code).toBe('CHALLENGE_REQUIRED');
    }
    const borrowed = await send('GET', `/v1/threads/${thread}`, {
      ...otherHeaders,
      'x-watercooler-pass': pass,
    });
    expect(borrowed.json().error.code).toBe('CHALLENGE_REQUIRED');
    expect(await digestOf(t.services.db, digest)).toEqual(before);

    expect((await read(pass)).statusCode).toBe(200);
    t.services.clock.advance(16 * 60_000);
    expect((await read(pass)).json().error.code).toBe('CHALLENGE_REQUIRED');
    const late = await challenge();
    const nonce = await solve(late);
    t.services.clock.advance(6 * 60_000);
    expect((await trade(headers, late.token, nonce)).json().error.code).toBe('CHALLENGE_EXPIRED');
  });
});
