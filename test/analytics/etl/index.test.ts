// runEtl (A1): incremental, exactly-once loading; one row per contributor and cell; skipped rows
// reported; deletions reaching the warehouse at the next run; closed cells final.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../api/ids.ts';
import { openWarehouse } from '../../../analytics/warehouse.ts';
import { runEtl } from '../../../analytics/etl/index.ts';
import { type EtlFixture, openEtlFixture } from '../support/fixture.ts';
import {
  addBotEvent,
  addCompany,
  addPost,
  addSalary,
  addThread,
  deleteAccountForWarehouse,
  seedWorld,
  type World,
} from '../support/seed.ts';

const sum = async (f: EtlFixture, sql: string) => Number((await f.rows(sql))[0]?.n ?? 0);
const postsInWeeks = (f: EtlFixture) =>
  sum(f, 'SELECT coalesce(sum(posts), 0) AS n FROM fact_sentiment_week');
const postsInMonths = (f: EtlFixture) => sum(f, 'SELECT coalesce(sum(posts), 0) AS n FROM fact_topics_month');

describe('runEtl', { timeout: 180_000 }, () => {
  let f: EtlFixture;
  let world: World;
  beforeEach(async () => {
    f = await openEtlFixture();
    world = await seedWorld(f.services.db, f.services.keys);
  }, 180_000);
  afterEach(() => f.close());

  it('loads every post and salary report once, and a re-run loads nothing', async () => {
    await addBotEvent(f.services.db, {
      at: new Date('2026-02-20T10:11:00Z'),
      reasons: ['ua:HeadlessChrome/120', 'trap'],
    });
    const first = await f.etl({ batchSize: 10 });
    expect(first.posts.loaded).toBe(world.posts.length);
    expect(first.salaries.loaded).toBe(world.salaryIds.length);
    expect(first.botEvents.loaded).toBe(1);
    expect(first.batches).toBeGreaterThan(world.posts.length / 10);
    expect(await postsInWeeks(f)).toBe(world.posts.length);
    expect(await postsInMonths(f)).toBe(world.posts.length);
    expect(await sum(f, 'SELECT sum(reports) AS n FROM fact_salary_company')).toBe(world.salaryIds.length);
    expect(await sum(f, 'SELECT sum(reports) AS n FROM fact_salary_city')).toBe(world.salaryIds.length);
    expect(await f.rows('SELECT reason, events FROM fact_bot_hour ORDER BY reason')).toEqual([
      { reason: 'trap', events: '1' },
      { reason: 'ua', events: '1' },
    ]);

    const second = await f.etl();
    expect(second.batches).toBe(0);
    expect(second.posts.loaded).toBe(0);
    expect(await postsInWeeks(f)).toBe(world.posts.length);
    const { rows } = await f.services.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM posts p WHERE NOT EXISTS (SELECT 1 FROM etl_posts e WHERE e.post_id = p.id)',
    );
    expect(rows[0]!.n).toBe(0);
    expect((await f.services.db.query('SELECT * FROM etl_claims')).rowCount).toBe(0);
  });

  it('keeps one row per contributor and cell: a later post by the same person updates that row', async () => {
    await f.etl();
    const person = world.posts[0]!;
    const before = await f.rows('SELECT count(*) AS n FROM fact_sentiment_week');
    const thread = await addThread(
      f.services.db,
      world.companies[person.companySlug]!,
      new Date('2026-02-02T09:00:00Z'),
    );
    await addPost(f.services.db, f.services.keys, {
      threadId: thread,
      accountId: person.accountId,
      at: new Date('2026-02-02T09:30:00Z'),
    });
    const summary = await f.etl();
    expect(summary.posts.loaded).toBe(1);
    expect(await f.rows('SELECT count(*) AS n FROM fact_sentiment_week')).toEqual(before);
    const perCell = await f.rows(
      `SELECT company_slug, iso_week, contributor, count(*) AS n FROM fact_sentiment_week GROUP BY ALL HAVING count(*) > 1`,
    );
    expect(perCell).toEqual([]);
    expect(await postsInWeeks(f)).toBe(world.posts.length + 1);
  });

  it('skips and reports the general board, canary threads and posts whose author link is dead', async () => {
    const general = await addThread(f.services.db, null, new Date('2026-02-20T10:00:00Z'));
    const canary = await addThread(f.services.db, world.companies.acme!, new Date('2026-02-20T10:00:00Z'), {
      canary: true,
    });
    await addPost(f.services.db, f.services.keys, {
      threadId: general,
      accountId: 'a',
      at: new Date('2026-02-20T10:00:00Z'),
    });
    await addPost(f.services.db, f.services.keys, {
      threadId: canary,
      accountId: 'b',
      at: new Date('2026-02-20T10:00:00Z'),
    });
    // Before the key chains began: born without an author link.
    const old = await addThread(f.services.db, world.companies.acme!, new Date('2025-12-30T10:00:00Z'));
    await addPost(f.services.db, f.services.keys, {
      threadId: old,
      accountId: 'c',
      at: new Date('2025-12-30T10:00:00Z'),
    });
    const summary = await f.etl();
    expect(summary.posts).toMatchObject({ loaded: world.posts.length, noCompany: 2, unattributable: 1 });
    expect(await postsInWeeks(f)).toBe(world.posts.length);
  });

  it('removes a deleted post, a deleted account and a replaced salary report at the next run', async () => {
    await f.etl();
    const { db, keys } = f.services;
    const victim = world.posts[0]!;
    // Post deletion as api/forum/post-deletion.ts does it: body and alias gone, author box kept.
    await db.query(
      "UPDATE posts SET body = '', alias = '', author_tag = NULL, deleted = true WHERE id = $1",
      [victim.id],
    );
    // An account leaving: its posts and reports.
    const leaver = world.people[7]!;
    const leaverPosts = world.posts.filter((p) => p.accountId === leaver).length;
    await deleteAccountForWarehouse(db, keys, leaver);
    // A report replaced by its reporter.
    const replacer = world.people[1]!;
    await addSalary(db, keys, {
      accountId: replacer,
      companyId: world.companies.acme!,
      level: 'L5',
      base: 250_000,
      at: new Date('2026-02-25T00:00:00Z'),
    });
    const summary = await f.etl();
    expect(summary.posts.removed).toBe(1 + leaverPosts);
    expect(summary.salaries).toMatchObject({ removed: 2, loaded: 1 });
    expect(summary.tombstonesDeleted).toBe(2);
    expect(await postsInWeeks(f)).toBe(world.posts.length - 1 - leaverPosts);
    expect(await postsInMonths(f)).toBe(world.posts.length - 1 - leaverPosts);
    expect(await sum(f, 'SELECT sum(reports) AS n FROM fact_salary_company')).toBe(
      world.salaryIds.length - 1,
    );
    expect(
      await sum(
        f,
        "SELECT sum(base_usd) AS n FROM fact_salary_company WHERE company_slug = 'acme' AND level = 'L5'",
      ),
    ).toBe(250_000 + 121_000 + 135_000);
    // Nothing needs those author boxes any more.
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM posts WHERE (deleted OR author_gone) AND author_box IS NOT NULL',
    );
    expect(rows[0]!.n).toBe(0);
    expect((await f.etl()).posts.removed).toBe(0);
  });

  it('treats a closed cell as final: after its key dies a deletion can no longer remove the post', async () => {
    await f.etl();
    const before = await postsInWeeks(f);
    // February's warehouse key dies on 8 March (month end + ETL_GRACE_DAYS).
    f.services.clock.set('2026-03-09T00:00:00Z');
    await f.services.db.query("UPDATE posts SET body = '', deleted = true WHERE id = $1", [
      world.posts[0]!.id,
    ]);
    const summary = await f.etl();
    expect(summary.posts).toMatchObject({ removed: 0, unremovable: 1 });
    expect(await postsInWeeks(f)).toBe(before);
  });

  it('counts a post whose cells closed before it was loaded as closed, not as loaded', async () => {
    f.services.clock.set('2026-03-09T00:00:00Z');
    const summary = await f.etl();
    // Author links (30 days) outlive nothing here: posts from 2 Feb lost their link on 4 March.
    expect(summary.posts.loaded).toBe(0);
    expect(summary.posts.closed + summary.posts.unattributable).toBe(world.posts.length);
    expect(await postsInWeeks(f)).toBe(0);
  });

  it('refuses a warehouse file that does not own the bookkeeping, until a rebuild adopts it', async () => {
    await f.etl();
    const other = await openWarehouse(`${f.services.dataDir}/other.duckdb`);
    try {
      const deps = {
        db: f.services.db,
        keys: f.services.keys,
        clock: f.services.clock,
        config: f.services.config,
      };
      await expect(runEtl({ ...deps, warehouse: other })).rejects.toMatchObject({
        code: 'WAREHOUSE_NOT_OWNER',
      });
      const adopted = await runEtl({ ...deps, warehouse: other, rebuild: true });
      expect(adopted.rebuild?.postsRederived).toBe(world.posts.length);
      const n = (
        await other.connection.runAndReadAll('SELECT sum(posts) AS n FROM fact_sentiment_week')
      ).getRowsJS();
      expect(Number(n[0]![0])).toBe(world.posts.length);
      await expect(f.etl()).rejects.toMatchObject({ code: 'WAREHOUSE_NOT_OWNER' });
    } finally {
      other.close();
    }
  });

  it('loads posts of a company created after the previous run', async () => {
    await f.etl();
    const late = await addCompany(f.services.db, 'latecomer');
    const thread = await addThread(f.services.db, late, new Date('2026-02-26T10:00:00Z'));
    await addPost(f.services.db, f.services.keys, {
      threadId: thread,
      accountId: newId(),
      at: new Date('2026-02-26T10:00:00Z'),
    });
    const summary = await f.etl();
    expect(summary.posts.loaded).toBe(1);
    expect(await f.rows("SELECT company_name FROM dim_company WHERE company_slug = 'latecomer'")).toEqual([
      { company_name: 'LATECOMER' },
    ]);
  });
});
