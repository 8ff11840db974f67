// Operator API (S6) under /v1/operator, behind OPERATOR_TOKEN (constant-time compare in
// require-operator.ts): recent bot events, summaries, the top sources, the allow-list, and the
// active protection policy. POST /v1/operator/companies lives with companies (api/companies).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { badRequest, notFound } from '../errors.ts';
import { cleanText, type TextRule } from '../forum/text-rules.ts';
import { AllowList } from '../protection/allow-list.ts';
import type { Services } from '../services.ts';
import { recentBotEvents, summariseBotEvents, topBotEventSources } from './bot-events.ts';
import { operatorGuard } from './require-operator.ts';

const tags = ['operator'];
const security = [{ bearer: [] }];
const strict = { additionalProperties: false } as const;
const HOUR_MS = 3_600_000;
/** The operator's own words about an entry: any text people can read, no control characters. */
const ALLOW_NOTE_RULE: TextRule = { field: 'note', min: 0, max: 500, multiline: true };

const Decision = Type.Enum(['throttle', 'challenge', 'block']);
const Hex = (chars: number) => Type.String({ pattern: `^[0-9a-f]{${chars}}$` });

const BotEvent = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  decision: Decision,
  enforced: Type.Boolean({ description: 'false in monitor mode: recorded, not acted on' }),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  reasons: Type.Array(Type.String()),
  routeClass: Type.String(),
  networkKey: Type.Union([Type.String(), Type.Null()], {
    description: 'keyed hash of the /24 or /48; null after 7 days',
  }),
  fingerprintId: Type.String(),
  accountTag: Type.Union([Type.String(), Type.Null()], {
    description: "keyed hash of the account under the month's key",
  }),
});

const Source = Type.Object({
  value: Type.String(),
  events: Type.Integer(),
  maxScore: Type.Integer(),
  lastSeen: Type.String({ format: 'date-time' }),
  decisions: Type.Array(Type.String()),
});

const AllowEntry = Type.Object({
  kind: Type.Enum(['fingerprint', 'account']),
  value: Type.String(),
  note: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const Hours = Type.Integer({
  minimum: 1,
  maximum: 24 * 90,
  default: 24,
  description: 'How far back, in hours.',
});

export const operatorRoutes: FastifyPluginAsync<{ services: Services }> = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = services;
  app.addHook('onRequest', operatorGuard(services.secrets.OPERATOR_TOKEN));
  // The protection plugin's allow-list when it is registered, so changes apply at once.
  const allowList = () => (app.hasDecorator('protection') ? app.protection.allowList : new AllowList());
  const since = (hours: number) => new Date(clock.now().getTime() - hours * HOUR_MS);

  app.get(
    '/bot-events',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'Recent protection events, newest first',
        description: 'Page with ?before=<id of the last event you have>.',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            decision: Type.Optional(Decision),
            reason: Type.Optional(Type.String({ pattern: '^[a-z-]{1,60}$' })),
          },
          strict,
        ),
        response: { 200: Type.Object({ events: Type.Array(BotEvent) }) },
      },
    },
    async (request) => {
      if (app.hasDecorator('protection')) await app.protection.flushEvents();
      const { limit = 100, before, decision, reason } = request.query;
      return { events: await recentBotEvents(db, { limit, before, decision, reason }) };
    },
  );

  app.get(
    '/bot-events/summary',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'Protection events counted by reason, by decision and by hour',
        querystring: Type.Object({ hours: Type.Optional(Hours) }, strict),
        response: {
          200: Type.Object({
            since: Type.String({ format: 'date-time' }),
            total: Type.Integer(),
            byReason: Type.Array(Type.Object({ reason: Type.String(), events: Type.Integer() })),
            byDecision: Type.Array(
              Type.Object({ decision: Decision, enforced: Type.Boolean(), events: Type.Integer() }),
            ),
            byHour: Type.Array(
              Type.Object({
                hour: Type.String({ format: 'date-time' }),
                decision: Decision,
                events: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      if (app.hasDecorator('protection')) await app.protection.flushEvents();
      return summariseBotEvents(db, since(request.query.hours ?? 24));
    },
  );

  app.get(
    '/bot-events/top',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'The fingerprints, networks and accounts behind the most protection events',
        querystring: Type.Object(
          {
            hours: Type.Optional(Hours),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
          },
          strict,
        ),
        response: {
          200: Type.Object({
            since: Type.String({ format: 'date-time' }),
            fingerprints: Type.Array(Source),
            networks: Type.Array(Source),
            accounts: Type.Array(Source),
          }),
        },
      },
    },
    async (request) => {
      if (app.hasDecorator('protection')) await app.protection.flushEvents();
      return topBotEventSources(db, since(request.query.hours ?? 24), request.query.limit ?? 10);
    },
  );

  app.get(
    '/allow-list',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'Fingerprints and accounts that every protection layer lets through',
        response: { 200: Type.Object({ entries: Type.Array(AllowEntry) }) },
      },
    },
    async () => ({ entries: await allowList().list(db) }),
  );

  app.post(
    '/allow-list',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'Allow-list a fingerprint id or an account tag (as shown in bot events)',
        description:
          'An entry wins over every protection layer. Account tags change each month (they are keyed by the ' +
          "month's key), so an account entry lapses at the month's end.",
        body: Type.Object(
          {
            kind: Type.Enum(['fingerprint', 'account']),
            value: Type.String({ minLength: 32, maxLength: 64, pattern: '^[0-9a-f]+$' }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          strict,
        ),
        response: { 201: Type.Object({ entry: AllowEntry }) },
      },
    },
    async (request, reply) => {
      const { kind, value } = request.body;
      const note = cleanText(request.body.note ?? '', ALLOW_NOTE_RULE);
      const expected = kind === 'fingerprint' ? 32 : 64;
      if (value.length !== expected)
        throw badRequest(
          'INVALID_ALLOW_LIST_VALUE',
          `A ${kind} ${kind === 'fingerprint' ? 'id' : 'tag'} is ${expected} hex characters, as shown in bot events; got ${value.length}.`,
        );
      const entry = await allowList().add(db, clock, kind, value, note);
      return reply.status(201).send({ entry });
    },
  );

  app.delete(
    '/allow-list/:kind/:value',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'Remove an allow-list entry',
        params: Type.Object(
          { kind: Type.Enum(['fingerprint', 'account']), value: Type.Union([Hex(32), Hex(64)]) },
          strict,
        ),
        response: { 204: Type.Null({ description: 'Removed.' }) },
      },
    },
    async (request, reply) => {
      if (!(await allowList().remove(db, request.params.kind, request.params.value)))
        throw notFound(`The allow-list entry ${request.params.kind} ${request.params.value}`);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/protection/policy',
    {
      config: { routeClass: 'operator' },
      schema: {
        tags,
        security,
        summary: 'The protection policy and mode this instance runs with',
        response: {
          200: Type.Object({ mode: Type.Enum(['enforce', 'monitor']), policy: Type.Unknown() }),
        },
      },
    },
    async () => {
      if (!app.hasDecorator('protection')) throw notFound('The protection plugin');
      return { mode: app.protection.mode, policy: app.protection.policy };
    },
  );
};
