// Bounded contributions (P6), computed from the facts in SQL: each contributor weighs at most
// SENTIMENT_CAP posts in a company × week (and in a company × month for topics): a heavier poster's
// count is capped and their sentiment and topic sums scaled by cap / posts. A salary contributor
// weighs one value per cell (the mean of their reports in it). Only ended weeks and months are
// published, so consecutive releases cannot be differenced within an open period. No min or max.
import type { DuckDBConnection } from '@duckdb/node-api';
import { TOPICS, type Topic } from '../enrich/index.ts';

export interface SentimentCellData {
  company: string;
  isoWeek: string;
  weekStart: string;
  contributors: number;
  posts: number;
  sentimentSum: number;
  negatives: number;
}

export interface TopicCellData {
  company: string;
  month: string;
  topic: Topic;
  contributors: number;
  posts: number;
}

export interface MonthTotalData {
  company: string;
  month: string;
  contributors: number;
  posts: number;
}

export interface SalaryCellData {
  /** company slug or city */
  place: string;
  jobFamily: string;
  /** '' for city and split cells */
  level: string;
  year: number;
  contributors: number;
  percentiles: [number, number, number, number];
}

export interface SplitCellData {
  company: string;
  jobFamily: string;
  year: number;
  contributors: number;
  baseShare: number;
  bonusShare: number;
  equityShare: number;
}

const json = async (connection: DuckDBConnection, sql: string, params: (string | number)[] = []) =>
  (await connection.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[];

/** Week cells whose week has ended by `today` (ISO date). */
export async function boundedSentiment(
  connection: DuckDBConnection,
  cap: number,
  today: string,
): Promise<SentimentCellData[]> {
  const rows = await json(
    connection,
    `SELECT company_slug, iso_week, CAST(week_start AS VARCHAR) AS week_start, count(*) AS contributors,
       sum(least(posts, $1)) AS posts,
       sum(CAST(sentiment_sum AS DOUBLE) * least(posts, $1) / posts) AS sentiment_sum,
       sum(negatives * least(posts, $1)::DOUBLE / posts) AS negatives
     FROM fact_sentiment_week WHERE week_start + INTERVAL 7 DAY <= CAST($2 AS DATE)
     GROUP BY ALL ORDER BY company_slug, week_start`,
    [cap, today],
  );
  return rows.map((r) => ({
    company: String(r.company_slug),
    isoWeek: String(r.iso_week),
    weekStart: String(r.week_start),
    contributors: Number(r.contributors),
    posts: Number(r.posts),
    sentimentSum: Number(r.sentiment_sum),
    negatives: Number(r.negatives),
  }));
}

const UNPIVOT_TOPICS = TOPICS.join(', ');

/** Topic cells and month totals of months that have ended by `today`. */
export async function boundedTopics(
  connection: DuckDBConnection,
  cap: number,
  today: string,
): Promise<{ topics: TopicCellData[]; totals: MonthTotalData[] }> {
  const bounded = `SELECT company_slug, CAST(month AS VARCHAR) AS month, least(posts, $1) AS capped,
      least(posts, $1)::DOUBLE / posts AS w, ${UNPIVOT_TOPICS}
    FROM fact_topics_month WHERE month + INTERVAL 1 MONTH <= CAST($2 AS DATE)`;
  const topicRows = await json(
    connection,
    `WITH b AS (${bounded})
     SELECT company_slug, month, topic, count(*) FILTER (WHERE n > 0) AS contributors, sum(n * w) AS posts
     FROM (UNPIVOT b ON ${UNPIVOT_TOPICS} INTO NAME topic VALUE n)
     GROUP BY ALL HAVING count(*) FILTER (WHERE n > 0) > 0 ORDER BY ALL`,
    [cap, today],
  );
  const totalRows = await json(
    connection,
    `WITH b AS (${bounded}) SELECT company_slug, month, count(*) AS contributors, sum(capped) AS posts
     FROM b GROUP BY ALL ORDER BY ALL`,
    [cap, today],
  );
  return {
    topics: topicRows.map((r) => ({
      company: String(r.company_slug),
      month: String(r.month),
      topic: String(r.topic) as Topic,
      contributors: Number(r.contributors),
      posts: Number(r.posts),
    })),
    totals: totalRows.map((r) => ({
      company: String(r.company_slug),
      month: String(r.month),
      contributors: Number(r.contributors),
      posts: Number(r.posts),
    })),
  };
}

const PERCENTILES = '[0.25, 0.5, 0.75, 0.9]';

function toSalaryCells(rows: Record<string, unknown>[]): SalaryCellData[] {
  return rows.map((r) => {
    const q = (r.q as number[]).map((v) => Math.round(Number(v) / 1000) * 1000);
    return {
      place: String(r.place),
      jobFamily: String(r.job_family),
      level: String(r.level ?? ''),
      year: Number(r.year),
      contributors: Number(r.contributors),
      percentiles: [q[0]!, q[1]!, q[2]!, q[3]!],
    };
  });
}

/** One annual total (base + bonus + equity, USD) per contributor and cell. */
const PER_CONTRIBUTOR_COMPANY = `SELECT company_slug, job_family, level, year, contributor,
    sum(base_usd) / sum(reports) AS base, sum(bonus_usd) / sum(reports) AS bonus, sum(equity_usd) / sum(reports) AS equity
  FROM fact_salary_company GROUP BY ALL`;

export async function boundedSalaryByCompany(connection: DuckDBConnection): Promise<SalaryCellData[]> {
  return toSalaryCells(
    await json(
      connection,
      `SELECT company_slug AS place, job_family, level, year, count(*) AS contributors,
         quantile_cont(base + bonus + equity, ${PERCENTILES}) AS q
       FROM (${PER_CONTRIBUTOR_COMPANY}) GROUP BY ALL ORDER BY ALL`,
    ),
  );
}

export async function boundedSalaryByCity(connection: DuckDBConnection): Promise<SalaryCellData[]> {
  return toSalaryCells(
    await json(
      connection,
      `SELECT city AS place, job_family, '' AS level, year, count(*) AS contributors,
         quantile_cont(base + bonus + equity, ${PERCENTILES}) AS q
       FROM (SELECT city, job_family, year, contributor, sum(base_usd) / sum(reports) AS base,
               sum(bonus_usd) / sum(reports) AS bonus, sum(equity_usd) / sum(reports) AS equity
             FROM fact_salary_city GROUP BY ALL)
       GROUP BY ALL ORDER BY ALL`,
    ),
  );
}

/** Company × family × year: one report per person there at the source, so rows are contributors. */
export async function boundedSalarySplit(connection: DuckDBConnection): Promise<SplitCellData[]> {
  const rows = await json(
    connection,
    `SELECT company_slug, job_family, year, count(*) AS contributors,
       sum(base) / nullif(sum(base + bonus + equity), 0) AS base_share,
       sum(bonus) / nullif(sum(base + bonus + equity), 0) AS bonus_share,
       sum(equity) / nullif(sum(base + bonus + equity), 0) AS equity_share
     FROM (${PER_CONTRIBUTOR_COMPANY}) GROUP BY company_slug, job_family, year ORDER BY ALL`,
  );
  return rows.map((r) => ({
    company: String(r.company_slug),
    jobFamily: String(r.job_family),
    year: Number(r.year),
    contributors: Number(r.contributors),
    baseShare: Number(r.base_share ?? 0),
    bonusShare: Number(r.bonus_share ?? 0),
    equityShare: Number(r.equity_share ?? 0),
  }));
}
