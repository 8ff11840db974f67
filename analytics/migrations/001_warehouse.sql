-- The warehouse schema (DuckDB). Read with DESIGN.md P5 and P6: no user id, e-mail, alias, post id,
-- post text, IP, fingerprint or time finer than an ISO week enters this file. A contributor is a
-- 16-byte tag = HMAC(warehouse chain key of the cell's period, person ‖ cell): scoped to one cell,
-- one row per contributor and cell, never one row per post. Bot counts hold no person at all.
-- Fact tables have no PRIMARY KEY: the ETL's MERGE of per-batch, per-key deltas keeps one row per
-- contributor and cell (tested), and DuckDB's ART indexes would cost more than the loads themselves.

-- Bookkeeping: the watermark. Batch n is recorded in the same transaction that loads its rows.
CREATE TABLE warehouse_state (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE etl_batches (
  batch        BIGINT PRIMARY KEY,          -- from PostgreSQL's etl_batch_seq
  kind         VARCHAR NOT NULL,            -- posts_load, posts_unload, salaries_load, salaries_unload, bot_events_load, rebuild
  source_rows  INTEGER NOT NULL,
  iso_week     VARCHAR NOT NULL             -- the ISO week it ran in: no finer time
);

CREATE TABLE dim_company (company_slug VARCHAR PRIMARY KEY, company_name VARCHAR NOT NULL);

-- Posts on a company's board, per contributor and company × ISO week. Sentiment sums are exact
-- decimals so a later removal subtracts exactly what was added.
CREATE TABLE fact_sentiment_week (
  company_slug   VARCHAR NOT NULL,
  iso_week       VARCHAR NOT NULL,          -- 'YYYY-Www'
  week_start     DATE NOT NULL,             -- the Monday
  key_period     VARCHAR NOT NULL,          -- 'YYYY-MM': the warehouseMonth key (month of the week's Thursday)
  contributor    BLOB NOT NULL,
  posts          INTEGER NOT NULL,
  sentiment_sum  DECIMAL(18, 4) NOT NULL,
  negatives      INTEGER NOT NULL
);

-- Topic tags per contributor and company × month: posts, and how many of them carry each topic.
CREATE TABLE fact_topics_month (
  company_slug  VARCHAR NOT NULL,
  month         DATE NOT NULL,              -- first day of the month
  key_period    VARCHAR NOT NULL,           -- 'YYYY-MM'
  contributor   BLOB NOT NULL,
  posts         INTEGER NOT NULL,
  overtime      INTEGER NOT NULL,
  layoffs       INTEGER NOT NULL,
  pay           INTEGER NOT NULL,
  management    INTEGER NOT NULL,
  promotion     INTEGER NOT NULL,
  health        INTEGER NOT NULL,
  culture       INTEGER NOT NULL
);

-- Salary reports in USD (rounded to 1,000), per contributor and cell. Two tables, so that no row
-- ties one person's reports in two companies together through a shared city-cell tag.
CREATE TABLE fact_salary_company (
  company_slug  VARCHAR NOT NULL,
  job_family    VARCHAR NOT NULL,
  level         VARCHAR NOT NULL,
  year          INTEGER NOT NULL,
  key_period    VARCHAR NOT NULL,           -- 'YYYY': the warehouseYear key (submission year)
  contributor   BLOB NOT NULL,
  reports       INTEGER NOT NULL,
  base_usd      BIGINT NOT NULL,            -- sums over the contributor's reports in the cell
  bonus_usd     BIGINT NOT NULL,
  equity_usd    BIGINT NOT NULL
);
CREATE TABLE fact_salary_city (
  city          VARCHAR NOT NULL,
  job_family    VARCHAR NOT NULL,
  year          INTEGER NOT NULL,
  key_period    VARCHAR NOT NULL,
  contributor   BLOB NOT NULL,
  reports       INTEGER NOT NULL,
  base_usd      BIGINT NOT NULL,
  bonus_usd     BIGINT NOT NULL,
  equity_usd    BIGINT NOT NULL
);

-- Protection decisions per hour: no fingerprint, network key or account tag. An event counts once
-- under each of its reasons.
CREATE TABLE fact_bot_hour (
  hour         TIMESTAMP NOT NULL,
  decision     VARCHAR NOT NULL,
  reason       VARCHAR NOT NULL,
  route_class  VARCHAR NOT NULL,
  events       BIGINT NOT NULL
);

-- Published tables (A3, P6): rebuilt from the facts by every release. Dashboards read only these.
CREATE TABLE releases (
  release_id     INTEGER PRIMARY KEY,
  created_at     TIMESTAMP NOT NULL,        -- truncated to the hour
  k_anon         INTEGER NOT NULL,
  epsilon        DOUBLE,                    -- null: no noise in this release
  epsilon_spent  DOUBLE NOT NULL,
  notes          VARCHAR NOT NULL
);
CREATE TABLE pub_salary_by_company (
  company_slug VARCHAR NOT NULL, company_name VARCHAR NOT NULL, job_family VARCHAR NOT NULL,
  level VARCHAR NOT NULL, year INTEGER NOT NULL, contributors INTEGER,
  p25 INTEGER, p50 INTEGER, p75 INTEGER, p90 INTEGER, suppressed BOOLEAN NOT NULL, release_id INTEGER NOT NULL
);
CREATE TABLE pub_salary_by_city (
  city VARCHAR NOT NULL, job_family VARCHAR NOT NULL, year INTEGER NOT NULL, contributors INTEGER,
  p25 INTEGER, p50 INTEGER, p75 INTEGER, p90 INTEGER, suppressed BOOLEAN NOT NULL, release_id INTEGER NOT NULL
);
CREATE TABLE pub_salary_split (
  company_slug VARCHAR NOT NULL, company_name VARCHAR NOT NULL, job_family VARCHAR NOT NULL,
  year INTEGER NOT NULL, contributors INTEGER, base_share DOUBLE, bonus_share DOUBLE, equity_share DOUBLE,
  suppressed BOOLEAN NOT NULL, release_id INTEGER NOT NULL
);
CREATE TABLE pub_sentiment_weekly (
  company_slug VARCHAR NOT NULL, company_name VARCHAR NOT NULL, week_start DATE NOT NULL,
  iso_week VARCHAR NOT NULL, posts INTEGER, contributors INTEGER, mean_sentiment DOUBLE,
  share_negative DOUBLE, suppressed BOOLEAN NOT NULL, release_id INTEGER NOT NULL
);
CREATE TABLE pub_topics_monthly (
  company_slug VARCHAR NOT NULL, company_name VARCHAR NOT NULL, month DATE NOT NULL, topic VARCHAR NOT NULL,
  posts INTEGER, contributors INTEGER, share DOUBLE, suppressed BOOLEAN NOT NULL, release_id INTEGER NOT NULL
);
CREATE TABLE pub_bot_decisions_hourly (
  hour TIMESTAMP NOT NULL, decision VARCHAR NOT NULL, reason VARCHAR NOT NULL, route_class VARCHAR NOT NULL,
  events BIGINT NOT NULL, release_id INTEGER NOT NULL
);
CREATE INDEX pub_salary_by_company_slug ON pub_salary_by_company (company_slug);
CREATE INDEX pub_salary_split_slug ON pub_salary_split (company_slug);
CREATE INDEX pub_sentiment_weekly_slug ON pub_sentiment_weekly (company_slug);
CREATE INDEX pub_topics_monthly_slug ON pub_topics_monthly (company_slug);
