import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoSetupError, demoSpan, type DemoSummary, generateDemoData } from '../../../api/demo/generate.ts';
import { openAuthorBox } from '../../../api/forum/author-links.ts';
import { findPersonalData } from '../../../api/forum/doxxing-guard.ts';
import { cleanText, TITLE_RULE } from '../../../api/forum/text-rules.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { openReporterBox } from '../../../api/salaries/reporter-links.ts';
import { JOB_FAMILIES, LEVELS } from '../../../api/salaries/salary-rules.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

const END = new Date('2026-03-02T10:00:00Z');
const SPAN = demoSpan(END);
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const POSTS = 3000;
const SALARIES = 2500;
const CROWD = 15;
const ENV = { MIN_EMPLOYER_CROWD: String(CROWD) };

const LAYOFF_WORDS = /layoff|laid off|severance|job cuts|let go|裁员|被裁|裁掉|赔偿|N\+\d|优化/i;
const CITY_CURRENCY: Record<string, string> = {
  Beijing: 'CNY',
  Shanghai: 'CNY',
  Shenzhen: 'CNY',
  Hangzhou: 'CNY',
  Guangzhou: 'CNY',
  Chengdu: 'CNY',
  Singapore: 'SGD',
  Bangalore: 'INR',
  London: 'GBP',
  Berlin: 'EUR',
  'San Francisco': 'USD',
  Seattle: 'USD',
  'New York': 'USD',
  Toronto: 'CAD',
};
/** Rough rates to compare pay across currencies (the test's own, not the generator's). */
const TO_USD: Record<string, number> = {
  CNY: 0.14,
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  SGD: 0.74,
  INR: 0.012,
  CAD: 0.73,
};

interface PostRow {
  id: string;
  thread_id: string;
  position: number;
  body: string;
  alias: string;
  created_at: Date;
  author_day: Date;
  author_box: Buffer | null;
  company_id: string | null;
  thread_created_at: Date;
}

