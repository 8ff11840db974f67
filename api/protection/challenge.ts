// Proof-of-work challenges (S3). A challenged request gets a signed, stateless token bound to its
// fingerprint and account; the client finds a nonce (solve-challenge.ts), trades token + nonce at
// POST /v1/challenge for a short-lived pass signed with PASS_SECRET and bound the same way, and
// repeats its request with the pass in X-Watercooler-Pass. Difficulty rises with the score; a
// token can be traded once. The protocol is written out in README.md beside this file.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type Static, Type } from 'typebox';
import { type Clock, DAY_MS } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Random } from '../ids.ts';
import { keyedHash } from '../keys/crypto.ts';
import type { LayerOptions } from './context.ts';
import type { Policy } from './policy.ts';
import { leadingZeroBits, proofInput } from './proof-of-work.ts';
import { PASSES_BOUGHT } from './signals/unanswered-challenges.ts';

export const PASS_HEADER = 'x-watercooler-pass';
export const CHALLENGE_PATH = '/v1/challenge';

export interface ChallengeTicket {
  algorithm: 'sha256-leading-zero-bits';
  token: string;
  difficulty: number;
  expiresAt: string;
  submit: string;
  passHeader: string;
}

interface TokenPayload {
  /** random id, so each token is single-use */
  r: string;
  /** difficulty in bits */
  b: number;
  /** binding: keyed hash of fingerprint ‖ account tag */
  k: string;
  /** expiry, clock ms */
  e: number;
}

type PassPayload = Omit<TokenPayload, 'r'>;

/** Bits for a score: minBits at the challenge threshold, rising linearly to maxBits at the block threshold. */
export function difficultyFor(score: number, policy: Pick<Policy, 'thresholds' | 'challenge'>): number {
  const { minBits, maxBits } = policy.challenge;
  const { challenge, block } = policy.thresholds;
  if (block <= challenge) return minBits;
  const share = Math.min(1, Math.max(0, (score - challenge) / (block - challenge)));
  return Math.round(minBits + share * (maxBits - minBits));
}

export type SolutionCheck =
  | { ok: true; bits: number; id: string }
  | { ok: false; code: string; status: number; message: string };

export class ChallengeAuthority {
  readonly #secret: string;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #rules: Policy['challenge'];

  constructor(secret: string, clock: Clock, random: Random, rules: Policy['challenge']) {
    this.#secret = secret;
    this.#clock = clock;
    this.#random = random;
    this.#rules = rules;
  }

  binding(fingerprintId: string, accountTag: string | null): string {
    return keyedHash(this.#secret, 'binding', fingerprintId, accountTag ?? '')
      .subarray(0, 16)
      .toString('base64url');
  }

  #sign(kind: string, body: string): string {
    return keyedHash(this.#secret, kind, body).subarray(0, 16).toString('base64url');
  }

  #seal(kind: 'c1' | 'p1', payload: object): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${kind}.${body}.${this.#sign(kind, body)}`;
  }

