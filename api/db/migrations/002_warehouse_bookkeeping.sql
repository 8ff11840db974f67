-- Bookkeeping for the incremental ETL (analytics/etl): every source row is loaded into the
-- warehouse exactly once and its contribution removed exactly once when it is deleted.
-- A batch is claimed in PostgreSQL first (etl_*_batch = n), then loaded into DuckDB in one
-- transaction that also records batch n; a re-run finishes claimed batches DuckDB never recorded.
-- Enrichment results are kept so a deleted post's contribution can be subtracted later.

ALTER TABLE posts ADD COLUMN author_gone boolean NOT NULL DEFAULT false;  -- the author deleted their account
ALTER TABLE posts ADD COLUMN etl_load_batch bigint;
ALTER TABLE posts ADD COLUMN etl_unload_batch bigint;
ALTER TABLE posts ADD COLUMN sentiment real;
ALTER TABLE posts ADD COLUMN topics text[];
CREATE INDEX posts_etl_pending ON posts (created_at, id) WHERE etl_load_batch IS NULL;
CREATE INDEX posts_etl_removals ON posts (id) WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND (deleted OR author_gone);

-- A replaced or deleted salary report stays as a tombstone (no tag) until the ETL has removed it.
ALTER TABLE salaries ALTER COLUMN reporter_tag DROP NOT NULL;
ALTER TABLE salaries ADD COLUMN deleted boolean NOT NULL DEFAULT false;
ALTER TABLE salaries ADD COLUMN etl_load_batch bigint;
ALTER TABLE salaries ADD COLUMN etl_unload_batch bigint;
CREATE INDEX salaries_etl_pending ON salaries (submitted_on, id) WHERE etl_load_batch IS NULL;
CREATE INDEX salaries_etl_removals ON salaries (id) WHERE etl_load_batch IS NOT NULL AND etl_unload_batch IS NULL AND deleted;

ALTER TABLE bot_events ADD COLUMN etl_load_batch bigint;
CREATE INDEX bot_events_etl_pending ON bot_events (id) WHERE etl_load_batch IS NULL;
