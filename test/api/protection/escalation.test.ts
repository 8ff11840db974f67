// What keeps a persistent scraper stopped (tuned with test/adversarial/): a block is remembered,
// challenges that are never answered add up, later pages of a thread count as breadth, and new
// cheap accounts get a smaller daily read quota. Each over HTTP with the full stack enforcing.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountTagOf } from '../../../api/protection/client-identity.ts';
import type { Policy } from '../../../api/protection/policy.ts';
import { solveChallenge } from '../../../api/protection/solve-challenge.ts';
import {
  at,
  createAccount,
  createThreads,
  HEADERS,
  PersonaClient,
  type TestAccount,
} from '../../support/personas.ts';
import { openProtectedApp, type ProtectedApp } from './protected-app.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const MINUTE = 60_000;
const sha256 = (input: string) => createHash('sha256').update(input).digest();

describe('escalation against persistent scrapers', () => {
  let t: ProtectedApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function open(edit: (p: Policy) => void) {
    t = await openProtectedApp({ canaries: false, policy: edit });
    const threads = await createThreads(t.services.db, t.services.clock, 20);
    const account = await createAccount(t.services.db, t.services.clock, { ageDays: 300 });
    const client = new PersonaClient(t.app, HEADERS.chrome, at('192.0.2.120'), account.token);
    return { app: t, threads, account, client };
  }

  async function reasonsOf(app: ProtectedApp, account: TestAccount): Promise<string[]> {
    await app.app.protection.flushEvents();
    const { rows } = await app.services.db.query<{ reason: string }>(
      'SELECT DISTINCT unnest(reasons) AS reason FROM bot_events WHERE account_tag = $1 ORDER BY 1',
      [accountTagOf(app.services.keys, app.services.clock.now(), account.id)],
    );
    return rows.map((row) => row.reason);
  }

  it('remembers a block: after the window that caused it has passed, the account is still blocked', async () => {
    const { app, threads, account, client } = await open((p) => {
      p.behaviour.breadth.recentSteps = [{ atLeast: 3, weight: 80 }];
    });
    const hours = app.app.protection.policy.behaviour.blockMemory!.hours;
    for (const id of threads.slice(0, 2)) expect((await client.read(id)).statusCode).toBe(200);
    expect((await client.read(threads[2]!)).json().error.code).toBe('BLOCKED');
    app.services.clock.advance(11 * MINUTE); // breadth-recent has cooled down
    expect((await client.read(threads[0]!)).json().error.code).toBe('BLOCKED');
    expect(await reasonsOf(app, account)).toContain('recently-blocked');
    app.services.clock.advance(hours * 60 * MINUTE); // every try renewed the memory; none since
    expect((await client.read(threads[0]!)).statusCode).toBe(200);
  });

  it('without blockMemory the same account reads again once the window has cooled down', async () => {
    const { app, threads, client } = await open((p) => {
      p.behaviour.breadth.recentSteps = [{ atLeast: 3, weight: 80 }];
      delete p.behaviour.blockMemory;
    });
    for (const id of threads.slice(0, 3)) await client.read(id);
    expect(client.tally.blocked).toBe(1);
    app.services.clock.advance(11 * MINUTE);
    expect((await client.read(threads[0]!)).statusCode).toBe(200);
  });

  it('challenges never answered add up; a client that answers them is not held back', async () => {
    const { app, threads, account, client } = await open((p) => {
      p.behaviour.breadth.recentSteps = [{ atLeast: 2, weight: 50 }];
    });
    const [step] = app.app.protection.policy.behaviour.unansweredChallenges!.steps;
    const solver = new PersonaClient(
      app.app,
      HEADERS.firefox,
      at('192.0.2.121'),
      (await createAccount(app.services.db, app.services.clock, { ageDays: 300 })).token,
    );
    for (let round = 0; round < step!.atLeast; round++) {
      app.services.clock.advance(11 * MINUTE);
      for (const who of [client, solver]) {
        expect((await who.read(threads[0]!)).statusCode).toBe(200);
        const challenged = await who.read(threads[1 + round]!);
        expect(challenged.json().error.code).toBe('CHALLENGE_REQUIRED');
        if (who === solver) {
          const solution = await solveChallenge(challenged.json().error.challenge, { sha256 });
          const pass = await who.request('POST', '/v1/challenge', {
            token: solution.token,
            nonce: solution.nonce,
          });
          expect(pass.statusCode).toBe(200);
        }
      }
    }
    app.services.clock.advance(11 * MINUTE);
    expect((await client.read(threads[0]!)).json().error.code).toBe('CHALLENGE_REQUIRED');
    expect((await solver.read(threads[0]!)).statusCode).toBe(200);
    expect(await reasonsOf(app, account)).toContain('unanswered-challenges');
  });

  it('counts each later page of a thread as breadth, and re-reading one page as nothing new', async () => {
    const { app, threads, account, client } = await open((p) => {
      p.behaviour.breadth.recentSteps = [{ atLeast: 3, weight: 30 }];
    });
    for (let i = 0; i < 3; i++) {
      app.services.clock.advance(20_000);
      await client.read(threads[0]!);
    }
    expect(await reasonsOf(app, account)).toEqual([]);
    for (const cursor of ['c2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'c3-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']) {
      app.services.clock.advance(20_000);
      await client.request('GET', `/v1/threads/${threads[0]}?cursor=${cursor}`);
    }
    expect(await reasonsOf(app, account)).toEqual(['breadth-recent']);
  });

  it('gives a new cheap account a smaller daily read quota than an established one', async () => {
    const { app, threads } = await open((p) => {
      p.readQuota = { perAccountPerDay: 50, perCheapAccountPerDay: 3 };
    });
    const fresh = await createAccount(app.services.db, app.services.clock, {
      memberKind: 'member',
      ageDays: 1,
    });
    const employee = await createAccount(app.services.db, app.services.clock, { ageDays: 1 });
    const newcomer = new PersonaClient(app.app, HEADERS.firefox, at('192.0.2.122'), fresh.token);
    const colleague = new PersonaClient(app.app, HEADERS.firefox, at('192.0.2.123'), employee.token);
    for (let i = 0; i < 4; i++) {
      app.services.clock.advance(30_000);
      await newcomer.read(threads[0]!);
      await colleague.read(threads[0]!);
    }
    expect(newcomer.tally.threadsRead).toBe(3);
    expect(colleague.tally.threadsRead).toBe(4);
    const refused = await newcomer.read(threads[0]!);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('READ_QUOTA_EXHAUSTED');
    expect(refused.json().error.message).toMatch(/New accounts without a verified employer/);
  });
});
