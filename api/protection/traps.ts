// Traps (S5): canary threads and honeypot paths that no person's client ever opens. Canaries are
// ordinary-looking threads (believable title, an opening post under a normal alias) that listings
// show as "placeholder" items clients must skip; honeypot paths appear only as Disallow lines in
// /robots.txt. Touching either marks the account, the client (fingerprint on that network) and,
// weakly, the network for policy.traps.markHours (see signals/trap-marks.ts).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { ALIAS_SEPARATOR } from '../forum/alias-label.ts';
import { aliasWords } from '../forum/aliases.ts';
import { newId, type Random } from '../ids.ts';
import type { CanaryIds, LayerOptions, ProtectionContext } from './context.ts';
import { alongside, type ProtectionState } from './request-state.ts';
import { decide } from './decision.ts';
import { evidence, scoreOf } from './signals/evidence.ts';
import { trapMarks } from './signals/trap-marks.ts';

const HOUR_MS = 3_600_000;
export const CANARIES_ON_GENERAL_BOARD = 2;
export const CANARY_COMPANY_BOARDS = 5;
/** A canary whose last activity is older than this is moved back among recent threads. */
const CANARY_FRESH_MS = 48 * HOUR_MS;
const CANARY_LOCK = 4_242_001; // pg_advisory_xact_lock key: one instance creates canaries at a time

const GENERAL_TITLES = [
  'Is anyone else being asked to do on-call without extra pay?',
  'How long did your last promotion take after the review?',
  'Counter-offer: worth taking or time to leave?',
  'Return-to-office rules changed again, what are your teams doing?',
  'Anyone seen the layoff rumours spreading on other boards?',
  'What is a normal bonus this year in your industry?',
];
const COMPANY_TITLES = [
  'What happened at the all-hands today?',
  'Is the reorg going to hit the platform teams?',
  'How strict is the new performance review calibration?',
  'Anyone else working weekends on the current launch?',
  'Has your manager said anything about the hiring freeze?',
];
const OPENING_POSTS = [
  'Asking because nobody on my team wants to say it out loud. Curious how it is going for others.',
  'Heard a few different stories this week and would like to know what people actually see.',
  'Trying to decide what to do next and would appreciate honest answers from people who went through it.',
  'Not sure if this is just my department. Would be good to compare notes.',
];

const pick = <T>(random: Random, list: readonly T[]): T => list[random(2).readUInt16BE(0) % list.length]!;
const randomMs = (random: Random, maxMs: number) => Math.floor((random(4).readUInt32BE(0) / 2 ** 32) * maxMs);

/**
 * Makes sure the general board has CANARIES_ON_GENERAL_BOARD canary threads and each of the first
 * CANARY_COMPANY_BOARDS company boards has one, and keeps them among recent activity. Safe to run
 * any number of times and from several instances at once. Returns every canary thread id.
 */
export async function ensureCanaryThreads(db: Db, clock: Clock, random: Random): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CANARY_LOCK]);
    const now = clock.now().getTime();
    const { rows: companies } = await tx.query<{ id: string }>(
      'SELECT id FROM companies ORDER BY created_at, id LIMIT $1',
      [CANARY_COMPANY_BOARDS],
    );
    const { rows: existing } = await tx.query<{ id: string; company_id: string | null; last_post_at: Date }>(
      'SELECT id, company_id, last_post_at FROM threads WHERE is_canary',
    );
    const ids = existing.map((row) => row.id);
    const boards: { companyId: string | null; wanted: number }[] = [
      { companyId: null, wanted: CANARIES_ON_GENERAL_BOARD },
      ...companies.map((company) => ({ companyId: company.id, wanted: 1 })),
    ];
    for (const board of boards) {
      const have = existing.filter((row) => row.company_id === board.companyId).length;
      for (let i = have; i < board.wanted; i++) {
        const id = newId(random);
        const createdAt = new Date(now - HOUR_MS - randomMs(random, 36 * HOUR_MS));
        const words = aliasWords(random(32));
        const who =
          board.companyId === null ? pick(random, ['Member', 'Verified member']) : 'Verified employee';
        await tx.query(
          `INSERT INTO threads (id, company_id, title, created_at, last_post_at, post_count, is_canary)
           VALUES ($1, $2, $3, $4, $4, 1, true)`,
          [
            id,
            board.companyId,
            pick(random, board.companyId === null ? GENERAL_TITLES : COMPANY_TITLES),
            createdAt,
          ],
        );
        await tx.query('INSERT INTO thread_aliases (thread_id, tag, words) VALUES ($1, $2, $3)', [
          id,
          random(32),
          words,
        ]);
        await tx.query(
          `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, receipt_hash)
           VALUES ($1, $2, 1, $3, $4, $5, $6::date, $7)`,
          [
            newId(random),
            id,
            pick(random, OPENING_POSTS),
            `${who}${ALIAS_SEPARATOR}${words}`,
            createdAt,
            createdAt.toISOString().slice(0, 10),
            random(32),
          ],
        );
        ids.push(id);
      }
    }
    for (const row of existing) {
      if (now - row.last_post_at.getTime() > CANARY_FRESH_MS)
        await tx.query('UPDATE threads SET last_post_at = $2 WHERE id = $1 AND is_canary', [
          row.id,
          new Date(now - randomMs(random, 12 * HOUR_MS)),
        ]);
    }
    return ids;
  });
}

