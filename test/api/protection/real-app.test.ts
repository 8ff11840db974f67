// The protection plugin inside the real server (server.ts) with the real forum routes: people
// list and open threads untouched, the listing shows canaries as placeholders, opening one blocks.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { at, createAccount, HEADERS, PersonaClient } from '../../support/personas.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('protection in the real server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp({ PROTECTION_MODE: 'enforce' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a person post, list and read; blocks whoever opens a placeholder', async () => {
    const person = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 100,
    });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.120'), person.token);
    const created = await client.request('POST', '/v1/threads', {
      title: 'How are on-call rotations handled on your team?',
      body: 'Curious what is normal elsewhere.',
    });
    expect(created.statusCode).toBe(201);
    t.services.clock.advance(30_000);
    const listing = await client.request('GET', '/v1/threads?board=general');
    expect(listing.statusCode).toBe(200);
    const items = listing.json().items as { id: string; kind: string }[];
    const canary = items.find((item) => item.kind === 'placeholder');
    const real = items.find((item) => item.kind === 'thread');
    expect(canary).toBeDefined();
    t.services.clock.advance(40_000);
    expect((await client.read(real!.id)).statusCode).toBe(200);
    expect(client.stopped).toBe(false);

    const crawler = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 100,
    });
    const naive = new PersonaClient(t.app, HEADERS.chrome, at('198.51.100.120'), crawler.token);
    expect((await naive.read(canary!.id)).statusCode).toBe(403);
    expect((await naive.read(real!.id)).statusCode).toBe(403);
    await t.app.protection.flushEvents();
    const { rows } = await t.services.db.query<{ reasons: string[] }>(
      'SELECT reasons FROM bot_events ORDER BY id',
    );
    expect(rows.map((row) => row.reasons[0])).toEqual(['canary-thread', 'trap-marked-account']);
  });
});
