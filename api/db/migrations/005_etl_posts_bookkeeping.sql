-- The ETL's per-post bookkeeping moves off `posts` into a narrow table (analytics/etl). Claiming a
-- post used to UPDATE its wide row (body included) and, because the partial indexes of 002 name the
-- claim columns, to add an entry to every index of `posts` (no HOT update): about 7× the cost of
-- inserting one narrow row here. A post is pending while it has no row in etl_posts (the ETL finds
-- those with an anti-join, window by window); the row is written once, at claim time, with the enrichment a later
-- removal subtracts. No foreign key: post ids are random and never reused, and the check would cost
-- as much as the insert.

CREATE TABLE etl_posts (
  post_id      text PRIMARY KEY,
  load_batch   bigint NOT NULL,   -- the batch that claimed it (loaded it, or decided it does not count)
  unload_batch bigint,            -- the batch that removed it, or load_batch when it never counted
  sentiment    real,              -- enrichment the load added (null when it did not count)
  negative     boolean,
  topics       smallint           -- bit mask in analytics/enrich TOPICS order
);

INSERT INTO etl_posts (post_id, load_batch, unload_batch, sentiment, negative, topics)
SELECT id, etl_load_batch, etl_unload_batch, sentiment, negative,
  CASE WHEN topics IS NULL THEN NULL ELSE
    (CASE WHEN 'overtime' = ANY (topics) THEN 1 ELSE 0 END) | (CASE WHEN 'layoffs' = ANY (topics) THEN 2 ELSE 0 END) |
    (CASE WHEN 'pay' = ANY (topics) THEN 4 ELSE 0 END) | (CASE WHEN 'management' = ANY (topics) THEN 8 ELSE 0 END) |
    (CASE WHEN 'promotion' = ANY (topics) THEN 16 ELSE 0 END) | (CASE WHEN 'health' = ANY (topics) THEN 32 ELSE 0 END) |
    (CASE WHEN 'culture' = ANY (topics) THEN 64 ELSE 0 END) END
FROM posts WHERE etl_load_batch IS NOT NULL;

-- The 002 columns on posts are no longer read or written (left in place, always null on new
-- posts); their partial indexes only slowed every write to posts.
DROP INDEX posts_etl_pending;
DROP INDEX posts_etl_removals;

-- The ETL walks posts in keyset order (created_at, id), a window of a batch's size at a time; this
-- index serves every query the (created_at) index of 001 served.
CREATE INDEX posts_keyset ON posts (created_at, id);
DROP INDEX posts_created;

-- Posts whose contribution may have to be removed: deleted, or the author deleted their account.
CREATE INDEX posts_gone ON posts (id) WHERE deleted OR author_gone;
