// Source rows for warehouse tests, written straight into PostgreSQL with the real link helpers
// (linkAuthor, sealReporter, reporterTag, newId) as the forum API would write them.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../../../api/db/index.ts';
import { linkAuthor, liveAuthorTags } from '../../../api/forum/author-links.ts';
import { newId } from '../../../api/ids.ts';
import type { KeyStore } from '../../../api/keys/keystore.ts';
import {
  liveReporterTags,
  openReporterBox,
  reporterTag,
  sealReporter,
} from '../../../api/salaries/reporter-links.ts';
import { openWarehouse, type Warehouse } from '../../../analytics/warehouse.ts';

export async function tempWarehouse(dir: string): Promise<Warehouse> {
  return openWarehouse(join(mkdtempSync(join(dir, 'wh-')), 'warehouse.duckdb'));
}

export async function addCompany(db: Queryable, slug: string, name = slug.toUpperCase()): Promise<string> {
  const id = newId();
  await db.query('INSERT INTO companies (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [
    id,
    slug,
    name,
    new Date('2025-01-01T00:00:00Z'),
  ]);
  return id;
}

export async function addThread(
  db: Queryable,
  companyId: string | null,
  at: Date,
  options: { canary?: boolean; title?: string } = {},
): Promise<string> {
  const id = newId();
  await db.query(
    'INSERT INTO threads (id, company_id, title, created_at, last_post_at, is_canary) VALUES ($1, $2, $3, $4, $4, $5)',
    [id, companyId, options.title ?? 'A thread', at, options.canary ?? false],
  );
  return id;
}

export interface SeededPost {
  id: string;
  body: string;
  alias: string;
}

/** A post as the API writes it: author link under the day key of `at`, position after the last. */
export async function addPost(
  db: Queryable,
  keys: KeyStore,
  post: { threadId: string; accountId: string; at: Date; body?: string; alias?: string },
): Promise<SeededPost> {
  const id = newId();
  const link = linkAuthor(keys, id, post.accountId, post.at);
  const body = post.body ?? 'Overtime again this week, management keeps asking for more.';
  const alias = post.alias ?? `Employee · ${newId().slice(0, 6)}`;
  await db.query(
    `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, author_tag, author_box, receipt_hash)
     VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM posts WHERE thread_id = $2), $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      post.threadId,
      body,
      alias,
      post.at,
      link?.authorDay ?? post.at.toISOString().slice(0, 10),
      link?.authorTag ?? null,
      link?.authorBox ?? null,
      Buffer.alloc(32, 1),
    ],
  );
  return { id, body, alias };
}

export interface SalaryInput {
  accountId: string;
  companyId: string;
  jobFamily?: string;
  level?: string;
  city?: string;
  year?: number;
  base: number;
  bonus?: number;
  equity?: number;
  currency?: string;
  at: Date;
}

/** A salary report as the API writes it; a second one for the same thing replaces the first. */
export async function addSalary(db: Queryable, keys: KeyStore, input: SalaryInput): Promise<string> {
  const id = newId();
  const submittedYear = input.at.getUTCFullYear();
  const report = {
    companyId: input.companyId,
    jobFamily: input.jobFamily ?? 'engineering',
    year: input.year ?? 2025,
  };
  const earlier = liveReporterTags(keys, input.accountId, report);
  if (earlier.length > 0)
    await db.query(
      'UPDATE salaries SET deleted = true, reporter_tag = NULL WHERE reporter_tag = ANY($1::bytea[])',
      [earlier],
    );
  await db.query(
    `INSERT INTO salaries (id, reporter_tag, reporter_box, submitted_year, submitted_on, company_id, job_family, level,
       city, years_experience, base, bonus, equity, currency, year)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 5, $10, $11, $12, $13, $14)`,
    [
      id,
      reporterTag(keys, submittedYear, input.accountId, report),
      sealReporter(keys, submittedYear, id, input.accountId),
      submittedYear,
      input.at.toISOString().slice(0, 10),
      input.companyId,
      report.jobFamily,
      input.level ?? 'L4',
      input.city ?? 'Springfield',
      input.base,
      input.bonus ?? 0,
      input.equity ?? 0,
      input.currency ?? 'USD',
      report.year,
    ],
  );
  return id;
}

/**
 * Account deletion as the warehouse needs it (see analytics/README.md): posts are marked author_gone
 * and lose their author tag but keep the author box until the ETL has removed their contribution;
 * salary reports become tombstones that keep their reporter box.
 */
export async function deleteAccountForWarehouse(
  db: Queryable,
  keys: KeyStore,
  accountId: string,
): Promise<void> {
  const tags = liveAuthorTags(keys, accountId);
  await db.query(
    'UPDATE posts SET author_gone = true, author_tag = NULL WHERE author_tag = ANY($1::bytea[])',
    [tags],
  );
  for (const year of keys.livePeriods('salary')) {
    const { rows } = await db.query<{ id: string; reporter_box: Buffer }>(
      'SELECT id, reporter_box FROM salaries WHERE submitted_year = $1 AND reporter_box IS NOT NULL AND NOT deleted',
      [year],
    );
    const mine = rows
      .filter((r) => openReporterBox(keys, year, r.id, r.reporter_box) === accountId)
      .map((r) => r.id);
    await db.query('UPDATE salaries SET deleted = true, reporter_tag = NULL WHERE id = ANY($1::text[])', [
      mine,
    ]);
  }
}

export async function addBotEvent(
  db: Queryable,
  event: {
    at: Date;
    decision?: string;
    reasons?: string[];
    routeClass?: string;
    networkKey?: string;
    fingerprint?: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO bot_events (occurred_at, decision, enforced, score, reasons, route_class, network_key, fingerprint_id, account_tag)
     VALUES ($1, $2, true, 80, $3, $4, $5, $6, NULL)`,
    [
      event.at,
      event.decision ?? 'block',
      event.reasons ?? ['ua:bot'],
      event.routeClass ?? 'read',
      event.networkKey ?? null,
      event.fingerprint ?? 'fp-test',
    ],
  );
}

