// Writes one release: every pub_ table replaced and a releases row, in one DuckDB transaction, so a
// reader on another connection sees the previous release or this one, never a mix.
import {
  BOOLEAN,
  DATE,
  DOUBLE,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
  dateValue,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import { appendColumns } from '../etl/load.ts';

export const PUBLISHED_TABLES = [
  'pub_salary_by_company',
  'pub_salary_by_city',
  'pub_salary_split',
  'pub_sentiment_weekly',
  'pub_topics_monthly',
  'pub_bot_decisions_hourly',
] as const;
export type PublishedTable = (typeof PUBLISHED_TABLES)[number];

const TYPES: Record<Exclude<PublishedTable, 'pub_bot_decisions_hourly'>, readonly DuckDBType[]> = {
  pub_salary_by_company: [
    VARCHAR,
    VARCHAR,
    VARCHAR,
    VARCHAR,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    BOOLEAN,
    INTEGER,
  ],
  pub_salary_by_city: [
    VARCHAR,
    VARCHAR,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    BOOLEAN,
    INTEGER,
  ],
  pub_salary_split: [VARCHAR, VARCHAR, VARCHAR, INTEGER, INTEGER, DOUBLE, DOUBLE, DOUBLE, BOOLEAN, INTEGER],
  pub_sentiment_weekly: [VARCHAR, VARCHAR, DATE, VARCHAR, INTEGER, INTEGER, DOUBLE, DOUBLE, BOOLEAN, INTEGER],
  pub_topics_monthly: [VARCHAR, VARCHAR, DATE, VARCHAR, INTEGER, INTEGER, DOUBLE, BOOLEAN, INTEGER],
};

export type Row = DuckDBValue[];

export interface ReleaseRows {
  pub_salary_by_company: Row[];
  pub_salary_by_city: Row[];
  pub_salary_split: Row[];
  pub_sentiment_weekly: Row[];
  pub_topics_monthly: Row[];
}

export interface ReleaseRecord {
  releaseId: number;
  createdAtHour: string;
  kAnon: number;
  epsilon: number | null;
  epsilonSpent: number;
  notes: string;
}

export const isoDate = (iso: string): DuckDBValue =>
  dateValue(Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000));

export async function nextReleaseId(connection: DuckDBConnection): Promise<number> {
  const rows = (
    await connection.runAndReadAll('SELECT coalesce(max(release_id), 0) + 1 AS id FROM releases')
  ).getRowObjectsJS();
  return Number(rows[0]!.id);
}

export async function writeRelease(
  writer: DuckDBConnection,
  release: ReleaseRecord,
  rows: ReleaseRows,
): Promise<void> {
  for (const table of PUBLISHED_TABLES) await writer.run(`DELETE FROM ${table}`);
  for (const [table, tableRows] of Object.entries(rows) as [keyof ReleaseRows, Row[]][]) {
    const types = TYPES[table];
    const columns = types.map((_, c) => tableRows.map((row) => row[c] ?? null));
    await appendColumns(writer, table, types, columns, null);
  }
  await writer.run(
    `INSERT INTO pub_bot_decisions_hourly SELECT hour, decision, reason, route_class, events, $1 FROM fact_bot_hour`,
    [release.releaseId],
  );
  await writer.run('INSERT INTO releases VALUES ($1, CAST($2 AS TIMESTAMP), $3, $4, $5, $6)', [
    release.releaseId,
    release.createdAtHour,
    release.kAnon,
    release.epsilon,
    release.epsilonSpent,
    release.notes,
  ]);
}
