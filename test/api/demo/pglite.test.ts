// The generator on embedded PGlite (what `npm start` uses by default), whatever TEST_DATABASE_URL says.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { loadConfig } from '../../../api/config.ts';
import { migrate } from '../../../api/db/index.ts';
import { openPgliteDb } from '../../../api/db/pglite.ts';
import { demoSpan, generateDemoData } from '../../../api/demo/generate.ts';
import { openAuthorBox } from '../../../api/forum/author-links.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { loadSecrets } from '../../../api/secrets.ts';

describe('generateDemoData on PGlite', () => {
  it('writes a small, consistent forum', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wc-demo-lite-'));
    const db = await openPgliteDb();
    try {
      await migrate(db);
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      const clock = new ManualClock('2026-03-02T10:00:00Z');
      const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, {
        genesis: demoSpan(clock.now(), 120).start,
      });
      const summary = await generateDemoData(
        { db, keys, clock, config, secrets: loadSecrets(config) },
        { posts: 800, salaries: 200, days: 120, seed: 'lite' },
      );
      expect(summary).toMatchObject({ posts: 800, salaries: 200, companies: 40 });

      const { rows: counts } = await db.query<{ posts: number; salaries: number; mismatched: number }>(
        `SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM salaries) AS salaries,
                (SELECT count(*) FROM threads t WHERE post_count <> (SELECT count(*) FROM posts p WHERE p.thread_id = t.id)) AS mismatched`,
      );
      expect(counts[0]).toEqual({ posts: 800, salaries: 200, mismatched: 0 });

      const { rows: posts } = await db.query<{
        id: string;
        author_day: Date;
        author_box: Buffer;
        alias: string;
        words: string | null;
      }>(
        `SELECT p.id, p.author_day, p.author_box, p.alias,
                (SELECT a.words FROM thread_aliases a WHERE a.thread_id = p.thread_id AND p.alias LIKE '% · ' || a.words) AS words
           FROM posts p WHERE p.created_at > $1 ORDER BY p.id LIMIT 50`,
        [new Date(clock.now().getTime() - 20 * 86_400_000)],
      );
      expect(posts.length).toBe(50);
      const { rows: accounts } = await db.query<{ id: string }>('SELECT id FROM accounts');
      const accountIds = new Set(accounts.map((a) => a.id));
      for (const post of posts) {
        expect(post.words).not.toBeNull();
        expect(accountIds.has(openAuthorBox(keys, post.id, post.author_day, post.author_box)!)).toBe(true);
      }
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
