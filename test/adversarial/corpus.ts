// The corpus under attack: the demo generator's forum (api/demo: companies, people, threads and
// replies in English and Chinese, written through the API's rules) of posts × (1 + copies) posts,
// because a scraper's share only means something against a forum of realistic size. On PostgreSQL
// the generator writes all of it (its COPY path, ~30,000 posts/s); on PGlite, where it writes
// ~3,000 posts/s, it writes `posts` and copies them in SQL (new random ids, the same boards, texts
// and aliases, times shifted back). Canary threads are not part of it.
import type { Db } from '../../api/db/index.ts';
import { demoSpan, generateDemoData } from '../../api/demo/generate.ts';
import type { TestServices } from '../support/services.ts';

export interface CorpusOptions {
  /** Posts (opening posts and replies) the demo generator writes. */
  posts: number;
  /** The corpus is posts × (1 + copies); on PGlite the copies are made in SQL (0: none). */
  copies: number;
  /** Days the corpus spans, ending at the simulation's start. */
  days: number;
  seed: string;
}

export interface Corpus {
  /** Ids of every post people wrote (canary threads excluded). */
  postIds: ReadonlySet<string>;
  threads: number;
  companySlugs: readonly string[];
}

/** The key store must reach back to the corpus's first day (see api/demo/generate.ts). */
export const corpusGenesis = (start: Date, options: CorpusOptions): Date =>
  demoSpan(start, options.days).start;

export async function seedCorpus(services: TestServices, options: CorpusOptions): Promise<void> {
  const start = services.clock.now();
  const databaseUrl = services.db.url;
  const generated = databaseUrl ? options.posts * (1 + options.copies) : options.posts;
  await generateDemoData(
    { ...services, databaseUrl },
    { posts: generated, salaries: 0, days: options.days, seed: options.seed },
  );
  services.clock.set(start);
  if (!databaseUrl && options.copies > 0) await copyThreads(services.db, options.copies, options.days);
}

/** Copy k of a thread lies k × days / (copies + 1) days earlier, so copies do not crowd the newest. */
async function copyThreads(db: Db, copies: number, days: number): Promise<void> {
  const shiftDays = Math.max(1, Math.floor(days / (copies + 1)));
  await db.transaction(async (tx) => {
    await tx.query(
      `CREATE TEMP TABLE thread_copies ON COMMIT DROP AS
         SELECT t.id AS original, c AS copy, substr(md5(random()::text || t.id || c), 1, 22) AS id
           FROM threads t CROSS JOIN generate_series(1, $1::int) AS c WHERE NOT t.is_canary`,
      [copies],
    );
    await tx.query(
      `INSERT INTO threads (id, company_id, title, created_at, last_post_at, post_count)
       SELECT m.id, t.company_id, t.title, t.created_at - m.copy * $1::int * interval '1 day',
              t.last_post_at - m.copy * $1::int * interval '1 day', t.post_count
         FROM thread_copies m JOIN threads t ON t.id = m.original`,
      [shiftDays],
    );
    await tx.query(
      `INSERT INTO posts (id, thread_id, position, body, alias, created_at, author_day, receipt_hash)
       SELECT substr(md5(random()::text || p.id || m.copy), 1, 22), m.id, p.position, p.body, p.alias,
              p.created_at - m.copy * $1::int * interval '1 day', p.author_day, p.receipt_hash
         FROM thread_copies m JOIN posts p ON p.thread_id = m.original`,
      [shiftDays],
    );
  });
}

export async function readCorpus(db: Db): Promise<Corpus> {
  const posts = await db.query<{ id: string }>(
    'SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE NOT t.is_canary',
  );
  const threads = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM threads WHERE NOT is_canary');
  const companies = await db.query<{ slug: string }>('SELECT slug FROM companies ORDER BY slug');
  return {
    postIds: new Set(posts.rows.map((row) => row.id)),
    threads: threads.rows[0]!.n,
    companySlugs: companies.rows.map((row) => row.slug),
  };
}
