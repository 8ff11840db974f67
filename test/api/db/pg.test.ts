// openPgDb when the connection dies: a backend terminated inside a transaction (between statements,
// or in the middle of one) fails that transaction as "database down" — never an 'error' event nobody
// hears, which would crash the process — and the pool goes on with fresh connections.
// A server that is not there at all is "database down" too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseDown } from '../../../api/db/db.ts';
import { openPgDb } from '../../../api/db/pg.ts';
import { freePort } from '../../faults/support/free-port.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!process.env.TEST_DATABASE_URL)('openPgDb when PostgreSQL drops a connection', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  const terminate = (pid: number) => db.query('SELECT pg_terminate_backend($1)', [pid]);

  it('fails a transaction whose connection is cut between statements, and goes on', async () => {
    const cut = db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(rows[0]!.pid);
      await sleep(200); // the FATAL and the close arrive while no statement runs on this client
      return tx.query('SELECT 1');
    });
    const error = await cut.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseDown(error)).toBe(true);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await db.transaction(async (tx) => (await tx.query('SELECT 2 AS two')).rows)).toEqual([
      { two: 2 },
    ]);
  });

  it('fails a transaction whose statement is cut (57P01), and goes on', async () => {
    const pids: number[] = [];
    // The handler is attached at once: the victim's FATAL can arrive before terminate() returns,
    // and a rejection with no handler yet is an unhandled rejection.
    const cut = db
      .transaction(async (tx) => {
        pids.push((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
        return tx.query('SELECT pg_sleep(5)');
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    while (pids.length === 0) await sleep(10);
    await sleep(100);
    await terminate(pids[0]!);
    const error = await cut;
    expect((error as { code?: string }).code).toBe('57P01');
    expect(isDatabaseDown(error)).toBe(true);
    await sleep(100); // the "Connection terminated unexpectedly" that follows must not crash anything
    for (let i = 0; i < 12; i++) expect((await db.query('SELECT 1 AS one')).rowCount).toBe(1);
  });
});

describe('openPgDb with no server listening', () => {
  it('rejects queries and transactions as "database down"', async () => {
    const db = openPgDb(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, { max: 1 });
    try {
      const refused = (run: () => Promise<unknown>) =>
        run().then(
          () => null,
          (e: unknown) => e,
        );
      expect(isDatabaseDown(await refused(() => db.query('SELECT 1')))).toBe(true);
      expect(isDatabaseDown(await refused(() => db.transaction((tx) => tx.query('SELECT 1'))))).toBe(true);
    } finally {
      await db.close();
    }
  });
});
