-- Exactly-once ETL, second half (analytics/etl): batch numbers, batches in flight, and which
-- warehouse file the bookkeeping belongs to. A batch is claimed here (rows get etl_*_batch = n and
-- a row in etl_claims, one transaction), loaded into DuckDB with its number in the same DuckDB
-- transaction, then its claim row is deleted. A re-run finishes whatever is still in etl_claims
-- without scanning the source tables for it.

CREATE SEQUENCE etl_batch_seq;

CREATE TABLE etl_claims (
  batch      bigint PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('posts_load', 'posts_unload', 'salaries_load', 'salaries_unload', 'bot_events_load')),
  row_count  int NOT NULL
);

-- One row: the warehouse file (its random id) these bookkeeping columns describe, and the last
-- batch it finished. A different or older file must be rebuilt before it may load.
CREATE TABLE etl_owner (
  only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  warehouse   text NOT NULL,
  last_batch  bigint NOT NULL DEFAULT 0
);

-- Whether the enrichment called the post negative, kept with sentiment and topics so that a
-- removal subtracts exactly what the load added.
ALTER TABLE posts ADD COLUMN negative boolean;