interface WeekCheck {
  weekEnd: number;
  clockAtWeekEnd: boolean;
  sampled: number;
  opened: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
const words = (alias: string) => alias.split(' · ')[1]!;
const label = (alias: string) => alias.split(' · ')[0]!;

async function run(services: TestServices, keys: KeyStore, seed: string, posts: number, salaries: number) {
  return generateDemoData(
    { db: services.db, keys, clock: services.clock, config: services.config, secrets: services.secrets },
    { posts, salaries, seed },
  );
}

describe('generateDemoData', () => {
  let a: TestServices;
  let summary: DemoSummary;
  const weekChecks: WeekCheck[] = [];
  const phases = new Set<string>();
  let posts: PostRow[];
  let accounts: Map<string, { member_kind: string; company_id: string | null }>;

  beforeAll(async () => {
    a = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    summary = await generateDemoData(
      { db: a.db, keys: a.keys, clock: a.clock, config: a.config, secrets: a.secrets },
      {
        posts: POSTS,
        salaries: SALARIES,
        seed: 'test-seed',
        onProgress: ({ phase }) => phases.add(phase),
        onWeek: async (weekEnd) => {
          const { rows } = await a.db.query<{ id: string; author_day: Date; author_box: Buffer }>(
            'SELECT id, author_day, author_box FROM posts WHERE created_at >= $1 AND created_at < $2 ORDER BY id LIMIT 5',
            [new Date(weekEnd.getTime() - WEEK), weekEnd],
          );
          const ids = rows.map((r) => openAuthorBox(a.keys, r.id, r.author_day, r.author_box));
          const { rows: known } = await a.db.query<{ id: string }>(
            'SELECT id FROM accounts WHERE id = ANY($1::text[])',
            [ids.filter((id): id is string => id !== null)],
          );
          const accountIds = new Set(known.map((r) => r.id));
          weekChecks.push({
            weekEnd: weekEnd.getTime(),
            clockAtWeekEnd: a.clock.now().getTime() === weekEnd.getTime(),
            sampled: rows.length,
            opened: ids.filter((id) => id !== null && accountIds.has(id)).length,
          });
        },
      },
    );
    posts = (
      await a.db.query<PostRow>(
        `SELECT p.id, p.thread_id, p.position, p.body, p.alias, p.created_at, p.author_day, p.author_box,
                t.company_id, t.created_at AS thread_created_at
           FROM posts p JOIN threads t ON t.id = p.thread_id`,
      )
    ).rows;
    const { rows } = await a.db.query<{ id: string; member_kind: string; company_id: string | null }>(
      'SELECT id, member_kind, company_id FROM accounts',
    );
    accounts = new Map(rows.map((r) => [r.id, r]));
  }, 240_000);

  afterAll(async () => {
    await a?.close();
  });

  /** Live posts (the clock is at the span's end) with the account their box opens to. */
  const livePosts = () =>
    posts
      .map((post) => ({
        post,
        author: post.author_box ? openAuthorBox(a.keys, post.id, post.author_day, post.author_box) : null,
      }))
      .filter((p): p is { post: PostRow; author: string } => p.author !== null);

  it('writes exactly the posts and salary reports asked for, over the span, and ends at its end', async () => {
    const count = async (table: string) =>
      (await a.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
    expect(await count('posts')).toBe(POSTS);
    expect(await count('salaries')).toBe(SALARIES);
    expect(await count('companies')).toBe(40);
    expect(await count('threads')).toBe(summary.threads);
    expect(await count('accounts')).toBe(summary.accounts);
    expect(summary).toMatchObject({ posts: POSTS, salaries: SALARIES, companies: 40 });
    expect(a.clock.now().getTime()).toBe(END.getTime());
    for (const post of posts) {
      expect(post.created_at.getTime()).toBeGreaterThanOrEqual(SPAN.start.getTime());
      expect(post.created_at.getTime()).toBeLessThan(END.getTime());
    }
    expect([...phases]).toEqual(['setup', 'writing', 'done']);
  });

  it('creates fictional companies on .example domains only', async () => {
    const { rows } = await a.db.query<{ domain: string; company_id: string }>(
      'SELECT domain, company_id FROM company_domains',
    );
    expect(rows.every((r) => r.domain.endsWith('.example'))).toBe(true);
    expect(new Set(rows.map((r) => r.company_id)).size).toBe(40);
  });

  it('keeps thread counters and positions as the API does', async () => {
    const { rows } = await a.db.query<{ bad: number }>(
      `SELECT count(*) AS bad FROM threads t
         JOIN (SELECT thread_id, count(*) AS n, max(position) AS top, min(position) AS bottom,
                      max(created_at) AS last FROM posts GROUP BY thread_id) p ON p.thread_id = t.id
        WHERE t.post_count <> p.n OR p.top <> p.n OR p.bottom <> 1 OR t.last_post_at <> p.last`,
    );
    expect(rows[0]!.bad).toBe(0);
    const openings = posts.filter((p) => p.position === 1);
    expect(openings.length).toBe(summary.threads);
    expect(openings.every((p) => p.created_at.getTime() === p.thread_created_at.getTime())).toBe(true);
    // Later positions come later in time.
    const byThread = groupBy(posts, (p) => p.thread_id);
    for (const list of byThread.values()) {
      list.sort((x, y) => x.position - y.position);
      for (let i = 1; i < list.length; i++)
        expect(list[i]!.created_at.getTime()).toBeGreaterThanOrEqual(list[i - 1]!.created_at.getTime());
    }
  });

  it('gives every post alias words of its thread, unique per thread', async () => {
    const { rows } = await a.db.query<{ thread_id: string; tag: Buffer; words: string }>(
      'SELECT thread_id, tag, words FROM thread_aliases',
    );
    const wordsOf = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = wordsOf.get(row.thread_id) ?? new Set();
      expect(set.has(row.words)).toBe(false);
      set.add(row.words);
      wordsOf.set(row.thread_id, set);
      expect(row.tag.length).toBe(32);
    }
    expect(rows.length).toBe(summary.aliases);
    for (const post of posts) expect(wordsOf.get(post.thread_id)?.has(words(post.alias))).toBe(true);
  });

  it('links live posts to real accounts: one alias per person and alias epoch, never shared', () => {
    const live = livePosts();
    expect(live.length).toBeGreaterThan(50);
    const aliasOf = new Map<string, string>();
    const holderOf = new Map<string, string>();
    for (const { post, author } of live) {
      expect(accounts.has(author)).toBe(true);
      const epoch = Math.floor(
        (Math.floor(post.created_at.getTime() / DAY) - Math.floor(post.thread_created_at.getTime() / DAY)) /
          a.config.authorLinkDays,
      );
      const mine = `${post.thread_id}:${author}:${epoch}`;
      const known = aliasOf.get(mine);
      if (known) expect(words(post.alias)).toBe(known);
      aliasOf.set(mine, words(post.alias));
      const holder = holderOf.get(`${post.thread_id}:${words(post.alias)}`);
      if (holder) expect(holder).toBe(author);
      holderOf.set(`${post.thread_id}:${words(post.alias)}`, author);
    }
    // Someone posted twice in a thread, so "same alias" was really tested.
    expect(live.length).toBeGreaterThan(aliasOf.size);
  });

  it('forgets links as real life would: boxes older than the window no longer open', () => {
    const old = posts.filter(
      (p) => p.created_at.getTime() < END.getTime() - (a.config.authorLinkDays + 1) * DAY,
    );
    expect(old.length).toBeGreaterThan(POSTS / 2);
    for (const post of old.slice(0, 200))
      expect(openAuthorBox(a.keys, post.id, post.author_day, post.author_box!)).toBeNull();
  });

  it('labels aliases by member kind, showing the employer only to crowds of MIN_EMPLOYER_CROWD', async () => {
    const { rows } = await a.db.query<{ id: string; name: string; crowd: number }>(
      `SELECT c.id, c.name, count(a.id) AS crowd FROM companies c
         LEFT JOIN accounts a ON a.company_id = c.id AND a.member_kind = 'employee' GROUP BY c.id, c.name`,
    );
    const company = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const { post, author } of livePosts()) {
      const account = accounts.get(author)!;
      const who = label(post.alias);
      if (account.member_kind === 'member') expect(who).toBe('Member');
      else if (account.member_kind === 'verified') expect(who).toBe('Verified member');
      else {
        const employer = company.get(account.company_id!)!;
        if (who !== 'Verified employee') {
          expect(who).toBe(`Employee of ${employer.name}`);
          expect(employer.crowd).toBeGreaterThanOrEqual(CROWD);
        } else if (employer.crowd < CROWD) seen.add('small crowd hidden');
        // Threads on a company board are opened by that company's employees.
      }
      if (post.position === 1 && post.company_id) {
        expect(account.member_kind).toBe('employee');
        expect(account.company_id).toBe(post.company_id);
      }
      seen.add(who.startsWith('Employee of') ? 'employer shown' : who);
    }
    expect(seen).toContain('employer shown');
    expect(seen).toContain('Verified employee');
    expect(seen).toContain('Member');
    expect(seen).toContain('Verified member');
  });

  it('commits each week before onWeek, with the clock at the week end and the week’s links open', () => {
    expect(weekChecks.length).toBe(summary.weeks);
    expect(weekChecks.at(-1)!.weekEnd).toBe(END.getTime());
    expect(weekChecks.every((w) => w.clockAtWeekEnd)).toBe(true);
    expect(weekChecks.every((w) => w.opened === w.sampled)).toBe(true);
    expect(weekChecks.reduce((n, w) => n + w.sampled, 0)).toBeGreaterThan(300);
  });

  it('writes accounts with a keyed e-mail hash and one shared argon2id hash', async () => {
    const { rows } = await a.db.query<{
      email_hash: Buffer;
      password_hash: string;
      member_kind: string;
      company_id: string | null;
    }>('SELECT email_hash, password_hash, member_kind, company_id FROM accounts');
    expect(new Set(rows.map((r) => r.email_hash.toString('hex'))).size).toBe(rows.length);
    expect(rows.every((r) => r.email_hash.length === 32)).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(1);
    expect(rows[0]!.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(rows.every((r) => (r.member_kind === 'employee') === (r.company_id !== null))).toBe(true);
    const kinds = groupBy(rows, (r) => r.member_kind);
    expect(kinds.get('employee')!.length).toBeGreaterThan(rows.length * 0.7);
    expect(kinds.get('verified')!.length).toBeGreaterThan(0);
    expect(kinds.get('member')!.length).toBeGreaterThan(0);
  });

  it('passes the API’s doxxing guard and title rule, and leaves nothing claimed by the ETL', async () => {
    const { rows: threads } = await a.db.query<{ title: string }>('SELECT title FROM threads');
    for (const { title } of threads) {
      expect(findPersonalData(title)).toEqual([]);
      expect(cleanText(title, TITLE_RULE)).toBe(title);
    }
    for (const post of posts) expect(findPersonalData(post.body)).toEqual([]);
    const { rows } = await a.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM posts p
        WHERE EXISTS (SELECT 1 FROM etl_posts e WHERE e.post_id = p.id) OR p.deleted OR p.author_gone`,
    );
    expect(rows[0]!.n).toBe(0);
    const languages = { zh: posts.filter((p) => /\p{Script=Han}/u.test(p.body)).length };
    expect(languages.zh).toBeGreaterThan(POSTS * 0.2);
    expect(languages.zh).toBeLessThan(POSTS * 0.8);
  });

  describe('salary reports', () => {
    interface SalaryRow {
      id: string;
      reporter_tag: Buffer;
      reporter_box: Buffer;
      submitted_year: number;
      submitted_on: Date;
      company_id: string;
      job_family: string;
      level: string;
      city: string;
      base: number;
      bonus: number;
      equity: number;
      currency: string;
      year: number;
    }
    let salaries: SalaryRow[];
    beforeAll(async () => {
      salaries = (await a.db.query<SalaryRow>('SELECT * FROM salaries')).rows;
    });

    it('keep one report per person × company × family × year, with unique tags, reported by employees', () => {
      expect(new Set(salaries.map((s) => s.reporter_tag.toString('hex'))).size).toBe(SALARIES);
      const seen = new Set<string>();
      let opened = 0;
      for (const s of salaries) {
        expect(s.year).toBeLessThanOrEqual(s.submitted_year);
        expect(s.submitted_on.getUTCFullYear()).toBe(s.submitted_year);
        expect(JOB_FAMILIES).toContain(s.job_family);
        expect(LEVELS).toContain(s.level);
        expect(s.base).toBeGreaterThan(0);
        const reporter = openReporterBox(a.keys, s.submitted_year, s.id, s.reporter_box);
        if (!reporter) continue;
        opened++;
        const account = accounts.get(reporter)!;
        expect(account.member_kind).toBe('employee');
        expect(account.company_id).toBe(s.company_id);
        const key = `${reporter}:${s.company_id}:${s.job_family}:${s.year}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
      // 2025 and 2026 keys still live on 2 March 2026.
      expect(opened).toBeGreaterThan(SALARIES / 3);
    });

    it('use the currency of their city', () => {
      for (const s of salaries) expect(s.currency).toBe(CITY_CURRENCY[s.city]);
      expect(new Set(salaries.map((s) => s.currency)).size).toBe(7);
    });

    it('pay more at each level up (median total pay)', () => {
      const byLevel = groupBy(salaries, (s) => s.level);
      const medians = LEVELS.map((level) =>
        median(byLevel.get(level)!.map((s) => (s.base + s.bonus + s.equity) * TO_USD[s.currency]!)),
      );
      for (let i = 1; i < medians.length; i++) expect(medians[i]).toBeGreaterThan(medians[i - 1]!);
    });

    it('have bonus and equity habits that differ by company', () => {
      const shares = [...groupBy(salaries, (s) => s.company_id).values()]
        .filter((list) => list.length >= 20)
        .map((list) => ({
          bonus: median(list.map((s) => s.bonus / s.base)),
          equity: median(list.map((s) => s.equity / s.base)),
        }));
      const bonus = shares.map((s) => s.bonus);
      const equity = shares.map((s) => s.equity);
      expect(Math.max(...bonus)).toBeGreaterThan(2 * Math.min(...bonus));
      expect(Math.min(...equity)).toBeLessThan(0.02);
      expect(Math.max(...equity)).toBeGreaterThan(0.3);
    });
  });

