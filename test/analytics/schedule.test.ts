// The ETL inside `npm start`: one run loads and publishes; overlapping calls share one run; a
// failure is logged, not thrown, and the next run picks up.
import { describe, expect, it } from 'vitest';
import { startEtlSchedule } from '../../analytics/schedule.ts';
import { openEtlFixture } from './support/fixture.ts';
import { seedWorld } from './support/seed.ts';

describe('startEtlSchedule', { timeout: 120_000 }, () => {
  it('runs the ETL and a release on demand, one at a time, and logs failures', async () => {
    const f = await openEtlFixture();
    const logged: string[] = [];
    const log = {
      info: (_: object, msg: string) => logged.push(msg),
      error: (_: object, msg: string) => logged.push(`ERROR ${msg}`),
    };
    const schedule = startEtlSchedule({
      services: f.services,
      warehouse: f.warehouse,
      log,
      intervalSeconds: 3600,
    });
    try {
      const world = await seedWorld(f.services.db, f.services.keys, { companies: ['acme'], people: 6 });
      const [a, b] = await Promise.all([schedule.runNow(), schedule.runNow()]);
      expect(a).toBe(b);
      expect(a?.etl.posts.loaded).toBe(world.posts.length);
      expect(a?.release.releaseId).toBe(1);
      await f.services.db.query('ALTER TABLE etl_claims RENAME TO etl_claims_away');
      expect(await schedule.runNow()).toBeNull();
      expect(logged.at(-1)).toMatch(/^ERROR warehouse ETL failed/);
      await f.services.db.query('ALTER TABLE etl_claims_away RENAME TO etl_claims');
      expect((await schedule.runNow())?.release.releaseId).toBe(2);
    } finally {
      await schedule.stop();
      await f.close();
    }
    expect(await schedule.runNow()).toBeNull();
  });
});
