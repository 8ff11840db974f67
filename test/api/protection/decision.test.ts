import { describe, expect, it, vi } from 'vitest';
import { decide } from '../../../api/protection/decision.ts';
import { loadPolicy } from '../../../api/protection/policy.ts';
import { at, createAccount, createThreads, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const thresholds = loadPolicy(undefined).thresholds;

describe('decide', () => {
  it('maps a score onto the policy thresholds', () => {
    expect(decide(0, thresholds)).toBe('allow');
    expect(decide(thresholds.throttle - 1, thresholds)).toBe('allow');
    expect(decide(thresholds.throttle, thresholds)).toBe('throttle');
    expect(decide(thresholds.challenge, thresholds)).toBe('challenge');
    expect(decide(thresholds.block, thresholds)).toBe('block');
    expect(decide(100, { throttle: 101, challenge: 101, block: 101 })).toBe('allow');
  });
});

describe('decisions over HTTP', () => {
  it('blocks in enforce mode and records the event with its reasons', async () => {
    const t = await openProtectedApp({ canaries: false });
    try {
      const [thread] = await createThreads(t.services.db, t.services.clock, 1);
      const account = await createAccount(t.services.db, t.services.clock);
      const response = await new PersonaClient(
        t.app,
        HEADERS.pythonRequests,
        at('192.0.2.40'),
        account.token,
      ).read(thread!);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('BLOCKED');
      expect(response.json().error.message).not.toMatch(/bot-user-agent/); // reasons are not handed to scrapers
      await t.app.protection.flushEvents();
      const { rows } = await t.services.db.query<{
        decision: string;
        enforced: boolean;
        score: number;
        reasons: string[];
        route_class: string;
      }>('SELECT decision, enforced, score, reasons, route_class FROM bot_events');
      expect(rows).toEqual([
        {
          decision: 'block',
          enforced: true,
          score: 100,
          reasons: ['bot-user-agent', 'missing-accept-language', 'library-header-order'],
          route_class: 'read',
        },
      ]);
      expect(
        t.app.protection.metrics.decisions.get({ decision: 'block', route_class: 'read', enforced: 'true' }),
      ).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('in monitor mode records the same decisions but never acts', async () => {
    const t = await openProtectedApp({ mode: 'monitor', canaries: false });
    try {
      const [thread] = await createThreads(t.services.db, t.services.clock, 1);
      const account = await createAccount(t.services.db, t.services.clock);
      const python = new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.41'), account.token);
      const spoof = new PersonaClient(t.app, HEADERS.chromeSpoofNoHints, at('192.0.2.42'), account.token);
      for (let i = 0; i < 3; i++) {
        expect((await python.read(thread!)).statusCode).toBe(200);
        expect((await spoof.read(thread!)).statusCode).toBe(200);
      }
      await t.app.protection.flushEvents();
      const { rows } = await t.services.db.query<{ decision: string; enforced: boolean; n: number }>(
        'SELECT decision, enforced, count(*)::int AS n FROM bot_events GROUP BY 1, 2 ORDER BY 1',
      );
      expect(rows).toEqual([
        { decision: 'block', enforced: false, n: 3 },
        { decision: 'challenge', enforced: false, n: 3 },
      ]);
      expect(t.app.protection.metrics.challengesIssued.get()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('lets an allow-listed fingerprint or account through every layer, traps included', async () => {
    const t = await openProtectedApp({ canaries: false, policy: (p) => (p.budgets.read.perAccount = 2) });
    try {
      const [thread] = await createThreads(t.services.db, t.services.clock, 1);
      const account = await createAccount(t.services.db, t.services.clock);
      const python = new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.43'), account.token);
      expect((await python.read(thread!)).statusCode).toBe(403);
      const who = (await python.request('GET', '/v1/whoami')).json();
      await t.app.protection.allowList.add(
        t.services.db,
        t.services.clock,
        'fingerprint',
        who.fingerprintId,
        'research crawler',
      );
      await python.request('GET', t.app.protection.policy.traps.honeypotPaths[0]!);
      for (let i = 0; i < 5; i++) expect((await python.read(thread!)).statusCode).toBe(200);

      // An account entry works the same for any client of that account.
      const other = await createAccount(t.services.db, t.services.clock);
      const curl = new PersonaClient(
        t.app,
        { 'user-agent': 'curl/8.5.0', accept: '*/*' },
        at('192.0.2.44'),
        other.token,
      );
      expect((await curl.read(thread!)).statusCode).toBe(403);
      const tag = (await curl.request('GET', '/v1/whoami')).json().accountTag;
      await t.app.protection.allowList.add(t.services.db, t.services.clock, 'account', tag, '');
      expect((await curl.read(thread!)).statusCode).toBe(200);

      await t.app.protection.allowList.remove(t.services.db, 'fingerprint', who.fingerprintId);
      expect((await python.read(thread!)).statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});
