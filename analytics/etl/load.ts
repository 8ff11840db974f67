// Deltas → DuckDB. Each delta set is appended to a TEMP staging table with the DataChunk appender
// (2 048 rows per chunk) and merged into its fact table: added to an existing contributor × cell
// row, inserted as a new one, or deleted when a removal brings it to zero. The caller wraps this
// and the batch's watermark row in one DuckDB transaction (A1).
import {
  BIGINT,
  BLOB,
  blobValue,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import type { Deltas } from './aggregate.ts';

const CHUNK_ROWS = 2048;

const STAGING_SQL = `
CREATE TEMP TABLE IF NOT EXISTS stage_company (company_slug VARCHAR, company_name VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS stage_sentiment (company_slug VARCHAR, iso_week VARCHAR, week_start_day INTEGER,
  key_period VARCHAR, contributor BLOB, posts INTEGER, sentiment_e4 DOUBLE, negatives INTEGER);
CREATE TEMP TABLE IF NOT EXISTS stage_topics (company_slug VARCHAR, month_day INTEGER, key_period VARCHAR,
  contributor BLOB, posts INTEGER, overtime INTEGER, layoffs INTEGER, pay INTEGER, management INTEGER,
  promotion INTEGER, health INTEGER, culture INTEGER);
CREATE TEMP TABLE IF NOT EXISTS stage_salary_company (company_slug VARCHAR, job_family VARCHAR, level VARCHAR,
  year INTEGER, key_period VARCHAR, contributor BLOB, reports INTEGER, base_usd DOUBLE, bonus_usd DOUBLE, equity_usd DOUBLE);
CREATE TEMP TABLE IF NOT EXISTS stage_salary_city (city VARCHAR, job_family VARCHAR, year INTEGER,
  key_period VARCHAR, contributor BLOB, reports INTEGER, base_usd DOUBLE, bonus_usd DOUBLE, equity_usd DOUBLE);
CREATE TEMP TABLE IF NOT EXISTS stage_bot (hour_ms BIGINT, decision VARCHAR, reason VARCHAR, route_class VARCHAR, events BIGINT);
`;

const MERGE_COMPANY = `
MERGE INTO dim_company AS f USING stage_company AS s ON f.company_slug = s.company_slug
WHEN MATCHED THEN UPDATE SET company_name = s.company_name
WHEN NOT MATCHED THEN INSERT VALUES (s.company_slug, s.company_name)`;

const MERGE_SENTIMENT = `
MERGE INTO fact_sentiment_week AS f USING stage_sentiment AS s
ON f.company_slug = s.company_slug AND f.iso_week = s.iso_week AND f.contributor = s.contributor
WHEN MATCHED AND f.posts + s.posts <= 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET posts = f.posts + s.posts,
  sentiment_sum = f.sentiment_sum + CAST(round(s.sentiment_e4 / 10000, 4) AS DECIMAL(18, 4)),
  negatives = f.negatives + s.negatives
WHEN NOT MATCHED AND s.posts > 0 THEN INSERT VALUES (s.company_slug, s.iso_week, DATE '1970-01-01' + s.week_start_day,
  s.key_period, s.contributor, s.posts, CAST(round(s.sentiment_e4 / 10000, 4) AS DECIMAL(18, 4)), s.negatives)`;

const MERGE_TOPICS = `
MERGE INTO fact_topics_month AS f USING stage_topics AS s
ON f.company_slug = s.company_slug AND f.month = DATE '1970-01-01' + s.month_day AND f.contributor = s.contributor
WHEN MATCHED AND f.posts + s.posts <= 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET posts = f.posts + s.posts, overtime = f.overtime + s.overtime,
  layoffs = f.layoffs + s.layoffs, pay = f.pay + s.pay, management = f.management + s.management,
  promotion = f.promotion + s.promotion, health = f.health + s.health, culture = f.culture + s.culture
WHEN NOT MATCHED AND s.posts > 0 THEN INSERT VALUES (s.company_slug, DATE '1970-01-01' + s.month_day, s.key_period,
  s.contributor, s.posts, s.overtime, s.layoffs, s.pay, s.management, s.promotion, s.health, s.culture)`;

const MERGE_SALARY_COMPANY = `
MERGE INTO fact_salary_company AS f USING stage_salary_company AS s
ON f.company_slug = s.company_slug AND f.job_family = s.job_family AND f.level = s.level AND f.year = s.year
  AND f.contributor = s.contributor
WHEN MATCHED AND f.reports + s.reports <= 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET reports = f.reports + s.reports, base_usd = f.base_usd + CAST(s.base_usd AS BIGINT),
  bonus_usd = f.bonus_usd + CAST(s.bonus_usd AS BIGINT), equity_usd = f.equity_usd + CAST(s.equity_usd AS BIGINT)
WHEN NOT MATCHED AND s.reports > 0 THEN INSERT VALUES (s.company_slug, s.job_family, s.level, s.year, s.key_period,
  s.contributor, s.reports, CAST(s.base_usd AS BIGINT), CAST(s.bonus_usd AS BIGINT), CAST(s.equity_usd AS BIGINT))`;

const MERGE_SALARY_CITY = `
MERGE INTO fact_salary_city AS f USING stage_salary_city AS s
ON f.city = s.city AND f.job_family = s.job_family AND f.year = s.year AND f.contributor = s.contributor
WHEN MATCHED AND f.reports + s.reports <= 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET reports = f.reports + s.reports, base_usd = f.base_usd + CAST(s.base_usd AS BIGINT),
  bonus_usd = f.bonus_usd + CAST(s.bonus_usd AS BIGINT), equity_usd = f.equity_usd + CAST(s.equity_usd AS BIGINT)
WHEN NOT MATCHED AND s.reports > 0 THEN INSERT VALUES (s.city, s.job_family, s.year, s.key_period, s.contributor,
  s.reports, CAST(s.base_usd AS BIGINT), CAST(s.bonus_usd AS BIGINT), CAST(s.equity_usd AS BIGINT))`;

const MERGE_BOT = `
MERGE INTO fact_bot_hour AS f USING stage_bot AS s
ON f.hour = epoch_ms(s.hour_ms) AND f.decision = s.decision AND f.reason = s.reason AND f.route_class = s.route_class
WHEN MATCHED THEN UPDATE SET events = f.events + s.events
WHEN NOT MATCHED THEN INSERT VALUES (epoch_ms(s.hour_ms), s.decision, s.reason, s.route_class, s.events)`;

/** Appends columns (column-major, equal lengths) to a TEMP table in DataChunks. */
export async function appendColumns(
  writer: DuckDBConnection,
  table: string,
  types: readonly DuckDBType[],
  columns: readonly DuckDBValue[][],
  catalog: string | null = 'temp',
): Promise<void> {
  const rows = columns[0]?.length ?? 0;
  if (rows === 0) return;
  const appender = await writer.createAppender(table, 'main', catalog);
  try {
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const end = Math.min(rows, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(types, end - start);
      chunk.setColumns(columns.map((values) => values.slice(start, end)));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

async function stageAndMerge(
  writer: DuckDBConnection,
  stage: string,
  types: readonly DuckDBType[],
  columns: DuckDBValue[][],
  merge: string,
): Promise<void> {
  if ((columns[0]?.length ?? 0) === 0) return;
  await appendColumns(writer, stage, types, columns);
  await writer.run(merge);
  await writer.run(`DELETE FROM temp.main.${stage}`);
}

export async function ensureStaging(writer: DuckDBConnection): Promise<void> {
  await writer.run(STAGING_SQL);
}

/** Applies one batch's deltas to the facts. Call inside a transaction. */
export async function applyDeltas(
  writer: DuckDBConnection,
  deltas: Deltas,
  companyName: (slug: string) => string,
): Promise<void> {
  await ensureStaging(writer);
  const slugs = [...deltas.companies];
  await stageAndMerge(
    writer,
    'stage_company',
    [VARCHAR, VARCHAR],
    [slugs, slugs.map(companyName)],
    MERGE_COMPANY,
  );

  const s = [...deltas.sentiment.values()];
  await stageAndMerge(
    writer,
    'stage_sentiment',
    [VARCHAR, VARCHAR, INTEGER, VARCHAR, BLOB, INTEGER, DOUBLE, INTEGER],
    [
      s.map((d) => d.company),
      s.map((d) => d.isoWeek),
      s.map((d) => d.weekStartDay),
      s.map((d) => d.keyPeriod),
      s.map((d) => blobValue(d.contributor)),
      s.map((d) => d.posts),
      s.map((d) => d.sentimentE4),
      s.map((d) => d.negatives),
    ],
    MERGE_SENTIMENT,
  );

  const t = [...deltas.topics.values()];
  await stageAndMerge(
    writer,
    'stage_topics',
    [VARCHAR, INTEGER, VARCHAR, BLOB, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER],
    [
      t.map((d) => d.company),
      t.map((d) => monthStartDay(d.month)),
      t.map((d) => d.keyPeriod),
      t.map((d) => blobValue(d.contributor)),
      t.map((d) => d.posts),
      ...[0, 1, 2, 3, 4, 5, 6].map((bit) => t.map((d) => d.topics[bit]!)),
    ],
    MERGE_TOPICS,
  );

  const c = [...deltas.salaryCompany.values()];
  await stageAndMerge(
    writer,
    'stage_salary_company',
    [VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, BLOB, INTEGER, DOUBLE, DOUBLE, DOUBLE],
    [
      c.map((d) => d.place),
      c.map((d) => d.jobFamily),
      c.map((d) => d.level),
      c.map((d) => d.year),
      c.map((d) => d.keyPeriod),
      c.map((d) => blobValue(d.contributor)),
      c.map((d) => d.reports),
      c.map((d) => d.baseUsd),
      c.map((d) => d.bonusUsd),
      c.map((d) => d.equityUsd),
    ],
    MERGE_SALARY_COMPANY,
  );

  const y = [...deltas.salaryCity.values()];
  await stageAndMerge(
    writer,
    'stage_salary_city',
    [VARCHAR, VARCHAR, INTEGER, VARCHAR, BLOB, INTEGER, DOUBLE, DOUBLE, DOUBLE],
    [
      y.map((d) => d.place),
      y.map((d) => d.jobFamily),
      y.map((d) => d.year),
      y.map((d) => d.keyPeriod),
      y.map((d) => blobValue(d.contributor)),
      y.map((d) => d.reports),
      y.map((d) => d.baseUsd),
      y.map((d) => d.bonusUsd),
      y.map((d) => d.equityUsd),
    ],
    MERGE_SALARY_CITY,
  );

  const b = [...deltas.bot.values()];
  await stageAndMerge(
    writer,
    'stage_bot',
    [BIGINT, VARCHAR, VARCHAR, VARCHAR, BIGINT],
    [
      b.map((d) => BigInt(d.hourMs)),
      b.map((d) => d.decision),
      b.map((d) => d.reason),
      b.map((d) => d.routeClass),
      b.map((d) => BigInt(d.events)),
    ],
    MERGE_BOT,
  );
}

/** Runs fn inside one DuckDB transaction on the writer: all of it commits, or none. */
export async function inTransaction<T>(writer: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await writer.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    await writer.run('COMMIT');
    return result;
  } catch (error) {
    await writer.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function monthStartDay(month: number): number {
  return Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000);
}
