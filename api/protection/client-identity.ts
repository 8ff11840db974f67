// Client identity: who is asking, in the only forms the protection layers may keep (P4). The
// address comes from Fastify's request.ip, which believes X-Forwarded-For only from the proxies
// in TRUST_PROXY (server.ts); it is cut to its /24 or /48 and keyed under today's network-chain
// key, so the raw address is never stored and yesterday's keys cannot be recomputed after 7 days.
// A session's account becomes its month tag under the account chain.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyStore } from '../keys/keystore.ts';
import { periodIndex } from '../keys/periods.ts';
import type { LayerOptions } from './context.ts';
import { Lru } from './lru.ts';
import { networkPrefix } from './network-prefix.ts';
import { routeClassOf } from './request-state.ts';

/** HMAC of the request's network prefix under the network-chain key of `at`, hex. */
export function networkKeyOf(keys: KeyStore, at: Date, ip: string | undefined): string {
  return keys.tag('network', at, networkPrefix(ip))?.toString('hex') ?? 'unknown';
}

/** HMAC of an account id under the account-chain key of `at`'s month, hex (as bot_events stores it). */
export function accountTagOf(keys: KeyStore, at: Date, accountId: string): string | null {
  return keys.tag('account', at, accountId)?.toString('hex') ?? null;
}

/**
 * The two tags above, remembered per key period: an HMAC costs ~5 µs and the same offices and
 * accounts come back all day. Only in this process's memory, bounded, keyed by the period so a new
 * day or month computes fresh tags. It reveals nothing the live key does not: whoever can read
 * this memory can read today's key and tag all 2^24 IPv4 /24s in seconds.
 */
export class IdentityTags {
  readonly #networks = new Lru<string, string>(10_000);
  readonly #accounts = new Lru<string, string | null>(50_000);

  constructor(readonly keys: KeyStore) {}

  network(at: Date, ip: string | undefined): string {
    const prefix = networkPrefix(ip);
    const slot = `${periodIndex('day', at)}|${prefix}`;
    let key = this.#networks.get(slot);
    if (key === undefined) {
      key = this.keys.tag('network', at, prefix)?.toString('hex') ?? 'unknown';
      this.#networks.set(slot, key);
    }
    return key;
  }

  account(at: Date, accountId: string): string | null {
    const slot = `${periodIndex('month', at)}|${accountId}`;
    let tag = this.#accounts.get(slot);
    if (tag === undefined) {
      tag = accountTagOf(this.keys, at, accountId);
      this.#accounts.set(slot, tag);
    }
    return tag;
  }
}

const plugin: FastifyPluginAsync<LayerOptions> = async (app, { context }) => {
  const { keys, clock } = context.services;
  const tags = new IdentityTags(keys);
  const judgedClasses = new Set(context.policy.decisionClasses);
  app.decorateRequest('protection', null);
  // Callback-style hooks where a layer awaits nothing: no promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    const now = clock.now();
    const routeClass = routeClassOf(request);
    request.protection = {
      routeClass,
      judged: judgedClasses.has(routeClass),
      networkKey: tags.network(now, request.ip),
      accountTag: request.account ? tags.account(now, request.account.id) : null,
      fingerprintId: '',
      evidence: [],
      allowListed: false,
      score: 0,
      decision: 'allow',
      passed: false,
      limited: null,
      pending: [],
    };
    done();
  });
};

export const clientIdentityLayer = fp(plugin, { name: 'protection-client-identity' });
