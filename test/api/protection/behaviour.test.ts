import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountTagOf } from '../../../api/protection/client-identity.ts';
import {
  at,
  createAccount,
  createThreads,
  HEADERS,
  PersonaClient,
  type TestAccount,
} from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

// Weights raised to the throttle threshold so each signal alone leaves a bot_events row to look at.
describe('behaviour layer', () => {
  let t: ProtectedApp;
  let threads: string[];
  beforeAll(async () => {
    t = await openProtectedApp({
      canaries: false,
      policy: (p) => {
        p.behaviour.pagination.walkWeight = 30;
        p.behaviour.readWrite = { minReads: 5, weight: 30 };
      },
    });
    threads = await createThreads(t.services.db, t.services.clock, 400);
  });
  afterAll(async () => {
    await t.close();
  });

  async function reasonsOf(account: TestAccount): Promise<string[]> {
    await t.app.protection.flushEvents();
    const { rows } = await t.services.db.query<{ reason: string }>(
      'SELECT DISTINCT unnest(reasons) AS reason FROM bot_events WHERE account_tag = $1',
      [accountTagOf(t.services.keys, t.services.clock.now(), account.id)],
    );
    return rows.map((row) => row.reason);
  }

  it('learns page depths from listing handlers and sees a sequential walk on the next request', async () => {
    const account = await createAccount(t.services.db, t.services.clock);
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.90'), account.token);
    for (let page = 1; page <= 5; page++) {
      t.services.clock.advance(20_000);
      await client.request('GET', `/v1/threads?page=${page}`);
    }
    expect(await reasonsOf(account)).toEqual([]);
    t.services.clock.advance(20_000);
    await client.request('GET', '/v1/threads?page=6'); // sees the walk 1…5: not yet 6 long
    t.services.clock.advance(20_000);
    await client.request('GET', '/v1/threads?page=7');
    expect(await reasonsOf(account)).toEqual(['sequential-pagination']);
  });

  it('counts a successful write against a day of reads', async () => {
    const reader = await createAccount(t.services.db, t.services.clock);
    const writer = await createAccount(t.services.db, t.services.clock);
    const readerClient = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.91'), reader.token);
    const writerClient = new PersonaClient(t.app, HEADERS.firefox, at('192.0.2.92'), writer.token);
    await writerClient.request('POST', `/v1/threads/${threads[0]}/posts`, {});
    for (let i = 0; i < 6; i++) {
      t.services.clock.advance(45_000 + i * 17_000);
      await readerClient.read(threads[i]!);
      await writerClient.read(threads[i]!);
    }
    expect(await reasonsOf(reader)).toEqual(['reads-without-writes']);
    expect(await reasonsOf(writer)).toEqual([]);
  });

  it('steps aside for classes it does not score', async () => {
    const account = await createAccount(t.services.db, t.services.clock);
    const client = new PersonaClient(t.app, HEADERS.pythonRequests, at('192.0.2.93'), account.token);
    expect((await client.request('GET', '/v1/me')).statusCode).toBe(200);
    expect((await client.request('GET', '/metrics')).statusCode).toBe(200);
    expect(await reasonsOf(account)).toEqual([]);
  });
});
