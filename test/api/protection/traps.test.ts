import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cryptoRandom } from '../../../api/ids.ts';
import {
  CANARIES_ON_GENERAL_BOARD,
  CANARY_COMPANY_BOARDS,
  ensureCanaryThreads,
  robotsTxt,
} from '../../../api/protection/traps.ts';
import { at, createAccount, HEADERS, PersonaClient } from '../../support/personas.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';
import { openProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('canary threads', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await openTestServices();
    for (let i = 0; i < CANARY_COMPANY_BOARDS + 2; i++)
      await services.db.query('INSERT INTO companies (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [
        `c${i}`,
        `company-${i}`,
        `Company ${i}`,
        new Date(Date.UTC(2025, 0, 1 + i)),
      ]);
  });
  afterAll(async () => {
    await services.close();
  });

  it('are made on the general board and the first company boards, once', async () => {
    const first = await ensureCanaryThreads(services.db, services.clock, cryptoRandom);
    const again = await ensureCanaryThreads(services.db, services.clock, cryptoRandom);
    expect(first).toHaveLength(CANARIES_ON_GENERAL_BOARD + CANARY_COMPANY_BOARDS);
    expect(new Set(again)).toEqual(new Set(first));
    const { rows } = await services.db.query<{ company_id: string | null; n: number }>(
      'SELECT company_id, count(*)::int AS n FROM threads WHERE is_canary GROUP BY 1 ORDER BY 1 NULLS FIRST',
    );
    expect(rows).toEqual([
      { company_id: null, n: CANARIES_ON_GENERAL_BOARD },
      ...Array.from({ length: CANARY_COMPANY_BOARDS }, (_, i) => ({ company_id: `c${i}`, n: 1 })),
    ]);
  });

  it('look like ordinary threads: a title, one opening post under a normal alias, an alias row', async () => {
    const { rows } = await services.db.query<{
      title: string;
      post_count: number;
      alias: string;
      position: number;
      words: string;
    }>(
      `SELECT t.title, t.post_count, p.alias, p.position, a.words
         FROM threads t JOIN posts p ON p.thread_id = t.id JOIN thread_aliases a ON a.thread_id = t.id
        WHERE t.is_canary`,
    );
    expect(rows).toHaveLength(CANARIES_ON_GENERAL_BOARD + CANARY_COMPANY_BOARDS);
    for (const row of rows) {
      expect(row.title.length).toBeGreaterThan(20);
      expect(row.post_count).toBe(1);
      expect(row.position).toBe(1);
      expect(row.alias).toMatch(/^(Member|Verified member|Verified employee) · \S+ \S+$/);
      expect(row.alias.endsWith(row.words)).toBe(true);
    }
  });

  it('are moved back among recent activity when they have gone stale', async () => {
    services.clock.advanceDays(10);
    await ensureCanaryThreads(services.db, services.clock, cryptoRandom);
    const { rows } = await services.db.query<{ oldest: Date }>(
      'SELECT min(last_post_at) AS oldest FROM threads WHERE is_canary',
    );
    expect(services.clock.now().getTime() - rows[0]!.oldest.getTime()).toBeLessThanOrEqual(12 * 3_600_000);
  });
});

describe('robots.txt and honeypots', () => {
  it('lists the honeypots only as Disallow lines', () => {
    expect(robotsTxt(['/v1/archive/threads'])).toBe(
      '# Watercooler: the API is for the apps, not for crawlers.\nUser-agent: *\nDisallow: /v1/\nDisallow: /v1/archive/threads\n',
    );
  });

  it('a honeypot answers like any unknown path, and marks whoever touched it', async () => {
    const t = await openProtectedApp({ canaries: true });
    try {
      const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
      expect(robots.headers['content-type']).toMatch(/^text\/plain/);
      const path = t.app.protection.policy.traps.honeypotPaths[1]!;
      expect(robots.body).toContain(`Disallow: ${path}`);

      const account = await createAccount(t.services.db, t.services.clock);
      const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.50'), account.token);
      const trap = await client.request('GET', path);
      const unknown = await client.request('GET', `${path}-nothing`);
      expect(trap.statusCode).toBe(404);
      expect(trap.json().error.code).toBe(unknown.json().error.code);
      expect(t.app.protection.metrics.trapHits.get({ trap: 'honeypot' })).toBe(1);

      const [canary] = [
        ...(await t.services.db.query<{ id: string }>('SELECT id FROM threads WHERE is_canary')).rows,
      ];
      const colleague = await createAccount(t.services.db, t.services.clock);
      const colleagueClient = new PersonaClient(t.app, HEADERS.firefox, at('192.0.2.51'), colleague.token);
      // A colleague on the same network is only nudged, not blocked…
      expect((await colleagueClient.request('GET', '/v1/me')).statusCode).toBe(200);
      // …while the account that touched the trap is blocked on every scored route.
      expect((await client.request('GET', '/v1/threads')).statusCode).toBe(403);
      expect((await client.read(canary!.id)).statusCode).toBe(403);
      expect(t.app.protection.metrics.trapHits.get({ trap: 'canary' })).toBe(1);
    } finally {
      await t.close();
    }
  });
});
