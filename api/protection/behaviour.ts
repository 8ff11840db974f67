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
import { alongside, type ProtectionState } from './request-state.ts';
import { accountStanding } from './signals/account-standing.ts';
import { BLOCK_MEMORY, recentlyBlocked } from './signals/block-memory.ts';
import { intervalRegularity } from './signals/interval-regularity.ts';
import { networkHopping } from './signals/network-hopping.ts';
import { pagination } from './signals/pagination.ts';
import { readsWithoutWrites } from './signals/read-write-ratio.ts';
import { isCheapAccount, sybilAccounts } from './signals/sybil.ts';
import { op } from './store/counter-store.ts';
import { threadBreadth } from './signals/thread-breadth.ts';
import { CHALLENGES_ISSUED, PASSES_BOUGHT, unansweredChallenges } from './signals/unanswered-challenges.ts';

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
  const { store, storeKeys, policy, services } = context;
  // Store keys: an actor's thread-view times, breadth, listing depths, reads and writes, block
  // memory and challenge counts; an account's networks; the cheap accounts on a client, a network.
  const keys = {
    times: storeKeys.family('t.'),
    breadth: storeKeys.family('b.'),
    pages: storeKeys.family('p.'),
    reads: storeKeys.family('r.'),
    writes: storeKeys.family('w.'),
    blocked: storeKeys.family(BLOCK_MEMORY),
    challengesIssued: storeKeys.family(CHALLENGES_ISSUED),
    passesBought: storeKeys.family(PASSES_BOUGHT),
    networks: storeKeys.family('h.'),
    sybilsOnClient: storeKeys.family('s.c.'),
    sybilsOnNetwork: storeKeys.family('s.n.'),
  };
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

  /** Notes `member` in a set counted over one whole window (no separate recent part). */
  const seenIn = (key: string, member: string, windowMs: number, rule: { maxTracked: number }) =>
    op.noteDistinct(key, member, windowMs, windowMs, rule.maxTracked);

  /** Starts the store lookups and turns their answers into evidence (the decision waits for them). */
  function lookUp(request: FastifyRequest, state: ProtectionState) {
    const cls = state.routeClass;
    if (cls !== 'read' && cls !== 'list' && cls !== 'write') {
      state.evidence.push(...accountStanding(request.account, services.clock.now(), rules.accountStanding));
      return;
    }
    const now = services.clock.now();
    const { actor, account: accountKey } = state;
    const page = cls === 'read' ? pageOf(request) : null;
    const account = request.account;
    const cheap = account !== null && accountKey !== null && isCheapAccount(account, now, rules.sybil);

    const lookups = store
      .batch([
        cls === 'read'
          ? op.pushRecent(keys.times.of(actor), now.getTime(), rules.regularity.keep, timesTtl)
          : null,
        page
          ? op.noteDistinct(
              keys.breadth.of(actor),
              page,
              breadthWindow,
              breadthRecent,
              rules.breadth.maxTracked,
            )
          : op.countDistinct(keys.breadth.of(actor), breadthWindow, breadthRecent),
        op.recent(keys.pages.of(actor)),
        cls === 'read' ? op.increment(keys.reads.of(actor), DAY_MS) : op.peek(keys.reads.of(actor), DAY_MS),
        op.peek(keys.writes.of(actor), DAY_MS),
        accountKey
          ? seenIn(keys.networks.of(accountKey), state.network, hoppingWindow, rules.networkHopping)
          : null,
        cheap && accountKey
          ? seenIn(keys.sybilsOnClient.of(state.client), accountKey, sybilWindow, rules.sybil)
          : null,
        cheap && accountKey
          ? seenIn(keys.sybilsOnNetwork.of(state.network), accountKey, sybilWindow, rules.sybil)
          : null,
        rules.blockMemory ? op.marked([keys.blocked.of(actor)]) : null,
        rules.unansweredChallenges ? op.peek(keys.challengesIssued.of(actor), DAY_MS) : null,
        rules.unansweredChallenges ? op.peek(keys.passesBought.of(actor), DAY_MS) : null,
      ])
      .then(
        ([
          times,
          breadth,
          depths,
          reads,
          writes,
          networks,
          sybilClient,
          sybilNetwork,
          blocked,
          issued,
          bought,
        ]) => {
          state.evidence.push(
            ...(times ? intervalRegularity(times, rules.regularity) : []),
            ...threadBreadth(breadth, rules.breadth),
            ...pagination(depths, rules.pagination),
            ...readsWithoutWrites(reads.count, writes.count, rules.readWrite),
            ...accountStanding(account, now, rules.accountStanding),
            ...(networks ? networkHopping(networks.total, rules.networkHopping) : []),
            ...(sybilClient && sybilNetwork
              ? sybilAccounts({ perClient: sybilClient.total, perNetwork: sybilNetwork.total }, rules.sybil)
              : []),
            ...recentlyBlocked(blocked?.[0] === true, rules.blockMemory),
            ...(issued && bought
              ? unansweredChallenges(issued.count, bought.count, rules.unansweredChallenges)
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
        keys.pages.of(state.actor),
        request.pageDepth,
        rules.pagination.keep,
        PAGES_TTL_MS,
      );
    else if (state.routeClass === 'write' && statusCode < 400)
      recording = store.increment(keys.writes.of(state.actor), DAY_MS);
    recording?.catch((err) => request.log.warn({ err }, 'protection: could not record behaviour'));
  }
};

export const behaviourLayer = fp(plugin, { name: 'protection-behaviour' });