export const tempDir = (prefix: string): string => mkdtempSync(join(process.env.TMPDIR ?? '/tmp', prefix));

export interface World {
  companies: Record<string, string>;
  people: string[];
  posts: (SeededPost & { accountId: string; companySlug: string })[];
  salaryIds: string[];
}

/**
 * A small forum: `companies` boards with `people` members each posting `postsEach` times across
 * different threads from `from` (one post every 5 hours), and one salary report per member.
 */
export async function seedWorld(
  db: Queryable,
  keys: KeyStore,
  options: { companies?: string[]; people?: number; postsEach?: number; from?: Date } = {},
): Promise<World> {
  const slugs = options.companies ?? ['acme', 'globex', 'initech'];
  const people = options.people ?? 6;
  const postsEach = options.postsEach ?? 3;
  const from = options.from ?? new Date('2026-02-02T08:00:00Z');
  const world: World = { companies: {}, people: [], posts: [], salaryIds: [] };
  let step = 0;
  for (const slug of slugs) {
    const companyId = await addCompany(db, slug);
    world.companies[slug] = companyId;
    const threads = [];
    for (let t = 0; t < postsEach; t++) threads.push(await addThread(db, companyId, from));
    for (let p = 0; p < people; p++) {
      const accountId = newId();
      world.people.push(accountId);
      for (let i = 0; i < postsEach; i++) {
        const at = new Date(from.getTime() + step++ * 5 * 3_600_000);
        const post = await addPost(db, keys, { threadId: threads[i]!, accountId, at });
        world.posts.push({ ...post, accountId, companySlug: slug });
      }
      world.salaryIds.push(
        await addSalary(db, keys, {
          accountId,
          companyId,
          level: p % 2 === 0 ? 'L4' : 'L5',
          city: 'Springfield',
          base: 100_000 + p * 7_000,
          bonus: 10_000,
          equity: 5_000,
          at: new Date(from.getTime() + p * 3_600_000),
        }),
      );
    }
  }
  return world;
}
