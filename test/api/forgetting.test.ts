import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetExpired } from '../../api/forgetting.ts';
import { linkAuthor, openAuthorBox } from '../../api/forum/author-links.ts';
import { newId } from '../../api/ids.ts';
import { openReporterBox, reporterTag, sealReporter } from '../../api/salaries/reporter-links.ts';
import { openTestServices, type TestServices } from '../support/services.ts';

describe('forgetExpired', () => {
  let s: TestServices;
  const accountId = newId();
  const postId = newId();
  const salaryId = newId();

  beforeAll(async () => {
    s = await openTestServices({}, { start: '2026-03-02T10:00:00Z' });
    const now = s.clock.now();
    await s.db.query("INSERT INTO companies (id, slug, name, created_at) VALUES ('c1', 'acme', 'Acme', $1)", [
      now,
    ]);
    await s.db.query(
      "INSERT INTO threads (id, title, created_at, last_post_at, post_count) VALUES ('t1', 'Hello there', $1, $1, 1)",
      [now],
    );
    const link = linkAuthor(s.keys, postId, accountId, now)!;
    await s.db.query(
      `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, author_tag, author_box, receipt_hash)
       VALUES ($1, 't1', 1, 'text', 'Member · Teal Heron', $2, $3, $4, $5, $6)`,
      [postId, now, link.authorDay, link.authorTag, link.authorBox, Buffer.alloc(32)],
    );
    const report = { companyId: 'c1', jobFamily: 'engineering', year: 2025 };
    await s.db.query(
      `INSERT INTO salaries (id, reporter_tag, reporter_box, submitted_year, submitted_on, company_id, job_family, level, city,
                             years_experience, base, bonus, equity, currency, year)
       VALUES ($1, $2, $3, 2026, $4, 'c1', 'engineering', 'L3', 'Berlin', 4, 70000, 5000, 0, 'EUR', 2025)`,
      [
        salaryId,
        reporterTag(s.keys, 2026, accountId, report),
        sealReporter(s.keys, 2026, salaryId, accountId),
        now,
      ],
    );
    await s.db.query(
      `INSERT INTO bot_events (occurred_at, decision, enforced, score, reasons, route_class, network_key, fingerprint_id, account_tag)
       VALUES ($1, 'block', true, 90, ARRAY['trap'], 'read', 'nk', 'fp', 'at')`,
      [now],
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it('keeps live links', async () => {
    const report = await forgetExpired(s);
    expect(report.postLinksCleared).toBe(0);
    const { rows } = await s.db.query<{ author_day: Date; author_box: Buffer }>(
      'SELECT author_day, author_box FROM posts',
    );
    expect(openAuthorBox(s.keys, postId, rows[0]!.author_day, rows[0]!.author_box)).toBe(accountId);
  });

  it('clears network keys after 7 days', async () => {
    s.clock.set('2026-03-10T00:00:00Z');
    const report = await forgetExpired(s);
    expect(report.networkKeysCleared).toBe(1);
    expect(report.accountTagsCleared).toBe(0);
    expect(report.postLinksCleared).toBe(0);
  });

  it('clears post links once the day key dies (not a moment before), and account tags at the month end', async () => {
    s.clock.set('2026-03-31T23:59:00Z');
    expect((await forgetExpired(s)).postLinksCleared).toBe(0);
    s.clock.set('2026-04-01T00:00:00Z'); // 30 days after 2026-03-02 began; a new month
    const report = await forgetExpired(s);
    expect(report.postLinksCleared).toBe(1);
    expect(report.accountTagsCleared).toBe(1);
    expect(report.advanced.map((a) => a.chain)).toContain('author');
    const { rows } = await s.db.query('SELECT author_tag, author_box FROM posts');
    expect(rows[0]).toEqual({ author_tag: null, author_box: null });
    expect(s.keys.key('author', new Date('2026-03-02T10:00:00Z'))).toBeNull();
  });

  it('clears salary links 90 days after the submission year, not before', async () => {
    s.clock.set('2027-03-31T00:00:00Z');
    expect((await forgetExpired(s)).salaryLinksCleared).toBe(0);
    const live = await s.db.query<{ reporter_box: Buffer }>('SELECT reporter_box FROM salaries');
    expect(openReporterBox(s.keys, 2026, salaryId, live.rows[0]!.reporter_box)).toBe(accountId);
    s.clock.set('2027-04-01T00:00:00Z');
    expect((await forgetExpired(s)).salaryLinksCleared).toBe(1);
    expect(
      reporterTag(s.keys, 2026, accountId, { companyId: 'c1', jobFamily: 'engineering', year: 2025 }),
    ).toBeNull();
  });

  it('deletes bot events after BOT_EVENTS_DAYS', async () => {
    const { rows } = await s.db.query<{ n: number }>('SELECT count(*) AS n FROM bot_events');
    expect(rows[0]!.n).toBe(0);
  });
});
