// Behaviour over sliding windows, per actor (the account, or the client without a session): the
// rhythm of thread views, how many distinct thread pages, how listings are paged, reads against writes,
// the account's age and kind, cheap accounts crowding one client or network, and one account
// hopping networks, whether it was blocked lately (decision.ts remembers blocks) and how many
// challenges it left unanswered today (decision.ts and challenge.ts count them). State lives in the
// counter store (Redis or memory), with every window read from the injected clock and every set
// capped, so memory stays bounded and tests can move time.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DAY_MS } from '../clock.ts';
import type { LayerOptions } from './context.ts';
import {
  actorKey,
  alongside,
  clientKey,
  type ProtectionState,
  shortAccount,
  shortNetwork,
} from './request-state.ts';
import { accountStanding } from './signals/account-standing.ts';
import { blockMemoryKey, recentlyBlocked } from './signals/block-memory.ts';
import { intervalRegularity } from './signals/interval-regularity.ts';
import { networkHopping } from './signals/network-hopping.ts';
import { pagination } from './signals/pagination.ts';
import { readsWithoutWrites } from './signals/read-write-ratio.ts';
import { isCheapAccount, sybilAccounts } from './signals/sybil.ts';
import { threadBreadth } from './signals/thread-breadth.ts';
import {
  challengesIssuedKey,
  passesBoughtKey,
  unansweredChallenges,
} from './signals/unanswered-challenges.ts';

const MINUTE_MS = 60_000;
const PAGES_TTL_MS = 60 * MINUTE_MS;

/**
 * What a read opened, for breadth: the thread (its `id` path parameter; the read class is "one
 * thread view"), and for a later page of it the page's cursor too. A harvester needs every page of
 * every long thread; a reader mostly opens first pages, so later pages count as more breadth.
 */
function pageOf(request: FastifyRequest): string | null {
  const params = request.params as Record<string, unknown> | undefined;
  const id = params?.id ?? (params ? Object.values(params).find((v) => typeof v === 'string') : undefined);
  if (typeof id !== 'string') return null;
  const cursor = (request.query as Record<string, unknown> | undefined)?.cursor;
  return typeof cursor === 'string' && cursor !== '' ? `${id}#${cursor.slice(-22)}` : id;
}

const plugin: FastifyPluginAsync<LayerOptions> = async (app, { context }) => {
  const { store, policy, services } = context;
  const rules = policy.behaviour;
  const breadthWindow = rules.breadth.windowMinutes * MINUTE_MS;
  const breadthRecent = rules.breadth.recentMinutes * MINUTE_MS;
  const hoppingWindow = rules.networkHopping.windowMinutes * MINUTE_MS;
  const sybilWindow = rules.sybil.windowMinutes * MINUTE_MS;
  const timesTtl = rules.regularity.ignoreGapsOverSeconds * 1000 * rules.regularity.keep;

  app.addHook('onRequest', (request, _reply, done) => {
    const state = request.protection;
    if (state?.judged && !state.allowListed) lookUp(request, state);
    done();
  });

  /** Starts the store lookups and turns their answers into evidence (the decision waits for them). */
  function lookUp(request: FastifyRequest, state: ProtectionState) {
    const cls = state.routeClass;
    if (cls !== 'read' && cls !== 'list' && cls !== 'write') {
      state.evidence.push(...accountStanding(request.account, services.clock.now(), rules.accountStanding));
      return;
    }
    const now = services.clock.now();
    const actor = actorKey(state);
    const page = cls === 'read' ? pageOf(request) : null;
    const account = request.account;
    const cheap = account !== null && state.accountTag !== null && isCheapAccount(account, now, rules.sybil);

    const lookups = Promise.all([
      cls === 'read'
        ? store.pushRecent(`t.${actor}`, String(now.getTime()), rules.regularity.keep, timesTtl)
        : Promise.resolve([]),
      page
        ? store.noteDistinct(`b.${actor}`, page, breadthWindow, breadthRecent, rules.breadth.maxTracked)
        : store.countDistinct(`b.${actor}`, breadthWindow, breadthRecent),
      store.recent(`p.${actor}`),
      cls === 'read' ? store.increment(`r.${actor}`, DAY_MS) : store.peek(`r.${actor}`, DAY_MS),
      store.peek(`w.${actor}`, DAY_MS),
      state.accountTag
        ? store.noteDistinct(
            `h.${shortAccount(state)}`,
            shortNetwork(state),
            hoppingWindow,
            hoppingWindow,
            rules.networkHopping.maxTracked,
          )
        : null,
      cheap
        ? store.noteDistinct(
            `s.c.${clientKey(state)}`,
            shortAccount(state)!,
            sybilWindow,
            sybilWindow,
            rules.sybil.maxTracked,
          )
        : null,
      cheap
        ? store.noteDistinct(
            `s.n.${shortNetwork(state)}`,
            shortAccount(state)!,
            sybilWindow,
            sybilWindow,
            rules.sybil.maxTracked,
          )
        : null,
      rules.blockMemory ? store.marked([blockMemoryKey(actor)]) : null,
      rules.unansweredChallenges
        ? Promise.all([
            store.peek(challengesIssuedKey(actor), DAY_MS),
            store.peek(passesBoughtKey(actor), DAY_MS),
          ])
        : null,
    ]).then(
      ([times, breadth, depths, reads, writes, networks, sybilClient, sybilNetwork, blocked, challenges]) => {
        state.evidence.push(
          ...(cls === 'read' ? intervalRegularity(times.map(Number), rules.regularity) : []),
          ...threadBreadth(breadth, rules.breadth),
          ...pagination(depths.map(Number), rules.pagination),
          ...readsWithoutWrites(reads.count, writes.count, rules.readWrite),
          ...accountStanding(account, now, rules.accountStanding),
          ...(networks ? networkHopping(networks.total, rules.networkHopping) : []),
          ...(sybilClient && sybilNetwork
            ? sybilAccounts({ perClient: sybilClient.total, perNetwork: sybilNetwork.total }, rules.sybil)
            : []),
          ...recentlyBlocked(blocked?.[0] === true, rules.blockMemory),
          ...(challenges
            ? unansweredChallenges(challenges[0].count, challenges[1].count, rules.unansweredChallenges)
            : []),
        );
      },
    );
    alongside(state, lookups, (err) => request.log.warn({ err }, 'protection: behaviour state unavailable'));
  }

  // What only the handler knows: how deep a listing went, and whether a write went through.
  // Recorded as the answer is sent, not after: the store command is issued before the client can
  // see the answer and ask again, so its next request always finds it (no round trip is awaited).
  app.addHook('onSend', (request, reply, payload, done) => {
    const state = request.protection;
    if (state?.judged && !state.allowListed) record(request, state, reply.statusCode);
    done(null, payload);
  });

  function record(request: FastifyRequest, state: ProtectionState, statusCode: number) {
    let recording: Promise<unknown> | null = null;
    if (state.routeClass === 'list' && typeof request.pageDepth === 'number')
      recording = store.pushRecent(
        `p.${actorKey(state)}`,
        String(request.pageDepth),
        rules.pagination.keep,
        PAGES_TTL_MS,
      );
    else if (state.routeClass === 'write' && statusCode < 400)
      recording = store.increment(`w.${actorKey(state)}`, DAY_MS);
    recording?.catch((err) => request.log.warn({ err }, 'protection: could not record behaviour'));
  }
};

export const behaviourLayer = fp(plugin, { name: 'protection-behaviour' });
