// The post worker thread enriches and de-identifies a batch of new posts to exactly the bytes the
// calling thread produces: same enrichment, same outcomes (dead author links included), same
// contributor tags, on both threads and again once a thread's tag cache is warm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { loadConfig } from '../../../api/config.ts';
import { linkAuthor } from '../../../api/forum/author-links.ts';
import { newId } from '../../../api/ids.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { ContributorTags } from '../../../analytics/contributors.ts';
import { enrichAndDeidentify } from '../../../analytics/etl/new-posts.ts';
import { PostWorker, WORKER_MIN_POSTS } from '../../../analytics/etl/post-worker.ts';
import { type PostRow, postsToArrow } from '../../../analytics/etl/toArrow.ts';

const dir = mkdtempSync(join(tmpdir(), 'wc-post-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  'Overtime again this week, the 996 schedule is wearing everyone down.',
  'Layoffs rumoured for Q2, the whole team is nervous.',
  '今年涨薪还不错，领导也很支持。',
  'Great culture on my team 😊',
];

const columns = (batch: RecordBatch) =>
  Object.fromEntries(batch.schema.fields.map((f) => [f.name, [...batch.getChild(f.name)!]]));

describe('PostWorker', { timeout: 60_000 }, () => {
  it('gives the calling thread’s enrichment, outcomes and tags', async () => {
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const clock = new ManualClock('2026-01-15T00:00:00Z');
    const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, {
      genesis: new Date('2026-01-01T00:00:00Z'),
    });
    const rows: PostRow[] = Array.from({ length: WORKER_MIN_POSTS + 100 }, (_, i) => {
      // Linked as they were written; by 2 March the mid-January links have died, February's live.
      const at = new Date(Date.parse('2026-01-15T00:00:00Z') + i * 1_000_000);
      const id = newId();
      const link = linkAuthor(keys, id, `person-${i % 150}`, at)!;
      return {
        id,
        created_ms: at.getTime(),
        author_day: link.authorDay,
        author_box: link.authorBox,
        body: `${TEXTS[i % TEXTS.length]} ${i % 7}`,
        company_id: `c${i % 3}`,
        is_canary: i % 50 === 0,
        deleted: i % 40 === 0,
        author_gone: false,
      };
    });
    clock.set('2026-03-02T10:00:00Z');
    const source = postsToArrow(rows, (id) => `company-${id}`);
    const candidates = new Uint8Array(rows.length).fill(1);
    const worker = new PostWorker();
    try {
      const onWorker = () => worker.prepare(source, candidates, { keys, tags: new ContributorTags(keys) });
      // Two at once (one per thread), then one more on a thread whose tag cache is warm.
      const [first, second] = await Promise.all([onWorker(), onWorker()]);
      const third = await onWorker();
      const here = enrichAndDeidentify(source, candidates, { keys, tags: new ContributorTags(keys) });
      for (const there of [first, second, third]) {
        expect(there.enrichment).toEqual(here.enrichment);
        expect(there.outcome).toEqual(here.outcome);
        expect(columns(there.contributions)).toEqual(columns(here.contributions));
      }
      const outcomes = new Set(here.outcome);
      expect(outcomes).toEqual(new Set([0, 1, 3, 4])); // contributed, deleted, canary, unattributable
      expect(here.contributions.numRows).toBeGreaterThan(500);
    } finally {
      await worker.close();
    }
  });
});