  it('shows a burst of layoff posts at the layoff company in its wave weeks', () => {
    const { layoff } = summary.events;
    const weekOf = (t: number) => Math.floor((t - SPAN.start.getTime()) / WEEK);
    const perWeek = new Map<number, number>();
    for (const post of posts) {
      if (post.company_id !== layoff.companyId || !LAYOFF_WORDS.test(post.body)) continue;
      const week = weekOf(post.created_at.getTime());
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
    const waveWeeks: number[] = [];
    for (let w = weekOf(layoff.start.getTime()); w <= weekOf(layoff.end.getTime() - 1); w++)
      waveWeeks.push(w);
    const beforeWeeks: number[] = [];
    for (let w = 0; w < weekOf(layoff.start.getTime() - 14 * DAY); w++) beforeWeeks.push(w);
    const mean = (weeks: number[]) => weeks.reduce((n, w) => n + (perWeek.get(w) ?? 0), 0) / weeks.length;
    expect(waveWeeks.reduce((n, w) => n + (perWeek.get(w) ?? 0), 0)).toBeGreaterThanOrEqual(15);
    expect(mean(waveWeeks)).toBeGreaterThan(8 * Math.max(mean(beforeWeeks), 0.05));
  });

  it('refuses a key store that cannot reach back to the span’s start, before writing anything', async () => {
    const late = await openTestServices(ENV, { start: END });
    try {
      await expect(run(late, late.keys, 'late', 100, 10)).rejects.toThrow(
        /no author key for 2024-03-02: open it with a genesis at the start of the demo span/,
      );
      await expect(run(late, late.keys, 'late', 100, 10)).rejects.toBeInstanceOf(DemoSetupError);
      const { rows } = await late.db.query<{ n: number }>('SELECT count(*) AS n FROM companies');
      expect(rows[0]!.n).toBe(0);
      expect(late.clock.now().getTime()).toBe(END.getTime());
    } finally {
      await late.close();
    }
  }, 120_000);

  it('is deterministic: same seed and key store → the same rows; another seed → other rows', async () => {
    const b1 = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    const b2 = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    const c = await openTestServices(ENV, { start: END, genesis: SPAN.start });
    const dir = mkdtempSync(join(tmpdir(), 'wc-demo-keys-'));
    try {
      // The alias words and tags come from the key store, as in the API: share it to compare them.
      copyFileSync(b1.keys.path, join(dir, 'keychains.json'));
      await run(b1, b1.keys, 'same-seed', 1000, 300);
      await run(b2, KeyStore.open(dir, chainSpecs(b2.config), b2.clock), 'same-seed', 1000, 300);
      const queries = [
        'SELECT id, slug, name FROM companies ORDER BY id',
        'SELECT id, member_kind, company_id, created_on FROM accounts ORDER BY id',
        'SELECT id, company_id, title, created_at, last_post_at, post_count FROM threads ORDER BY id',
        'SELECT id, thread_id, position, body, alias, created_at, author_day, author_tag FROM posts ORDER BY id',
        'SELECT thread_id, tag, words FROM thread_aliases ORDER BY thread_id, words',
        `SELECT id, reporter_tag, submitted_on, company_id, job_family, level, city, years_experience,
                base, bonus, equity, currency, year FROM salaries ORDER BY id`,
      ];
      for (const sql of queries) {
        const rows = (await b1.db.query(sql)).rows;
        expect(rows.length).toBeGreaterThan(0);
        expect((await b2.db.query(sql)).rows).toEqual(rows);
      }
      // Ciphertexts are fresh (random IVs), as the API's would be.
      const boxes = 'SELECT author_box FROM posts ORDER BY id LIMIT 20';
      expect((await b2.db.query(boxes)).rows).not.toEqual((await b1.db.query(boxes)).rows);

      await run(c, c.keys, 'another-seed', 300, 100);
      const ids = (db: TestServices['db'], table: string) =>
        db.query<{ id: string }>(`SELECT id FROM ${table}`).then((r) => r.rows.map((row) => row.id));
      for (const table of ['companies', 'accounts', 'threads', 'posts', 'salaries']) {
        const theirs = new Set(await ids(b1.db, table));
        expect((await ids(c.db, table)).some((id) => theirs.has(id))).toBe(false);
      }
      const titles = 'SELECT title FROM threads ORDER BY created_at, id LIMIT 30';
      expect((await c.db.query(titles)).rows).not.toEqual((await b1.db.query(titles)).rows);
    } finally {
      await Promise.all([b1.close(), b2.close(), c.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
