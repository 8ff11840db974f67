// Fingerprint: a keyed hash of the stable features of a client's headers (UA, languages,
// encodings, client hints, the order of its identifying headers) plus the static evidence those
// headers carry (signals/*). Results are cached by the full header shape, and UA parses by UA
// string, so a returning client costs a string join and two map lookups.
// A fingerprint is not a person: one browser build on one OS is shared by strangers, which is why
// fingerprint-only budgets are generous and trap marks key a fingerprint together with a network.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { keyedHash } from '../keys/crypto.ts';
import type { LayerOptions } from './context.ts';
import { Lru } from './lru.ts';
import { identifyClient } from './request-state.ts';
import type { Policy } from './policy.ts';
import { missingAcceptLanguage } from './signals/accept-language.ts';
import { botUserAgent } from './signals/bot-user-agent.ts';
import { type ClientHeaders, headerValue, isOrderHeader } from './signals/client-headers.ts';
import { chromeWithoutClientHints, clientHintMismatch } from './signals/client-hints.ts';
import type { Evidence } from './signals/evidence.ts';
import { libraryHeaderOrder } from './signals/header-order.ts';
import { browserWithoutSecFetch } from './signals/sec-fetch.ts';
import { UserAgentCache } from './user-agent-cache.ts';

export interface Fingerprint {
  /** 128-bit keyed hash, hex. */
  readonly id: string;
  /** Its first 96 bits, the fingerprint in store keys. */
  readonly short: string;
  readonly evidence: readonly Evidence[];
}

const IDENTITY_HEADERS = [
  'accept-language',
  'accept-encoding',
  'sec-ch-ua',
  'sec-ch-ua-mobile',
  'sec-ch-ua-platform',
];

export class Fingerprinter {
  readonly #secret: string;
  readonly #policy: Policy['fingerprint'];
  readonly #userAgents: UserAgentCache;
  readonly #cache: Lru<string, Fingerprint>;

  constructor(
    secret: string,
    policy: Policy['fingerprint'],
    userAgents = new UserAgentCache(),
    capacity = 5_000,
  ) {
    this.#secret = secret;
    this.#policy = policy;
    this.#userAgents = userAgents;
    this.#cache = new Lru(capacity);
  }

  fingerprint(headers: IncomingHttpHeaders): Fingerprint {
    const order: string[] = [];
    for (const name in headers) if (isOrderHeader(name) && headers[name] !== undefined) order.push(name);
    const userAgent = headerValue(headers, 'user-agent') ?? '';
    const values = IDENTITY_HEADERS.map((name) => headerValue(headers, name) ?? '');
    const shape = `${order.join(',')}\n${userAgent}\n${values.join('\n')}`;
    const cached = this.#cache.get(shape);
    if (cached) return cached;

    const client: ClientHeaders = { headers, userAgent, ua: this.#userAgents.get(userAgent), order };
    // sec-fetch-* vary with what the browser is doing (navigation or fetch), so they shape the
    // evidence but not the id.
    const stableOrder = order.filter((name) => !name.startsWith('sec-fetch-')).join(',');
    const id = keyedHash(this.#secret, 'fingerprint', userAgent, ...values, stableOrder)
      .subarray(0, 16)
      .toString('hex');
    const weights = this.#policy.weights;
    const result: Fingerprint = Object.freeze({
      id,
      short: id.slice(0, 24),
      evidence: Object.freeze([
        ...botUserAgent(client, weights),
        ...chromeWithoutClientHints(client, weights),
        ...clientHintMismatch(client, weights),
        ...browserWithoutSecFetch(client, weights),
        ...missingAcceptLanguage(client, weights),
        ...libraryHeaderOrder(client, this.#policy),
      ]),
    });
    this.#cache.set(shape, result);
    return result;
  }
}

const plugin: FastifyPluginAsync<LayerOptions> = async (app, { context }) => {
  const fingerprinter = new Fingerprinter(
    context.services.secrets.FINGERPRINT_SECRET,
    context.policy.fingerprint,
  );
  app.addHook('onRequest', (request, _reply, done) => {
    const state = request.protection;
    if (state) {
      const found = fingerprinter.fingerprint(request.headers);
      identifyClient(state, found, context.storeKeys);
      if (state.judged) state.evidence.push(...found.evidence);
    }
    done();
  });
};

export const fingerprintLayer = fp(plugin, { name: 'protection-fingerprint' });
