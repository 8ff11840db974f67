// `etl --rebuild` and key death (P5 "a closed period's rows are final"): a rebuild re-derives the
// cells it honestly can to the very same rows, and neither loses nor re-derives a cell whose key
// has died or whose posts' author links have.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetExpired } from '../../../api/forgetting.ts';
import { writeState } from '../../../analytics/warehouse.ts';
import { type EtlFixture, factFingerprint, openEtlFixture } from '../support/fixture.ts';
import { seedWorld, type World } from '../support/seed.ts';

const allRows = (f: EtlFixture) =>
  Promise.all([
    f.rows(
      'SELECT * EXCLUDE (contributor, sentiment_sum), CAST(sentiment_sum AS VARCHAR) AS s, hex(contributor) AS c FROM fact_sentiment_week ORDER BY ALL',
    ),
    f.rows('SELECT * EXCLUDE (contributor), hex(contributor) AS c FROM fact_topics_month ORDER BY ALL'),
    f.rows('SELECT * EXCLUDE (contributor), hex(contributor) AS c FROM fact_salary_company ORDER BY ALL'),
    f.rows('SELECT * EXCLUDE (contributor), hex(contributor) AS c FROM fact_salary_city ORDER BY ALL'),
  ]);

describe('rebuild and closed cells', { timeout: 180_000 }, () => {
  let f: EtlFixture;
  let january: World;
  let february: World;
  beforeEach(async () => {
    // January's posts are loaded on 3 February; February's on 2 March.
    f = await openEtlFixture({}, '2026-02-03T10:00:00Z');
    january = await seedWorld(f.services.db, f.services.keys, {
      companies: ['acme'],
      people: 5,
      from: new Date('2026-01-19T08:00:00Z'),
    });
    await f.etl();
    f.services.clock.set('2026-03-02T10:00:00Z');
    february = await seedWorld(f.services.db, f.services.keys, {
      companies: ['globex', 'initech'],
      people: 5,
    });
    await f.etl();
  }, 180_000);
  afterEach(() => f.close());

  it('re-derives the open cells to identical rows and leaves closed ones alone', async () => {
    const before = await allRows(f);
    const summary = await f.etl({ rebuild: true });
    expect(summary.rebuild).toMatchObject({
      postCellsFrom: '2026-02-01',
      postsRederived: february.posts.length,
    });
    expect(summary.rebuild!.rowsDeleted).toBeGreaterThan(0);
    expect(summary.rebuild!.salaryKeyYears).toEqual([2026]);
    expect(await allRows(f)).toEqual(before);
    // January's cells (closed on 8 February) are still all there.
    expect(
      await f.rows("SELECT sum(posts) AS n FROM fact_topics_month WHERE month = DATE '2026-01-01'"),
    ).toEqual([{ n: String(january.posts.length) }]);
  });

  it('after the key dies, keeps the rows exactly: a rebuild neither loses nor re-derives them', async () => {
    const before = await factFingerprint(f.warehouse.connection);
    const exact = await allRows(f);
    // Past February's key (8 March) and its author links; the forgetting job clears the boxes.
    f.services.clock.set('2026-03-12T00:00:00Z');
    const forgotten = await forgetExpired(f.services);
    expect(forgotten.postLinksCleared).toBeGreaterThan(0);
    await f.services.db.query("UPDATE posts SET body = '', deleted = true WHERE id = $1", [
      february.posts[0]!.id,
    ]);
    const summary = await f.etl({ rebuild: true });
    expect(summary.posts.unremovable).toBe(1);
    // No post cell can be re-derived any more; 2026's salary cells still can, to the same rows.
    expect(summary.rebuild).toMatchObject({ postsRederived: 0, salariesRederived: 15 });
    expect(await factFingerprint(f.warehouse.connection)).toEqual(before);
    expect(await allRows(f)).toEqual(exact);
  });

  it('re-runs the enrichment for open cells, and a later removal subtracts exactly what it added', async () => {
    const post = february.posts[0]!;
    // As if an older enricher had scored this post: the rebuild must replace it everywhere.
    await f.services.db.query('UPDATE etl_posts SET sentiment = 0.9, negative = true WHERE post_id = $1', [
      post.id,
    ]);
    const summary = await f.etl({ rebuild: true });
    expect(summary.rebuild!.enrichmentChanged).toBe(1);
    const { rows } = await f.services.db.query<{ sentiment: number }>(
      'SELECT sentiment FROM etl_posts WHERE post_id = $1',
      [post.id],
    );
    expect(rows[0]!.sentiment).not.toBe(0.9);
    const cell = "company_slug = 'globex' AND iso_week = '2026-W06'";
    const withPost = await f.rows(`SELECT sum(posts) AS p FROM fact_sentiment_week WHERE ${cell}`);
    await f.services.db.query("UPDATE posts SET body = '', deleted = true WHERE id = $1", [post.id]);
    await f.etl();
    const after = await f.rows(
      `SELECT sum(posts) AS p, CAST(sum(sentiment_sum) AS VARCHAR) AS s FROM fact_sentiment_week WHERE ${cell}`,
    );
    expect(Number(after[0]!.p)).toBe(Number(withPost[0]!.p) - 1);
    // The sum equals what the remaining posts' stored scores add up to: nothing left over.
    const remaining = await f.services.db.query<{ s: string }>(
      `SELECT coalesce(sum(round(e.sentiment::numeric, 4)), 0)::text AS s
       FROM posts p JOIN etl_posts e ON e.post_id = p.id JOIN threads t ON t.id = p.thread_id
       JOIN companies c ON c.id = t.company_id
       WHERE c.slug = 'globex' AND NOT p.deleted AND p.created_at >= '2026-02-02' AND p.created_at < '2026-02-09'`,
    );
    expect(Number(after[0]!.s)).toBeCloseTo(Number(remaining.rows[0]!.s), 4);
  });

  it('finishes a rebuild that was interrupted after writing enrichment back', async () => {
    await writeState(f.warehouse.connection, 'rebuild_pending', '1');
    const summary = await f.etl();
    expect(summary.rebuild?.postsRederived).toBe(february.posts.length);
    expect(await f.rows("SELECT value FROM warehouse_state WHERE name = 'rebuild_pending'")).toEqual([
      { value: '0' },
    ]);
  });
});
