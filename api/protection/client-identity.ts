// Client identity: who is asking, in the only forms the protection layers may keep (P4). The
// address comes from Fastify's request.ip, which believes X-Forwarded-For only from the proxies
// in TRUST_PROXY (server.ts); it is cut to its /24 or /48 and keyed under today's network-chain
// key, so the raw address is never stored and yesterday's keys cannot be recomputed after 7 days.
// A session's account becomes its month tag under the account chain.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyStore } from '../keys/keystore.ts';
import { type Cadence, periodIndex } from '../keys/periods.ts';
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

/** A tag in both forms the layers use: whole (bot_events) and its first 96 bits (store keys). */
export interface Tag {
  readonly hex: string;
  readonly short: string;
}

const tagOf = (hex: string): Tag => ({ hex, short: hex.slice(0, 24) });
const UNKNOWN_NETWORK: Tag = tagOf('unknown');

/**
 * The two tags above, remembered for the key period they were made in: an HMAC costs ~5 µs and
 * the same offices and accounts come back all day. Looked up by network prefix (never by the
 * address: a raw IP is not kept, even in memory) and by account id, in this process's memory
 * only, bounded, and dropped when the period turns so a new day or month computes fresh tags. It
 * reveals nothing the live key does not: whoever can read this memory can read today's key and
 * tag all 2^24 IPv4 /24s in seconds.
 */
export class IdentityTags {
  readonly #networks = new PeriodTable<Tag>('day', 10_000);
  readonly #accounts = new PeriodTable<Tag | null>('month', 50_000);

  constructor(readonly keys: KeyStore) {}

  network(at: Date, ip: string | undefined): Tag {
    const prefix = networkPrefix(ip);
    let tag = this.#networks.get(at, prefix);
    if (tag === undefined) {
      const hex = this.keys.tag('network', at, prefix)?.toString('hex');
      tag = hex ? tagOf(hex) : UNKNOWN_NETWORK;
      this.#networks.set(prefix, tag);
    }
    return tag;
  }

  account(at: Date, accountId: string): Tag | null {
    let tag = this.#accounts.get(at, accountId);
    if (tag === undefined) {
      const hex = accountTagOf(this.keys, at, accountId);
      tag = hex ? tagOf(hex) : null;
      this.#accounts.set(accountId, tag);
    }
    return tag;
  }
}

/** An LRU whose entries belong to one key period: asked about another period, it starts empty. */
class PeriodTable<V> {
  readonly #cadence: Cadence;
  readonly #entries: Lru<string, V>;
  #period = Number.NaN;

  constructor(cadence: Cadence, capacity: number) {
    this.#cadence = cadence;
    this.#entries = new Lru(capacity);
  }

  get(at: Date, key: string): V | undefined {
    const period = periodIndex(this.#cadence, at);
    if (period !== this.#period) {
      this.#entries.clear();
      this.#period = period;
    }
    return this.#entries.get(key);
  }

  /** Remembers a value for the period of the last get. */
  set(key: string, value: V): void {
    this.#entries.set(key, value);
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
    const network = tags.network(now, request.ip);
    const account = request.account ? tags.account(now, request.account.id) : null;
    request.protection = {
      routeClass,
      judged: judgedClasses.has(routeClass),
      networkKey: network.hex,
      accountTag: account?.hex ?? null,
      network: network.short,
      account: account?.short ?? null,
      fingerprintId: '', // these four are set by the fingerprint layer, next
      fingerprint: '',
      client: '',
      actor: '',
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
