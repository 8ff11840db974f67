// A test world for the warehouse: test services (fresh database, temp DATA_DIR, ManualClock at
// 2026-03-02, key chains from 2026-01-01) plus a temp DuckDB file, and one-line ETL and publish.
import type { DuckDBConnection } from '@duckdb/node-api';
import { runEtl, type EtlDeps, type EtlSummary } from '../../../analytics/etl/index.ts';
import { publish, type PublishSummary } from '../../../analytics/publish/index.ts';
import type { Warehouse } from '../../../analytics/warehouse.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';
import { tempWarehouse } from './seed.ts';

export interface EtlFixture {
  services: TestServices;
  warehouse: Warehouse;
  etl(options?: Partial<EtlDeps>): Promise<EtlSummary>;
  publish(options?: { complementary?: boolean }): Promise<PublishSummary>;
  rows(sql: string, params?: (string | number)[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export const GENESIS = new Date('2026-01-01T00:00:00Z');

export async function openEtlFixture(
  env: Record<string, string> = {},
  start = '2026-03-02T10:00:00Z',
): Promise<EtlFixture> {
  const services = await openTestServices(env, { start, genesis: GENESIS });
  const warehouse = await tempWarehouse(services.dataDir);
  return {
    services,
    warehouse,
    etl: (options = {}) =>
      runEtl({
        db: services.db,
        keys: services.keys,
        clock: services.clock,
        config: services.config,
        warehouse,
        ...options,
      }),
    publish: (options = {}) =>
      publish({ warehouse, clock: services.clock, config: services.config, ...options }),
    rows: (sql, params = []) => jsonRows(warehouse.connection, sql, params),
    async close() {
      warehouse.close();
      await services.close();
    },
  };
}

export async function jsonRows(
  connection: DuckDBConnection,
  sql: string,
  params: (string | number)[] = [],
): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[];
}

/** Cell-level aggregates of every fact table: equal for two warehouses that counted the same rows. */
export interface FactFingerprint {
  sentiment: Record<string, unknown>[];
  topics: Record<string, unknown>[];
  salaryCompany: Record<string, unknown>[];
  salaryCity: Record<string, unknown>[];
  bot: Record<string, unknown>[];
}

export async function factFingerprint(connection: DuckDBConnection): Promise<FactFingerprint> {
  const q = async (sql: string) => jsonRows(connection, sql);
  return {
    sentiment: await q(
      `SELECT company_slug, iso_week, count(*) AS contributors, sum(posts) AS posts,
         CAST(sum(sentiment_sum) AS VARCHAR) AS sentiment, sum(negatives) AS negatives
       FROM fact_sentiment_week GROUP BY ALL ORDER BY ALL`,
    ),
    topics: await q(
      `SELECT company_slug, CAST(month AS VARCHAR) AS month, count(*) AS contributors, sum(posts) AS posts,
         sum(overtime) AS overtime, sum(pay) AS pay, sum(management) AS management
       FROM fact_topics_month GROUP BY ALL ORDER BY ALL`,
    ),
    salaryCompany: await q(
      `SELECT company_slug, job_family, level, year, count(*) AS contributors, sum(reports) AS reports,
         sum(base_usd) AS base, sum(bonus_usd) AS bonus, sum(equity_usd) AS equity
       FROM fact_salary_company GROUP BY ALL ORDER BY ALL`,
    ),
    salaryCity: await q(
      `SELECT city, job_family, year, count(*) AS contributors, sum(reports) AS reports, sum(base_usd) AS base
       FROM fact_salary_city GROUP BY ALL ORDER BY ALL`,
    ),
    bot: await q(
      'SELECT CAST(hour AS VARCHAR) AS hour, decision, reason, route_class, events FROM fact_bot_hour ORDER BY ALL',
    ),
  };
}
