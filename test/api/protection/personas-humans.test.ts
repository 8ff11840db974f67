// People against the full protection stack over HTTP: a browser reader, a keen reader, the mobile
// app, and 300 colleagues behind one office NAT with the same corporate browser. None of them may
// be challenged, blocked or rate limited, and none of them leaves a bot_events row.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  at,
  createAccount,
  createThreads,
  HEADERS,
  PersonaClient,
  seededRandom,
} from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

type Item = { id: string; kind: string };

/** Log-normal pause: most short, some long, like a person reading. */
const humanPause = (random: () => number, medianMs: number) => {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(medianMs * Math.exp(normal));
};

async function expectNoBotEvents(t: ProtectedApp) {
  await t.app.protection.flushEvents();
  const { rows } = await t.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bot_events');
  expect(rows[0]!.n, 'bot_events rows').toBe(0);
}

function expectUntouched(client: PersonaClient) {
  expect(client.tally.challenged, 'challenged').toBe(0);
  expect(client.tally.blocked, 'blocked').toBe(0);
  expect(client.tally.rateLimited, 'rate limited').toBe(0);
  expect(
    Object.keys(client.tally.statuses).every((s) => Number(s) < 400),
    JSON.stringify(client.tally),
  ).toBe(true);
}

/** What a person's client does with a listing: keep real threads, never open placeholders. */
async function listPage(client: PersonaClient, page: number): Promise<string[]> {
  const response = await client.request('GET', `/v1/threads?page=${page}`);
  expect(response.statusCode).toBe(200);
  return (response.json().items as Item[]).filter((item) => item.kind === 'thread').map((item) => item.id);
}

describe('people are never challenged, blocked or limited', () => {
  let t: ProtectedApp;
  beforeAll(async () => {
    t = await openProtectedApp();
    await createThreads(t.services.db, t.services.clock, 200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a browser reader: three listing pages, 35 threads and three replies over an afternoon', async () => {
    const random = seededRandom(11);
    const account = await createAccount(t.services.db, t.services.clock, { ageDays: 300 });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.55'), account.token);
    for (const [page, reads] of [
      [1, 15],
      [2, 10],
      [3, 10],
    ] as const) {
      const ids = await listPage(client, page);
      for (let i = 0; i < reads; i++) {
        t.services.clock.advance(humanPause(random, 60_000));
        const id = ids[Math.floor(random() * ids.length)]!;
        expect((await client.read(id)).statusCode).toBe(200);
        if (i % 12 === 5)
          expect((await client.request('POST', `/v1/threads/${id}/posts`, {})).statusCode).toBe(201);
      }
    }
    expectUntouched(client);
    await expectNoBotEvents(t);
  });

  it('a keen reader: 110 different threads across a working day', async () => {
    const random = seededRandom(12);
    const account = await createAccount(t.services.db, t.services.clock, { ageDays: 800 });
    const client = new PersonaClient(t.app, HEADERS.firefox, at('192.0.2.56'), account.token);
    const ids = [
      ...(await listPage(client, 1)),
      ...(await listPage(client, 2)),
      ...(await listPage(client, 3)),
    ];
    for (const id of ids.slice(0, 110)) {
      t.services.clock.advance(humanPause(random, 4 * 60_000));
      expect((await client.read(id)).statusCode).toBe(200);
    }
    expect(client.tally.threadsRead).toBe(110);
    expectUntouched(client);
    await expectNoBotEvents(t);
  });

  it('the mobile app: Wi-Fi and mobile data, 30 threads and two replies', async () => {
    const random = seededRandom(13);
    const account = await createAccount(t.services.db, t.services.clock, {
      memberKind: 'verified',
      ageDays: 30,
    });
    const networks = ['192.0.2.77', '100.72.14.9', '100.72.200.31'];
    let network = 0;
    const client = new PersonaClient(t.app, HEADERS.mobileApp, () => networks[network]!, account.token);
    const ids = [...(await listPage(client, 1)), ...(await listPage(client, 2))];
    for (let i = 0; i < 30; i++) {
      if (i % 10 === 9) network = (network + 1) % networks.length;
      t.services.clock.advance(humanPause(random, 90_000));
      expect((await client.read(ids[(i * 7) % ids.length]!)).statusCode).toBe(200);
      if (i % 15 === 4)
        expect((await client.request('POST', `/v1/threads/${ids[i]}/posts`, {})).statusCode).toBe(201);
    }
    expectUntouched(client);
    await expectNoBotEvents(t);
  });

  it('300 colleagues behind one NAT address with one browser build read through a morning', {
    timeout: 300_000,
  }, async () => {
    const random = seededRandom(14);
    const colleagues: PersonaClient[] = [];
    for (let i = 0; i < 300; i++) {
      const account = await createAccount(t.services.db, t.services.clock, {
        memberKind: 'employee',
        ageDays: i < 10 ? 2 : 10 + Math.floor(random() * 400),
      });
      colleagues.push(new PersonaClient(t.app, HEADERS.chrome, at('203.0.113.10'), account.token));
    }
    const popular = [...(await listPage(colleagues[0]!, 1)), ...(await listPage(colleagues[0]!, 2))];
    // Everyone's morning: a listing, 3–10 threads (popular ones more often), sometimes a reply,
    // all within twenty minutes.
    type Step = { at: number; who: number; action: 'list' | 'read' | 'write'; thread?: string };
    const steps: Step[] = [];
    for (let who = 0; who < 300; who++) {
      let when = random() * 10 * 60_000;
      steps.push({ at: when, who, action: 'list' });
      const reads = 3 + Math.floor(random() * 8);
      for (let r = 0; r < reads; r++) {
        when += humanPause(random, 40_000) / 4;
        const thread = popular[Math.floor(popular.length * random() ** 2)]!;
        steps.push({ at: when, who, action: 'read', thread });
        if (random() < 0.05) steps.push({ at: when + 30_000, who, action: 'write', thread });
      }
    }
    steps.sort((a, b) => a.at - b.at);
    const start = t.services.clock.now().getTime();
    for (const step of steps) {
      t.services.clock.set(start + step.at);
      const client = colleagues[step.who]!;
      if (step.action === 'list') await client.request('GET', '/v1/threads?page=1');
      else if (step.action === 'read') await client.read(step.thread!);
      else await client.request('POST', `/v1/threads/${step.thread}/posts`, {});
    }
    expect(steps.length).toBeGreaterThan(2000);
    for (const client of colleagues) expectUntouched(client);
    await expectNoBotEvents(t);
  });
});
