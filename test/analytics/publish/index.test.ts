// publish() (P6, A3): no published cell below k, suppressed cells as rows without statistics,
// bounded contributions, only ended periods, releases with their noise budget, and a newcomer to a
// small company who cannot be read off the difference between two releases.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../api/ids.ts';
import { type EtlFixture, openEtlFixture } from '../support/fixture.ts';
import { addCompany, addPost, addSalary, addThread, seedWorld } from '../support/seed.ts';

const PUBLISHED = [
  'pub_salary_by_company',
  'pub_salary_by_city',
  'pub_salary_split',
  'pub_sentiment_weekly',
  'pub_topics_monthly',
];

describe('publish', { timeout: 180_000 }, () => {
  let f: EtlFixture;
  afterEach(() => f.close());

  it('publishes no cell with fewer than k contributors and keeps suppressed cells as empty rows', async () => {
    f = await openEtlFixture();
    await seedWorld(f.services.db, f.services.keys, { companies: ['acme', 'globex'], people: 10 });
    await seedWorld(f.services.db, f.services.keys, { companies: ['tiny'], people: 2, postsEach: 4 });
    await f.etl();
    const release = await f.publish();
    expect(release.primarySuppressed).toBeGreaterThan(0);
    for (const table of PUBLISHED) {
      const open = await f.rows(
        `SELECT min(contributors) AS m, count(*) AS n FROM ${table} WHERE NOT suppressed`,
      );
      expect(Number(open[0]!.n), table).toBeGreaterThan(0);
      expect(Number(open[0]!.m), table).toBeGreaterThanOrEqual(f.services.config.kAnon);
      const statistics = (
        await f.rows(`SELECT * EXCLUDE (suppressed, release_id) FROM ${table} WHERE suppressed`)
      ).map((row) =>
        Object.entries(row).filter(
          ([, v]) =>
            typeof v === 'number' || (typeof v === 'string' && /^-?\d/.test(v) && !/^\d{4}-/.test(v)),
        ),
      );
      for (const numbers of statistics)
        expect(
          numbers.filter(([k]) => k !== 'year'),
          table,
        ).toEqual([]);
    }
    // The true counts behind every published sentiment cell, straight from the facts.
    const thin = await f.rows(
      `SELECT p.company_slug, p.iso_week FROM pub_sentiment_weekly p
       JOIN (SELECT company_slug, iso_week, count(*) AS n FROM fact_sentiment_week GROUP BY ALL) t USING (company_slug, iso_week)
       WHERE NOT p.suppressed AND t.n < 5`,
    );
    expect(thin).toEqual([]);
    expect(
      await f.rows(
        "SELECT count(*) AS n FROM pub_sentiment_weekly WHERE company_slug = 'tiny' AND NOT suppressed",
      ),
    ).toEqual([{ n: '0' }]);
    // No min or max anywhere.
    const names = await f.rows(
      "SELECT column_name FROM information_schema.columns WHERE table_name LIKE 'pub_%' AND (column_name LIKE '%min%' OR column_name LIKE '%max%')",
    );
    expect(names).toEqual([]);
  });

  it('caps each contributor at SENTIMENT_CAP posts per company and week', async () => {
    f = await openEtlFixture({ SENTIMENT_CAP: '3' });
    const { db, keys } = f.services;
    const company = await addCompany(db, 'acme');
    const monday = Date.parse('2026-02-09T08:00:00Z');
    for (let person = 0; person < 6; person++) {
      const accountId = newId();
      const posts = person === 0 ? 20 : 2;
      for (let i = 0; i < posts; i++) {
        const thread = await addThread(db, company, new Date(monday));
        await addPost(db, keys, {
          threadId: thread,
          accountId,
          at: new Date(monday + (person * 20 + i) * 600_000),
        });
      }
    }
    await f.etl();
    await f.publish();
    expect(
      await f.rows("SELECT posts, contributors FROM pub_sentiment_weekly WHERE iso_week = '2026-W07'"),
    ).toEqual([{ posts: 3 + 5 * 2, contributors: 6 }]);
    expect(await f.rows('SELECT sum(posts) AS n FROM fact_sentiment_week')).toEqual([{ n: '30' }]);
  });

  it('publishes only weeks and months that have ended', async () => {
    f = await openEtlFixture({}, '2026-02-25T10:00:00Z');
    await seedWorld(f.services.db, f.services.keys, {
      companies: ['acme'],
      people: 6,
      postsEach: 2,
      from: new Date('2026-02-21T08:00:00Z'),
    });
    await f.etl();
    await f.publish();
    // 16–22 Feb has ended on the 25th; the week of the 23rd and February itself have not.
    expect(await f.rows('SELECT DISTINCT iso_week FROM pub_sentiment_weekly ORDER BY 1')).toEqual([
      { iso_week: '2026-W08' },
    ]);
    expect(await f.rows('SELECT count(*) AS n FROM pub_topics_monthly')).toEqual([{ n: '0' }]);
    expect(
      Number(
        (await f.rows("SELECT count(*) AS n FROM fact_sentiment_week WHERE iso_week = '2026-W09'"))[0]!.n,
      ),
    ).toBeGreaterThan(0);
  });

  it('records each release with k and the noise budget, and draws the same noise for unchanged cells', async () => {
    f = await openEtlFixture({ DP_EPSILON: '1' });
    await seedWorld(f.services.db, f.services.keys, { companies: ['acme', 'globex'], people: 10 });
    await f.etl();
    const first = await f.publish();
    const snapshot = async () =>
      f.rows('SELECT * EXCLUDE (release_id) FROM pub_sentiment_weekly ORDER BY ALL');
    const before = await snapshot();
    const second = await f.publish();
    expect(second.releaseId).toBe(first.releaseId + 1);
    expect(await snapshot()).toEqual(before);
    expect(
      await f.rows('SELECT release_id, k_anon, epsilon, epsilon_spent FROM releases ORDER BY release_id'),
    ).toEqual([
      { release_id: 1, k_anon: 5, epsilon: 1, epsilon_spent: 1 },
      { release_id: 2, k_anon: 5, epsilon: 1, epsilon_spent: 1 },
    ]);
    // Noise is really there: some published count differs from the bounded true count.
    const exact = await f.rows(
      `SELECT count(*) AS n FROM pub_sentiment_weekly p JOIN (
         SELECT company_slug, iso_week, sum(least(posts, 5)) AS posts FROM fact_sentiment_week GROUP BY ALL) t
       USING (company_slug, iso_week) WHERE NOT p.suppressed AND p.posts <> t.posts`,
    );
    expect(Number(exact[0]!.n)).toBeGreaterThan(0);
  });

  it("does not reveal a newcomer's salary between two releases while their small cell stays suppressed", async () => {
    f = await openEtlFixture();
    const { db, keys } = f.services;
    let n = 0;
    const report = (companyId: string, level: string, base: number, bonus = 0, equity = 0) =>
      addSalary(db, keys, {
        accountId: `person-${n++}`,
        companyId,
        level,
        city: 'Springfield',
        base,
        bonus,
        equity,
        at: new Date('2026-02-10T00:00:00Z'),
      });
    for (const slug of ['globex', 'initech']) {
      const id = await addCompany(db, slug);
      for (let i = 0; i < 8; i++) await report(id, 'L4', 100_000 + i * 9_000, 10_000);
    }
    const tiny = await addCompany(db, 'tiny');
    for (let i = 0; i < 3; i++) await report(tiny, 'L7', 200_000 + i * 10_000, 20_000, 30_000);
    await f.etl();
    await f.publish();
    const release1 = await f.rows('SELECT * EXCLUDE (release_id) FROM pub_salary_by_company ORDER BY ALL');
    const all1 = await publishedNumbers(f);

    // The newcomer: 400 000 base + 50 000 bonus + 37 000 equity = 487 000 USD a year.
    await report(tiny, 'L7', 400_000, 50_000, 37_000);
    await f.etl();
    await f.publish();
    const tinyRows = await f.rows("SELECT * FROM pub_salary_by_company WHERE company_slug = 'tiny'");
    expect(tinyRows.map((r) => [r.suppressed, r.contributors, r.p50])).toEqual([[true, null, null]]);
    expect(
      await f.rows(
        "SELECT suppressed, contributors, base_share FROM pub_salary_split WHERE company_slug = 'tiny'",
      ),
    ).toEqual([{ suppressed: true, contributors: null, base_share: null }]);
    expect(await f.rows('SELECT * EXCLUDE (release_id) FROM pub_salary_by_company ORDER BY ALL')).toEqual(
      release1,
    );

    // The attacker differences every published number of the two releases, weighting by counts.
    const all2 = await publishedNumbers(f);
    const candidates = new Set<number>();
    for (const [key, after] of all2) {
      candidates.add(after.value);
      const before = all1.get(key);
      if (!before) continue;
      candidates.add(after.value - before.value);
      if (after.n !== null && before.n !== null)
        candidates.add(after.n * after.value - before.n * before.value);
    }
    const near = [...candidates].filter(
      (v) => Math.abs(v - 487_000) < 1_000 || Math.abs(v - 400_000) < 1_000,
    );
    expect(near).toEqual([]);
  });
});

/** Every number in the published salary tables, keyed by table, cell and column, with the cell's count. */
async function publishedNumbers(f: EtlFixture): Promise<Map<string, { value: number; n: number | null }>> {
  const numbers = new Map<string, { value: number; n: number | null }>();
  for (const table of ['pub_salary_by_company', 'pub_salary_by_city', 'pub_salary_split']) {
    for (const row of await f.rows(`SELECT * EXCLUDE (release_id) FROM ${table}`)) {
      const cell = [table, row.company_slug ?? row.city, row.job_family, row.level ?? '', row.year].join('/');
      const n = row.contributors === null ? null : Number(row.contributors);
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'number' && column !== 'year') numbers.set(`${cell}/${column}`, { value, n });
      }
    }
  }
  return numbers;
}
