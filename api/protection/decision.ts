// Decision (S3): a scored request's evidence → a score 0–100 → allow, throttle (tighter budgets,
// applied by rate-limits.ts), challenge (proof-of-work, challenge.ts) or block, by the policy's
// thresholds. A valid pass of enough difficulty turns a challenge into an allow. A block is
// remembered for the actor when enforced (policy.behaviour.blockMemory). In monitor mode
// nothing is refused. Every non-allow outcome, and every request over a budget, becomes one
// bot_events row when the response is sent (S6).
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { DAY_MS } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { ChallengeAuthority } from './challenge.ts';
import { difficultyFor, PASS_HEADER } from './challenge.ts';
import type { LayerOptions } from './context.ts';
import type { Policy } from './policy.ts';
import type { Decision, ProtectionState } from './request-state.ts';
import { BLOCK_MEMORY } from './signals/block-memory.ts';
import { CHALLENGES_ISSUED } from './signals/unanswered-challenges.ts';
import { reasonsOf, scoreOf } from './signals/evidence.ts';

export function decide(score: number, thresholds: Policy['thresholds']): Decision {
  if (score >= thresholds.block) return 'block';
  if (score >= thresholds.challenge) return 'challenge';
  if (score >= thresholds.throttle) return 'throttle';
  return 'allow';
}

export const blocked = () =>
  new AppError(
    403,
    'BLOCKED',
    'This client has been refused because its requests look automated. If you are a person, try again later ' +
      'from the Watercooler app or website; if it keeps happening, write to the operators.',
  );

const plugin: FastifyPluginAsync<LayerOptions & { authority: ChallengeAuthority }> = async (
  app,
  { context, authority },
) => {
  const { policy, metrics, mode, store, storeKeys } = context;
  const enforced = mode === 'enforce';
  const memory = policy.behaviour.blockMemory;

  /**
   * Marks the actor as blocked (signals/block-memory.ts) before the client can see the answer. Only
   * enforced blocks are remembered: in monitor mode nobody was refused, so nothing escalates.
   */
  function remember(state: ProtectionState) {
    if (!memory) return;
    store.mark(storeKeys.of(BLOCK_MEMORY, state.actor), memory.hours * 3_600_000).catch(() => {});
  }

  app.addHook('onRequest', async (request) => {
    const state = request.protection;
    if (!state?.judged || state.allowListed) return;
    if (state.pending.length > 0) {
      await Promise.all(state.pending);
      // Let the settled lookups go now rather than when the response is sent: a request lives on
      // through its database work, and what it still holds then is copied by each young-generation
      // GC meanwhile, and promoted.
      state.pending.length = 0;
    }
    state.score = scoreOf(state.evidence);
    let decision = decide(state.score, policy.thresholds);
    const bits = decision === 'challenge' ? difficultyFor(state.score, policy) : 0;
    if (decision === 'challenge') {
      const header = request.headers[PASS_HEADER];
      const pass = typeof header === 'string' ? header : undefined;
      if (authority.passBits(pass, state.fingerprintId, state.accountTag) >= bits) {
        decision = 'allow';
        state.passed = true;
      }
    }
    state.decision = decision;
    metrics.decisions.inc({ decision, route_class: state.routeClass, enforced: String(enforced) });
    if (!enforced) return;
    if (decision === 'block') {
      remember(state);
      throw blocked();
    }
    if (decision === 'challenge') {
      metrics.challengesIssued.inc();
      if (policy.behaviour.unansweredChallenges)
        store.increment(storeKeys.of(CHALLENGES_ISSUED, state.actor), DAY_MS).catch(() => {});
      throw new AppError(
        403,
        'CHALLENGE_REQUIRED',
        `Before continuing, prove this is not a bulk client: find a nonce such that SHA-256("<token>:<nonce>") ` +
          `starts with ${bits} zero bits, POST {"token","nonce"} to /v1/challenge, then repeat this request ` +
          'with the pass it returns in the X-Watercooler-Pass header.',
        {},
        { challenge: authority.issue(state.fingerprintId, state.accountTag, bits) },
      );
    }
  });

  // Recorded as the answer goes out (every answer, refusals included, passes through onSend).
  app.addHook('onSend', (request, _reply, payload, done) => {
    const state = request.protection;
    if (state && !state.allowListed && (state.decision !== 'allow' || state.limited !== null))
      recordEvent(state);
    done(null, payload);
  });

  function recordEvent(state: ProtectionState) {
    context.events.record({
      occurredAt: context.services.clock.now(),
      decision: state.decision === 'allow' ? 'throttle' : state.decision,
      enforced,
      score: state.score,
      reasons: [...reasonsOf(state.evidence), ...(state.limited ? [state.limited] : [])],
      routeClass: state.routeClass,
      networkKey: state.networkKey === 'unknown' ? null : state.networkKey,
      fingerprintId: state.fingerprintId,
      accountTag: state.accountTag,
    });
  }
};

export const decisionLayer = fp(plugin, { name: 'protection-decision' });
