// PostgreSQL stopped and restarted under a write load. The real `npm start` (api/main.ts) runs on a
// private PostgreSQL with fsync and synchronous commit on; six clients keep opening threads and
// replying while the server is stopped fast (sessions closed with 57P01), then immediately (a crash:
// recovery from the WAL), then by SIGKILL to the postmaster (as the OOM killer would). Every acknowledged write must be there afterwards, every request during
// the outage must get a 503 with Retry-After and a JSON error (never a 500, never a hang), and the
// same server process must take writes again on its own once PostgreSQL is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditWrites, createSessions } from './support/accounts.ts';
import { type ApiServer, startApiServer } from './support/api-server.ts';
import {
  type PrivatePostgres,
  privatePostgresMissing,
  startPrivatePostgres,
} from './support/private-postgres.ts';
import { startWriteLoad, type WriteLoad, type WriteLoadReport } from './support/write-load.ts';

const missing = privatePostgresMissing();
const CLIENTS = 6;
const OUTAGE_MS = 2_000;
/** A request that takes longer than this during an outage counts as a hang. */
const REQUEST_BOUND_MS = 10_000;
/** The server must take writes again within this long after PostgreSQL accepts connections. */
const RECOVERY_BOUND_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function wrongAnswers(report: WriteLoadReport) {
  return report.outcomes.filter((o) => o.kind !== 'acknowledged' && o.kind !== 'unavailable');
}

describe.skipIf(missing)(
  `PostgreSQL stopped and restarted under a write load${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let pg: PrivatePostgres;
    let server: ApiServer;
    let load: WriteLoad;
    let reader: string;
    const figures: Record<string, unknown> = {};

    beforeAll(async () => {
      pg = await startPrivatePostgres({ durable: true });
      server = await startApiServer({ DATABASE_URL: pg.url(), PROTECTION_MODE: 'monitor' });
      const tokens = await createSessions(pg.url(), server.dataDir, CLIENTS + 1);
      reader = tokens.pop()!;
      load = startWriteLoad({ base: server.base, tokens, timeoutMs: REQUEST_BOUND_MS });
    }, 120_000);

    afterAll(async () => {
      await load?.stop();
      if (server && server.child.exitCode !== null)
        console.info(`the server exited by itself:\n${server.output().slice(-5000)}`);
      await server?.destroy();
      await pg?.destroy();
      console.info('PostgreSQL outage figures', JSON.stringify(figures, null, 2));
    });

    it.each(['fast', 'immediate', 'kill'] as const)(
      'answers 503 with Retry-After while PostgreSQL is down (%s) and takes writes again on its own',
      async (mode) => {
        await load.acknowledgedMore(3 * CLIENTS);
        const pid = server.child.pid;
        await (mode === 'kill' ? pg.kill() : pg.stop(mode));
        const down = Date.now();
        await sleep(OUTAGE_MS);
        const health = await fetch(`${server.base}/health`);
        expect(health.status).toBe(503);
        expect(health.headers.get('retry-after')).toBe('5');
        // Reading (session lookup, protection, listing) is refused the same way.
        const listing = await fetch(`${server.base}/v1/threads`, {
          headers: { authorization: `Bearer ${reader}` },
        });
        expect(listing.status).toBe(503);
        expect(listing.headers.get('retry-after')).toBe('5');
        expect((await listing.json()).error.code).toBe('UNAVAILABLE');
        const restarting = Date.now();
        await pg.start();
        const up = Date.now();
        await load.acknowledgedMore(2 * CLIENTS, RECOVERY_BOUND_MS);

        const report = load.snapshot();
        const acknowledgedWhileDown = report.outcomes.filter(
          (o) => o.kind === 'acknowledged' && o.sentAt >= down && o.doneAt < restarting,
        );
        const refusedWhileDown = report.count('unavailable', down, up);
        const recoveredAfterMs = report.firstAcknowledgedAfter(up)! - up;
        figures[mode] = {
          acknowledgedSoFar: report.count('acknowledged'),
          unavailableWhileDown: refusedWhileDown,
          acknowledgedWhileDown: acknowledgedWhileDown.length,
          recoveredAfterMs,
          wrongSoFar: wrongAnswers(report).length,
        };
        expect(refusedWhileDown).toBeGreaterThan(0);
        expect(acknowledgedWhileDown).toEqual([]);
        expect(recoveredAfterMs).toBeLessThan(RECOVERY_BOUND_MS);
        expect(server.child.exitCode).toBeNull();
        expect(server.child.pid).toBe(pid);
        expect((await fetch(`${server.base}/health`)).status).toBe(200);
        expect(
          (await fetch(`${server.base}/v1/threads`, { headers: { authorization: `Bearer ${reader}` } }))
            .status,
        ).toBe(200);
      },
      90_000,
    );

    it('lost no acknowledged write and answered every request with a 2xx or a proper 503', async () => {
      const report = await load.stop();
      const audit = await auditWrites(pg.url(), report);
      figures.total = {
        requests: report.outcomes.length,
        acknowledgedThreads: report.threadIds.length,
        acknowledgedPosts: report.postIds.length,
        unavailable: report.count('unavailable'),
        slowestMs: Math.max(...report.outcomes.map((o) => o.doneAt - o.sentAt)),
        inDatabase: { threads: audit.threads, posts: audit.posts },
        lost: audit.missingThreads.length + audit.missingPosts.length,
      };
      expect(wrongAnswers(report)).toEqual([]);
      expect(audit.missingThreads).toEqual([]);
      expect(audit.missingPosts).toEqual([]);
      expect(audit.torn).toBe(0);
      // Writes answered with a 503 may or may not have committed; nothing else may appear.
      expect(audit.posts).toBeGreaterThanOrEqual(report.postIds.length);
      expect(audit.posts).toBeLessThanOrEqual(report.postIds.length + report.count('unavailable'));
    }, 60_000);
  },
);
