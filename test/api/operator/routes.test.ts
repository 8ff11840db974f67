import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountTagOf } from '../../../api/protection/client-identity.ts';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp } from '../protection/protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('operator API', () => {
  let t: ProtectedApp;
  let operator: Record<string, string>;
  let scraperTag: string;
  let scraperFingerprint: string;
  beforeAll(async () => {
    t = await openProtectedApp({ canaries: false });
    operator = { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN };
    const [thread] = await createThreads(t.services.db, t.services.clock, 1);
    const scraper = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'member',
      ageDays: 1,
    });
    scraperTag = accountTagOf(t.services.keys, t.services.clock.now(), scraper.id)!;
    const python = new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.80'), scraper.token);
    for (let i = 0; i < 3; i++) await python.read(thread!);
    scraperFingerprint = (await python.request('GET', '/v1/whoami')).json().fingerprintId;
    t.services.clock.advance(3_600_000);
    const spoof = new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.81'));
    await spoof.request('POST', '/v1/auth/login', { email: 'x@y.example', password: 'right' });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, headers = operator) => t.app.inject({ method: 'GET', url, headers });

  it('refuses anyone without the operator token, before reading the request', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-operator-token': 'wrong' },
      { 'x-operator-token': '' },
    ];
    for (const headers of attempts) {
      const response = await get('/v1/operator/bot-events', headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('OPERATOR_ONLY');
    }
    expect((await get('/v1/operator/bot-events')).statusCode).toBe(200);
  });

  it('takes the operator token as a Bearer token too, and refuses a person’s session there', async () => {
    const token = t.services.secrets.OPERATOR_TOKEN;
    expect((await get('/v1/operator/bot-events', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    const person = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'member',
      ageDays: 400,
    });
    const refused = await get('/v1/operator/bot-events', { authorization: `Bearer ${person.token}` });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('OPERATOR_ONLY');
    expect(refused.json().error.message).toContain('Authorization: Bearer <token>');
  });

  it('lists recent events newest first, filtered and paged', async () => {
    const all = (await get('/v1/operator/bot-events')).json().events;
    expect(all).toHaveLength(4);
    expect(all[0]).toMatchObject({ decision: 'challenge', routeClass: 'auth', accountTag: null });
    expect(all[3]).toMatchObject({
      decision: 'block',
      routeClass: 'read',
      accountTag: scraperTag,
      fingerprintId: scraperFingerprint,
    });
    expect(all[3].reasons).toContain('bot-user-agent');
    expect(all[3].networkKey).toMatch(/^[0-9a-f]{64}$/);
    const blocks = (await get('/v1/operator/bot-events?decision=block&limit=2')).json().events;
    expect(blocks).toHaveLength(2);
    const page2 = (await get(`/v1/operator/bot-events?decision=block&before=${blocks[1].id}`)).json().events;
    expect(page2).toHaveLength(1);
    expect((await get('/v1/operator/bot-events?reason=library-header-order')).json().events).toHaveLength(4);
    expect((await get('/v1/operator/bot-events?limit=0')).statusCode).toBe(400);
  });

  it('summarises by reason, decision and hour', async () => {
    const summary = (await get('/v1/operator/bot-events/summary?hours=24')).json();
    expect(summary.total).toBe(4);
    expect(summary.byDecision).toEqual([
      { decision: 'block', enforced: true, events: 3 },
      { decision: 'challenge', enforced: true, events: 1 },
    ]);
    expect(summary.byReason[0]).toEqual({ reason: 'library-header-order', events: 4 });
    expect(summary.byHour).toEqual([
      { hour: '2026-03-02T10:00:00.000Z', decision: 'block', events: 3 },
      { hour: '2026-03-02T11:00:00.000Z', decision: 'challenge', events: 1 },
    ]);
    expect((await get('/v1/operator/bot-events/summary?hours=0')).statusCode).toBe(400);
  });

  it('names the fingerprints, networks and accounts behind most events', async () => {
    const top = (await get('/v1/operator/bot-events/top?limit=5')).json();
    expect(top.fingerprints[0]).toMatchObject({
      value: scraperFingerprint,
      events: 3,
      maxScore: 100,
      decisions: ['block'],
    });
    // Both clients were on one /24: one network key.
    expect(top.networks).toEqual([expect.objectContaining({ events: 4, decisions: ['block', 'challenge'] })]);
    expect(top.accounts).toEqual([expect.objectContaining({ value: scraperTag, events: 3 })]);
  });

  it('adds, lists and removes allow-list entries, which take effect at once', async () => {
    const [thread] = (await t.services.db.query<{ id: string }>('SELECT id FROM threads')).rows;
    const add = await t.app.inject({
      method: 'POST',
      url: '/v1/operator/allow-list',
      headers: operator,
      payload: { kind: 'fingerprint', value: scraperFingerprint, note: 'our own monitoring script' },
    });
    expect(add.statusCode).toBe(201);
    expect(add.json().entry).toMatchObject({
      kind: 'fingerprint',
      value: scraperFingerprint,
      note: 'our own monitoring script',
    });
    const scraper = new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.82'));
    expect((await scraper.request('GET', `/v1/threads/${thread!.id}`)).statusCode).toBe(401); // through protection, to the route
    expect((await get('/v1/operator/allow-list')).json().entries).toHaveLength(1);

    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/v1/operator/allow-list/fingerprint/${scraperFingerprint}`,
      headers: operator,
    });
    expect(remove.statusCode).toBe(204);
    expect((await scraper.request('GET', `/v1/threads/${thread!.id}`)).statusCode).toBe(403);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/v1/operator/allow-list/fingerprint/${scraperFingerprint}`,
      headers: operator,
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses allow-list values that cannot be a fingerprint id or an account tag', async () => {
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/v1/operator/allow-list', headers: operator, payload });
    const short = await post({ kind: 'account', value: 'a'.repeat(32) });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/account tag is 64 hex characters/);
    expect((await post({ kind: 'fingerprint', value: 'Z'.repeat(32) })).statusCode).toBe(400);
    expect((await post({ kind: 'fingerprint', value: 'a'.repeat(32), extra: true })).statusCode).toBe(400);
  });

  it('shows the policy and mode in force', async () => {
    const response = (await get('/v1/operator/protection/policy')).json();
    expect(response.mode).toBe('enforce');
    expect(response.policy.thresholds).toEqual(t.app.protection.policy.thresholds);
  });
});
