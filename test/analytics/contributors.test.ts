// Contributor tags: one person, one cell, one tag, and none at all once the cell's key has died.
// Then the DESIGN adversary: past the window, holding the key store, the DuckDB file and the list
// of every account, it cannot recompute any tag of a closed cell.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forgetExpired } from '../../api/forgetting.ts';
import { keyedHash } from '../../api/keys/crypto.ts';
import { ContributorTags } from '../../analytics/contributors.ts';
import { monthLabel, monthOf, weekOf } from '../../analytics/cells.ts';
import { openEtlFixture } from './support/fixture.ts';
import { seedWorld } from './support/seed.ts';

describe('ContributorTags', { timeout: 120_000 }, () => {
  it('gives one tag per person and cell, different across cells, none after the key dies', async () => {
    const f = await openEtlFixture();
    try {
      const tags = new ContributorTags(f.services.keys);
      const feb = monthOf(Date.parse('2026-02-10T00:00:00Z')).month;
      const a = tags.tag('warehouseMonth', feb, 'topics-month', 'alice', 'acme', '2026-02');
      expect(a).toHaveLength(16);
      expect(tags.tag('warehouseMonth', feb, 'topics-month', 'alice', 'acme', '2026-02')).toEqual(a);
      expect(tags.tag('warehouseMonth', feb, 'topics-month', 'alice', 'globex', '2026-02')).not.toEqual(a);
      expect(tags.tag('warehouseMonth', feb, 'sentiment-week', 'alice', 'acme', '2026-02')).not.toEqual(a);
      expect(tags.tag('warehouseMonth', feb, 'topics-month', 'bob', 'acme', '2026-02')).not.toEqual(a);
      f.services.clock.set('2026-03-08T00:00:00Z');
      expect(
        new ContributorTags(f.services.keys).tag(
          'warehouseMonth',
          feb,
          'topics-month',
          'alice',
          'acme',
          '2026-02',
        ),
      ).toBeNull();
    } finally {
      await f.close();
    }
  });

  it('cannot be recomputed for a closed cell by anyone holding the key store afterwards', async () => {
    const f = await openEtlFixture();
    try {
      const world = await seedWorld(f.services.db, f.services.keys, { companies: ['acme'], people: 6 });
      await f.etl();
      const february = monthOf(Date.parse('2026-02-10T00:00:00Z')).month;
      const februaryKey = f.services.keys.keyForPeriod('warehouseMonth', february)!;
      f.services.clock.set('2026-03-12T00:00:00Z');
      await forgetExpired(f.services);
      const stored = new Set(
        (
          await f.rows(
            'SELECT hex(contributor) AS t FROM fact_sentiment_week UNION ALL SELECT hex(contributor) FROM fact_topics_month',
          )
        ).map((r) => String(r.t).toLowerCase()),
      );
      expect(stored.size).toBeGreaterThan(0);
      // Everything the store still holds: the oldest live key of each warehouse chain, stepped forward.
      const file = JSON.parse(readFileSync(f.services.keys.path, 'utf8')) as {
        chains: Record<string, { oldest: number; key: string }>;
      };
      const candidates: Buffer[] = [];
      for (const chain of ['warehouseMonth', 'warehouseYear', 'author']) {
        let key = Buffer.from(file.chains[chain]!.key, 'base64');
        for (let step = 0; step < 24; step++) {
          candidates.push(key);
          key = createHmac('sha256', key).update('next').digest();
        }
      }
      const week = weekOf(Date.parse('2026-02-02T08:00:00Z')).isoWeek;
      const matches = (keys: Buffer[]) => {
        let found = 0;
        for (const person of new Set(world.posts.map((p) => p.accountId)))
          for (const key of keys)
            for (const [kind, period] of [
              ['sentiment-week', week],
              ['topics-month', monthLabel(february)],
            ] as const)
              if (
                stored.has(
                  keyedHash(key, 'warehouse-contributor', kind, person, 'acme', period)
                    .subarray(0, 16)
                    .toString('hex'),
                )
              )
                found++;
        return found;
      };
      expect(matches(candidates)).toBe(0);
      // Control: the same search with February's key (which the store no longer holds) finds every row.
      expect(matches([februaryKey])).toBe(stored.size);
      expect(f.services.keys.keyForPeriod('warehouseMonth', february)).toBeNull();
    } finally {
      await f.close();
    }
  });
});
