-- 005 moved the ETL's per-post bookkeeping to etl_posts; these columns of posts are read and
-- written by nothing since. Dropping them keeps the table what it says: the forum's posts.
ALTER TABLE posts
  DROP COLUMN etl_load_batch,
  DROP COLUMN etl_unload_batch,
  DROP COLUMN sentiment,
  DROP COLUMN negative,
  DROP COLUMN topics;
