// `npm start` (api/main.ts) SIGTERMed under a write load, as an orchestrator stops a container:
// it must stop taking requests, finish the ones in flight (their writes committed and answered),
// close the database and exit with code 0 within a bound. No acknowledged write may be missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditWrites, createSessions } from './support/accounts.ts';
import { type ApiServer, startApiServer } from './support/api-server.ts';
import {
  type PrivatePostgres,
  privatePostgresMissing,
  startPrivatePostgres,
} from './support/private-postgres.ts';
import { startWriteLoad } from './support/write-load.ts';

const missing = privatePostgresMissing();
const CLIENTS = 6;
/** main.ts gives in-flight work 15 s (close-with-grace); a clean stop takes far less. */
const EXIT_BOUND_MS = 20_000;

describe.skipIf(missing)(
  `npm start SIGTERMed under a write load${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let pg: PrivatePostgres;
    let server: ApiServer;

    beforeAll(async () => {
      pg = await startPrivatePostgres({ durable: false });
      server = await startApiServer({ DATABASE_URL: pg.url(), PROTECTION_MODE: 'monitor' });
    }, 120_000);

    afterAll(async () => {
      await server?.destroy();
      await pg?.destroy();
    });

    it('finishes the requests in flight, exits 0 and loses no acknowledged write', async () => {
      const tokens = await createSessions(pg.url(), server.dataDir, CLIENTS);
      const load = startWriteLoad({ base: server.base, tokens, pauseMs: 5 });
      await load.acknowledgedMore(5 * CLIENTS);
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      const exit = await Promise.race([
        server.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), EXIT_BOUND_MS)),
      ]);
      const report = await load.stop();
      const audit = await auditWrites(pg.url(), report);
      const afterSignal = report.outcomes.filter((o) => o.sentAt >= signalled);
      const answeredAfterSignal: Record<string, number> = {};
      for (const o of afterSignal) {
        const key = `${o.kind} ${o.status ?? ''}`.trim();
        answeredAfterSignal[key] = (answeredAfterSignal[key] ?? 0) + 1;
      }
      console.info(
        'SIGTERM figures',
        JSON.stringify({
          acknowledged: report.count('acknowledged'),
          acknowledgedAfterSignal: report.count('acknowledged', signalled),
          answeredAfterSignal,
          exitMs: exit ? exit.at - signalled : null,
          lost: audit.missingThreads.length + audit.missingPosts.length,
        }),
      );

      expect(exit, `no exit within ${EXIT_BOUND_MS} ms:\n${server.output().slice(-3000)}`).not.toBeNull();
      expect(exit!.code, server.output().slice(-3000)).toBe(0);
      expect(audit.missingThreads).toEqual([]);
      expect(audit.missingPosts).toEqual([]);
      expect(audit.torn).toBe(0);
      // Before the signal every answer was an acknowledgement; after it, a write is either answered
      // (acknowledged or refused with a JSON 503) or its connection is refused: never a 500 or a hang.
      expect(report.outcomes.filter((o) => o.sentAt < signalled && o.kind !== 'acknowledged')).toEqual([]);
      expect(afterSignal.filter((o) => !['acknowledged', 'unavailable', 'refused'].includes(o.kind))).toEqual(
        [],
      );
    }, 90_000);
  },
);