/** Canary thread ids in memory, so checking a request costs one Set lookup per path parameter. */
export class CanaryRegistry implements CanaryIds {
  #ids = new Set<string>();

  has(threadId: string): boolean {
    return this.#ids.has(threadId);
  }

  get size(): number {
    return this.#ids.size;
  }

  async refresh(db: Db, clock: Clock, random: Random): Promise<void> {
    this.#ids = new Set(await ensureCanaryThreads(db, clock, random));
  }
}

export function robotsTxt(honeypotPaths: readonly string[]): string {
  return [
    '# Watercooler: the API is for the apps, not for crawlers.',
    'User-agent: *',
    'Disallow: /v1/',
    ...honeypotPaths.map((path) => `Disallow: ${path}`),
    '',
  ].join('\n');
}

interface MarkKeys {
  account: string | null;
  client: string;
  network: string;
}

/** The keys of a request's trap marks: its account, its client, its network. */
function markKeysOf({ storeKeys }: ProtectionContext): (state: ProtectionState) => MarkKeys {
  const account = storeKeys.family('trap.a.');
  const client = storeKeys.family('trap.c.');
  const network = storeKeys.family('trap.n.');
  return (state) => ({
    account: state.account ? account.of(state.account) : null,
    client: client.of(state.client),
    network: network.of(state.network),
  });
}

/** Marks whoever sprang a trap and counts it. */
async function springTrap(context: ProtectionContext, keys: MarkKeys, trap: 'canary' | 'honeypot') {
  const ttl = context.policy.traps.markHours * HOUR_MS;
  context.metrics.trapHits.inc({ trap });
  await Promise.all(
    [keys.account, keys.client, keys.network].map((key) => (key ? context.store.mark(key, ttl) : undefined)),
  );
}

function notFoundAnswer(request: FastifyRequest, reply: FastifyReply) {
  // Exactly what any unknown path answers, so the trap does not announce itself.
  return reply.status(404).send({
    error: { code: 'NOT_FOUND', message: `There is no ${request.method} ${request.url.split('?')[0]}.` },
  });
}

const plugin: FastifyPluginAsync<LayerOptions> = async (app, { context }) => {
  const { policy, canaries } = context;
  const markKeys = markKeysOf(context);

  app.addHook('onRequest', (request, _reply, done) => {
    const state = request.protection;
    if (state && !state.allowListed && state.judged) checkTraps(request, state);
    done();
  });

  /** Marks a canary's reader, or starts looking up earlier marks (the decision waits for both). */
  function checkTraps(request: FastifyRequest, state: ProtectionState) {
    const params = request.params as Record<string, unknown> | undefined;
    let touchedCanary = false;
    if (params)
      for (const value of Object.values(params))
        if (typeof value === 'string' && canaries.has(value)) touchedCanary = true;
    if (touchedCanary) {
      state.evidence.push(...evidence('canary-thread', policy.traps.weights.canary));
      alongside(state, springTrap(context, markKeys(state), 'canary'), (err) =>
        request.log.warn({ err }, 'protection: could not mark a canary reader'),
      );
      return;
    }
    const keys = markKeys(state);
    const lookup = context.store
      .marked(keys.account ? [keys.account, keys.client, keys.network] : ['-', keys.client, keys.network])
      .then(([account, client, network]) => {
        state.evidence.push(
          ...trapMarks(
            {
              account: keys.account !== null && account === true,
              client: client === true,
              network: network === true,
            },
            keys.account !== null,
            policy.traps.weights,
          ),
        );
      });
    alongside(state, lookup, (err) => request.log.warn({ err }, 'protection: trap marks unavailable'));
  }

  app.get(
    '/robots.txt',
    { config: { routeClass: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send(robotsTxt(policy.traps.honeypotPaths)),
  );

  for (const path of policy.traps.honeypotPaths) {
    app.get(path, { config: { routeClass: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const state = request.protection;
      if (state && !state.allowListed) {
        await springTrap(context, markKeys(state), 'honeypot');
        state.evidence.push(...evidence('honeypot', policy.traps.weights.honeypot));
        state.score = scoreOf(state.evidence);
        state.decision = decide(state.score, policy.thresholds);
      }
      return notFoundAnswer(request, reply);
    });
  }
};

export const trapsLayer = fp(plugin, { name: 'protection-traps' });