  #open<T>(kind: 'c1' | 'p1', sealed: string): T | null {
    const [prefix, body, signature, extra] = sealed.split('.');
    if (prefix !== kind || !body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.#sign(kind, body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return null;
    }
  }

  issue(fingerprintId: string, accountTag: string | null, bits: number): ChallengeTicket {
    const expires = this.#clock.now().getTime() + this.#rules.ttlSeconds * 1000;
    const payload: TokenPayload = {
      r: this.#random(12).toString('base64url'),
      b: bits,
      k: this.binding(fingerprintId, accountTag),
      e: expires,
    };
    return {
      algorithm: 'sha256-leading-zero-bits',
      token: this.#seal('c1', payload),
      difficulty: bits,
      expiresAt: new Date(expires).toISOString(),
      submit: `POST ${CHALLENGE_PATH}`,
      passHeader: 'X-Watercooler-Pass',
    };
  }

  check(token: string, nonce: string, fingerprintId: string, accountTag: string | null): SolutionCheck {
    const payload = this.#open<TokenPayload>('c1', token);
    if (!payload || typeof payload.b !== 'number' || typeof payload.e !== 'number')
      return refuse(
        'CHALLENGE_INVALID',
        400,
        'This is not a challenge we issued. Repeat your request to get one.',
      );
    if (payload.e <= this.#clock.now().getTime())
      return refuse(
        'CHALLENGE_EXPIRED',
        400,
        'This challenge has expired. Repeat your request to get a fresh one.',
      );
    if (payload.k !== this.binding(fingerprintId, accountTag))
      return refuse(
        'CHALLENGE_WRONG_CLIENT',
        403,
        'This challenge was given to another client or session: send the solution from the client and session that received it.',
      );
    const bits = leadingZeroBits(createHash('sha256').update(proofInput(token, nonce), 'utf8').digest());
    if (bits < payload.b)
      return refuse(
        'CHALLENGE_UNSOLVED',
        400,
        `SHA-256("<token>:<nonce>") must start with ${payload.b} zero bits; this nonce gives ${bits}. Keep searching.`,
      );
    return { ok: true, bits: payload.b, id: payload.r };
  }

  issuePass(
    fingerprintId: string,
    accountTag: string | null,
    bits: number,
  ): { pass: string; expiresAt: string } {
    const expires = this.#clock.now().getTime() + this.#rules.passTtlSeconds * 1000;
    const payload: PassPayload = { b: bits, k: this.binding(fingerprintId, accountTag), e: expires };
    return { pass: this.#seal('p1', payload), expiresAt: new Date(expires).toISOString() };
  }

  /** The difficulty a valid pass proves for this client, or 0 (none, forged, expired, someone else's). */
  passBits(pass: string | undefined, fingerprintId: string, accountTag: string | null): number {
    if (!pass) return 0;
    const payload = this.#open<PassPayload>('p1', pass);
    if (!payload || typeof payload.b !== 'number' || typeof payload.e !== 'number') return 0;
    if (payload.e <= this.#clock.now().getTime()) return 0;
    return payload.k === this.binding(fingerprintId, accountTag) ? payload.b : 0;
  }
}

const refuse = (code: string, status: number, message: string): SolutionCheck => ({
  ok: false,
  code,
  status,
  message,
});

const SolutionBody = Type.Object(
  {
    token: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: 'error.challenge.token from the 403 answer',
    }),
    nonce: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'what your solver found' }),
  },
  { additionalProperties: false },
);

const PassAnswer = Type.Object({
  pass: Type.String({ description: 'Send it as X-Watercooler-Pass on your next requests.' }),
  expiresAt: Type.String({ format: 'date-time' }),
  header: Type.Literal('X-Watercooler-Pass'),
});

const plugin: FastifyPluginAsync<LayerOptions & { authority: ChallengeAuthority }> = async (
  app,
  { context, authority },
) => {
  app.post<{ Body: Static<typeof SolutionBody> }>(
    CHALLENGE_PATH,
    {
      config: { routeClass: 'public' },
      schema: {
        tags: ['protection'],
        summary: 'Trade a solved proof-of-work challenge for a short-lived pass',
        description:
          'A 403 with error.code CHALLENGE_REQUIRED carries error.challenge {token, difficulty}. Find a nonce ' +
          'such that SHA-256("<token>:<nonce>") starts with `difficulty` zero bits, post both here from the same ' +
          'client and session, then repeat the request with the pass in X-Watercooler-Pass.',
        body: SolutionBody,
        response: { 200: PassAnswer },
      },
    },
    async (request) => {
      const state = request.protection;
      const fingerprintId = state?.fingerprintId ?? '';
      const accountTag = state?.accountTag ?? null;
      const checked = authority.check(request.body.token, request.body.nonce, fingerprintId, accountTag);
      if (!checked.ok) {
        context.metrics.challengesRejected.inc({ reason: checked.code });
        throw new AppError(checked.status, checked.code, checked.message);
      }
      const ttl = context.policy.challenge.ttlSeconds * 1000;
      if (!(await context.store.claimOnce(`chal.${checked.id}`, ttl))) {
        context.metrics.challengesRejected.inc({ reason: 'CHALLENGE_USED' });
        throw new AppError(
          409,
          'CHALLENGE_USED',
          'This challenge was already traded for a pass. Repeat your request to get a new one.',
        );
      }
      context.metrics.challengesSolved.inc();
      if (state && context.policy.behaviour.unansweredChallenges)
        context.store.increment(context.storeKeys.of(PASSES_BOUGHT, state.actor), DAY_MS).catch(() => {});
      return {
        ...authority.issuePass(fingerprintId, accountTag, checked.bits),
        header: 'X-Watercooler-Pass' as const,
      };
    },
  );
};

export const challengeLayer = fp(plugin, { name: 'protection-challenge' });
