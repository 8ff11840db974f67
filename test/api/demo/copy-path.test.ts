// The generator's COPY path (deps.databaseUrl on a real PostgreSQL: link worker, one transaction,
// indexes and keys made after the load) against its weekly unnest path: the same rows, the same
// catalogue afterwards, nothing left behind by a failure. Needs TEST_DATABASE_URL.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, demoSpan, generateDemoData } from '../../../api/demo/generate.ts';
import { liveAuthorTags, openAuthorBox } from '../../../api/forum/author-links.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { openReporterBox } from '../../../api/salaries/reporter-links.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

const END = new Date('2026-03-02T10:00:00Z');
const SPAN = demoSpan(END);
const ENV = { MIN_EMPLOYER_CROWD: '15' };
const POSTS = 1500;
const SALARIES = 400;

/** Every index and constraint of the public schema, as the catalogue spells them. */
async function catalogue(services: TestServices): Promise<string[]> {
  const { rows } = await services.db.query<{ line: string }>(
    `SELECT tablename || ': ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL
     SELECT conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

const DETERMINISTIC = [
  'SELECT id, slug, name FROM companies ORDER BY id',
  'SELECT id, email_hash IS NOT NULL AS hashed, member_kind, company_id, created_on FROM accounts ORDER BY id',
  'SELECT id, company_id, title, created_at, last_post_at, post_count FROM threads ORDER BY id',
  'SELECT id, thread_id, position, body, alias, created_at, author_day, author_tag FROM posts ORDER BY id',
  'SELECT thread_id, tag, words FROM thread_aliases ORDER BY thread_id, words',
  `SELECT id, reporter_tag, submitted_year, submitted_on, company_id, job_family, level, city,
          years_experience, base, bonus, equity, currency, year FROM salaries ORDER BY id`,
];

describe.skipIf(!process.env.TEST_DATABASE_URL)('generateDemoData, COPY path', () => {
  let weekly: TestServices;
  let copied: TestServices;
  let copiedKeys: KeyStore;
  let summary: DemoSummary;
  let before: string[];
  const dir = mkdtempSync(join(tmpdir(), 'wc-demo-copy-'));

  beforeAll(async () => {
    weekly = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    copied = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    // One key store for both, so tags and alias words can be compared.
    copyFileSync(weekly.keys.path, join(dir, 'keychains.json'));
    copiedKeys = KeyStore.open(dir, chainSpecs(copied.config), copied.clock);
    before = await catalogue(copied);
    const deps = (s: TestServices, keys: KeyStore, databaseUrl?: string) => ({
      db: s.db,
      keys,
      clock: s.clock,
      config: s.config,
      secrets: s.secrets,
      databaseUrl,
    });
    const options = { posts: POSTS, salaries: SALARIES, seed: 'copy-path' };
    await generateDemoData(deps(weekly, weekly.keys), options);
    summary = await generateDemoData(deps(copied, copiedKeys, copied.db.url), options);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([weekly?.close(), copied?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the COPY writer, with the indexes and keys it deferred', async () => {
    expect(summary).toMatchObject({ writer: 'copy', posts: POSTS, salaries: SALARIES });
    // At least the posts' primary key, its (thread, position) key and its key to threads.
    expect(summary.deferred).toBeGreaterThanOrEqual(3);
    expect(copied.clock.now().getTime()).toBe(END.getTime());
  });

  it('writes the same rows as the weekly unnest path', async () => {
    for (const sql of DETERMINISTIC) {
      const rows = (await weekly.db.query(sql)).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect((await copied.db.query(sql)).rows).toEqual(rows);
    }
  });

  it('leaves every index and constraint as the migrations made them', async () => {
    expect(await catalogue(copied)).toEqual(before);
    expect(before.some((line) => line.includes('posts_pkey'))).toBe(true);
  });

  it('links as the API would: boxes open to the account, /me/posts tags find the posts', async () => {
    const { rows: posts } = await copied.db.query<{
      id: string;
      author_day: Date;
      author_box: Buffer;
      author_tag: Buffer;
    }>(
      `SELECT id, author_day, author_box, author_tag FROM posts
        WHERE created_at > $1 ORDER BY created_at DESC LIMIT 40`,
      [new Date(END.getTime() - 20 * 86_400_000)],
    );
    expect(posts.length).toBeGreaterThan(10);
    const { rows: accounts } = await copied.db.query<{ id: string }>('SELECT id FROM accounts');
    const known = new Set(accounts.map((a) => a.id));
    for (const post of posts) {
      const author = openAuthorBox(copiedKeys, post.id, post.author_day, post.author_box);
      expect(author !== null && known.has(author)).toBe(true);
      expect(liveAuthorTags(copiedKeys, author!).some((tag) => tag.equals(post.author_tag))).toBe(true);
    }
    const { rows: reports } = await copied.db.query<{
      id: string;
      submitted_year: number;
      reporter_box: Buffer;
    }>('SELECT id, submitted_year, reporter_box FROM salaries WHERE submitted_year = 2026 LIMIT 20');
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports)
      expect(
        known.has(openReporterBox(copiedKeys, report.submitted_year, report.id, report.reporter_box)!),
      ).toBe(true);
  });

  it('rolls everything back when the load fails half-way, indexes and keys included', async () => {
    const failing = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    try {
      const empty = await catalogue(failing);
      const run = generateDemoData(
        {
          db: failing.db,
          keys: failing.keys,
          clock: failing.clock,
          config: failing.config,
          secrets: failing.secrets,
          databaseUrl: failing.db.url,
        },
        {
          posts: POSTS,
          salaries: SALARIES,
          seed: 'copy-fails',
          onProgress: ({ phase, done }) => {
            if (phase === 'writing' && done > POSTS / 2) throw new Error('stopped half-way');
          },
        },
      );
      await expect(run).rejects.toThrow('stopped half-way');
      const { rows } = await failing.db.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM threads) + (SELECT count(*) FROM accounts) AS n',
      );
      expect(rows[0]!.n).toBe(0);
      expect(await catalogue(failing)).toEqual(empty);
      expect(failing.clock.now().getTime()).toBe(END.getTime());
    } finally {
      await failing.close();
    }
  }, 120_000);

  it('refuses a databaseUrl that names another database, before writing anything', async () => {
    const other = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    try {
      await expect(
        generateDemoData(
          {
            db: other.db,
            keys: other.keys,
            clock: other.clock,
            config: other.config,
            secrets: other.secrets,
            databaseUrl: copied.db.url,
          },
          { posts: 100, salaries: 10, seed: 'elsewhere' },
        ),
      ).rejects.toThrow(/another database/);
      const { rows } = await copied.db.query<{ n: number }>('SELECT count(*) AS n FROM posts');
      expect(rows[0]!.n).toBe(POSTS);
      const { rows: mine } = await other.db.query<{ n: number }>('SELECT count(*) AS n FROM companies');
      expect(mine[0]!.n).toBe(0);
    } finally {
      await other.close();
    }
  }, 120_000);
});
