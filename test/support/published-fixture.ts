// A DuckDB warehouse file holding the published tables exactly as the analytics ETL publishes them,
// with realistic, deterministic rows (including suppressed cells and an older release), so the
// data API, the pages, the reports and the browser tests read a real file. Size is tunable for
// benchmarks: 200 companies × 104 weeks ≈ 1M posts.
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  dateValue,
  timestampValue,
} from '@duckdb/node-api';
import { DECISIONS, JOB_FAMILIES, LEVELS, TOPICS } from '../../dashboards/domain.ts';

export interface FixtureOptions {
  /** Companies beyond the eight named ones are generated (company-009…). Default 8. */
  companies?: number;
  /** Weeks of sentiment, ending with the week before `now`. Default 30. */
  weeks?: number;
  /** Mean posts per company-week before the cap. Default 40. */
  postsPerWeek?: number;
  years?: readonly number[];
  k?: number;
  now?: Date;
  seed?: number;
}

export interface FixtureSummary {
  path: string;
  releaseId: number;
  olderReleaseId: number;
  k: number;
  companies: { slug: string; name: string }[];
  posts: number;
  rows: Record<string, number>;
  latestYear: number;
  latestMonth: string;
}

const NAMED_COMPANIES = [
  ['acme', 'Acme Corp'],
  ['globex', 'Globex'],
  ['initech', 'Initech'],
  ['umbrella', 'Umbrella'],
  ['hooli', 'Hooli'],
  ['tiny-co', 'Tiny Co'],
  ['wayne-enterprises', 'Wayne Enterprises'],
  ['stark-industries', 'Stark Industries'],
] as const;

export const FIXTURE_CITIES = [
  'San Francisco',
  'New York',
  'London',
  'Berlin',
  'Shanghai',
  'Beijing',
  'Bangalore',
  'São Paulo',
  'Reykjavík',
];

const REASONS = ['bot-user-agent', 'missing-sec-fetch', 'regular-intervals', 'deep-pagination', 'trap-link'];
const ROUTE_CLASSES = ['read', 'list', 'auth'];
const DAY_MS = 86_400_000;

/** mulberry32: small, fast, deterministic. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
type Value = string | number | boolean | Date | null;

function append(appender: DuckDBAppender, type: ColumnType, value: Value): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  switch (type) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      break;
    case 'INTEGER':
      appender.appendInteger(Number(value));
      break;
    case 'BIGINT':
      appender.appendBigInt(BigInt(Math.round(Number(value))));
      break;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      break;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
      break;
    case 'DATE':
      appender.appendDate(dateValue(Math.floor((value as Date).getTime() / DAY_MS)));
      break;
    case 'TIMESTAMP':
      appender.appendTimestamp(timestampValue(BigInt((value as Date).getTime()) * 1000n));
      break;
  }
}

async function createTable(
  connection: DuckDBConnection,
  name: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly Value[][],
): Promise<number> {
  await connection.run(
    `CREATE OR REPLACE TABLE ${name} (${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`,
  );
  const appender = await connection.createAppender(name);
  for (const row of rows) {
    columns.forEach(([, type], i) => {
      append(appender, type, row[i] ?? null);
    });
    appender.endRow();
  }
  appender.closeSync();
  return rows.length;
}

const round = (n: number, step = 500) => Math.round(n / step) * step;

function percentiles(median: number, spread: number): [number, number, number, number] {
  return [
    round(median * (1 - spread)),
    round(median),
    round(median * (1 + spread)),
    round(median * (1 + 2.2 * spread)),
  ];
}

function mondayOnOrBefore(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const offset = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - offset * DAY_MS);
}

function isoWeek(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Writes (or replaces) the published tables in the DuckDB file at `path`. */
export async function writePublishedFixture(
  path: string,
  options: FixtureOptions = {},
): Promise<FixtureSummary> {
  const k = options.k ?? 5;
  const now = options.now ?? new Date('2026-03-02T10:00:00Z');
  const years = options.years ?? [2023, 2024, 2025];
  const weeks = options.weeks ?? 30;
  const postsPerWeek = options.postsPerWeek ?? 40;
  const random = randomFrom(options.seed ?? 20_260_302);
  const companies = [
    ...NAMED_COMPANIES.map(([slug, name]) => ({ slug, name })),
    ...Array.from({ length: Math.max(0, (options.companies ?? 8) - NAMED_COMPANIES.length) }, (_, i) => ({
      slug: `company-${String(i + 9).padStart(3, '0')}`,
      name: `Company ${String(i + 9).padStart(3, '0')}`,
    })),
  ];
  const releaseId = 2;
  const olderReleaseId = 1;
  // Company size drives how many people report: acme is the biggest, tiny-co almost always too small.
  const size = (slug: string) => (slug === 'acme' ? 3 : slug === 'tiny-co' ? 0.05 : 0.5 + random() * 1.5);
  const sizes = new Map(companies.map((c) => [c.slug, size(c.slug)]));
  const familyBase: Record<string, number> = {
    engineering: 95_000,
    product: 90_000,
    data: 88_000,
    design: 80_000,
  };
  const cell = (reporters: number) => (reporters < k ? null : reporters);

  const salaryByCompany: Value[][] = [];
  const salarySplit: Value[][] = [];
  for (const company of companies) {
    const companySize = sizes.get(company.slug) ?? 1;
    const payFactor = 0.8 + random() * 0.5;
    for (const family of JOB_FAMILIES) {
      const familySize = family === 'engineering' ? 3 : family === 'legal' ? 0.15 : 0.4 + random();
      for (const year of years) {
        LEVELS.forEach((level, levelIndex) => {
          let reporters = Math.round(
            companySize * familySize * (14 - levelIndex * 1.7) * (0.6 + random() * 0.8),
          );
          // Known small cells so every page shows "fewer than k reports" somewhere.
          if (company.slug === 'acme' && family === 'engineering' && level === 'L8' && year === years.at(-1))
            reporters = 2;
          if (company.slug === 'acme' && family === 'engineering' && level === 'L7' && year === years.at(-2))
            reporters = 3;
          const contributors = cell(reporters);
          const median =
            (familyBase[family] ?? 65_000) * payFactor * 1.18 ** levelIndex * (1 + 0.04 * (year - years[0]!));
          const stats =
            contributors === null ? [null, null, null, null] : percentiles(median, 0.08 + random() * 0.08);
          salaryByCompany.push([
            company.slug,
            company.name,
            family,
            level,
            year,
            contributors,
            ...stats,
            contributors === null,
            releaseId,
          ]);
        });
        const reporters = Math.round(companySize * familySize * 40 * (0.6 + random() * 0.8));
        const contributors = cell(reporters);
        const equity = family === 'sales' ? 0.05 + random() * 0.1 : 0.1 + random() * 0.25;
        const bonus = family === 'sales' ? 0.25 + random() * 0.15 : 0.05 + random() * 0.1;
        salarySplit.push([
          company.slug,
          company.name,
          family,
          year,
          contributors,
          contributors === null ? null : 1 - equity - bonus,
          contributors === null ? null : bonus,
          contributors === null ? null : equity,
          contributors === null,
          releaseId,
        ]);
      }
    }
  }

  const salaryByCity: Value[][] = [];
  const cityPay: Record<string, number> = {
    'San Francisco': 1.35,
    'New York': 1.25,
    London: 0.95,
    Berlin: 0.8,
    Shanghai: 0.7,
    Beijing: 0.72,
    Bangalore: 0.45,
    'São Paulo': 0.5,
    Reykjavík: 0.85,
  };
  for (const city of FIXTURE_CITIES) {
    for (const family of JOB_FAMILIES) {
      for (const year of years) {
        const reporters =
          city === 'Reykjavík' ? 3 : Math.round(5 + random() * 120 * (family === 'legal' ? 0.05 : 1));
        const contributors = cell(reporters);
        const median =
          (familyBase[family] ?? 65_000) * (cityPay[city] ?? 1) * (1 + 0.04 * (year - years[0]!));
        const stats =
          contributors === null ? [null, null, null, null] : percentiles(median, 0.12 + random() * 0.1);
        salaryByCity.push([city, family, year, contributors, ...stats, contributors === null, releaseId]);
      }
    }
  }

  const lastMonday = mondayOnOrBefore(new Date(now.getTime() - 7 * DAY_MS));
  const sentimentWeekly: Value[][] = [];
  const monthly = new Map<string, { company: (typeof companies)[number]; month: Date; posts: number }>();
  let totalPosts = 0;
  for (const company of companies) {
    const companySize = sizes.get(company.slug) ?? 1;
    let mood = -0.2 + random() * 0.4;
    for (let w = weeks - 1; w >= 0; w--) {
      const monday = new Date(lastMonday.getTime() - w * 7 * DAY_MS);
      mood = Math.max(-0.9, Math.min(0.9, mood + (random() - 0.5) * 0.15));
      const people = Math.round(companySize * (postsPerWeek / 4) * (0.5 + random()));
      const forcedSmall = company.slug === 'acme' && (w === 10 || w === 11);
      const contributors = forcedSmall ? null : cell(people);
      const posts = contributors === null ? null : Math.round(contributors * (2 + random() * 4));
      if (posts !== null) totalPosts += posts;
      sentimentWeekly.push([
        company.slug,
        company.name,
        monday,
        isoWeek(monday),
        posts,
        contributors,
        posts === null ? null : Math.round(mood * 1000) / 1000,
        posts === null ? null : Math.round((0.3 - mood * 0.4 + random() * 0.1) * 1000) / 1000,
        contributors === null,
        releaseId,
      ]);
      const monthStart = new Date(Date.UTC(monday.getUTCFullYear(), monday.getUTCMonth(), 1));
      const key = `${company.slug}|${monthStart.toISOString()}`;
      const entry = monthly.get(key) ?? { company, month: monthStart, posts: 0 };
      entry.posts += posts ?? Math.round(people * 2);
      monthly.set(key, entry);
    }
  }

  const topicsMonthly: Value[][] = [];
  for (const { company, month, posts } of monthly.values()) {
    for (const topic of TOPICS) {
      const share = topic === 'overtime' ? 0.2 + random() * 0.3 : 0.03 + random() * 0.25;
      const topicPosts = Math.round(posts * share);
      const contributors = cell(Math.round(topicPosts / 3));
      topicsMonthly.push([
        company.slug,
        company.name,
        month,
        topic,
        contributors === null ? null : topicPosts,
        contributors,
        contributors === null ? null : Math.round(share * 1000) / 1000,
        contributors === null,
        releaseId,
      ]);
    }
  }

  const botDecisions: Value[][] = [];
  const firstHour = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 48 * 3_600_000;
  for (let h = 0; h < 48; h++) {
    const hour = new Date(firstHour + h * 3_600_000);
    const attack = h >= 30 && h < 34 ? 8 : 1;
    for (const decision of DECISIONS.filter((d) => d !== 'allow')) {
      for (const reason of REASONS) {
        const routeClass = ROUTE_CLASSES[Math.floor(random() * ROUTE_CLASSES.length)]!;
        if (random() < 0.6)
          botDecisions.push([
            hour,
            decision,
            reason,
            routeClass,
            Math.ceil(random() * 40 * attack),
            releaseId,
          ]);
      }
    }
  }

  const instance = await DuckDBInstance.fromCache(path);
  const connection = await instance.connect();
  const rows: Record<string, number> = {};
  try {
    await connection.run('BEGIN TRANSACTION');
    const stats = [
      ['p25', 'INTEGER'],
      ['p50', 'INTEGER'],
      ['p75', 'INTEGER'],
      ['p90', 'INTEGER'],
    ] as const;
    rows.pub_salary_by_company = await createTable(
      connection,
      'pub_salary_by_company',
      [
        ['company_slug', 'VARCHAR'],
        ['company_name', 'VARCHAR'],
        ['job_family', 'VARCHAR'],
        ['level', 'VARCHAR'],
        ['year', 'INTEGER'],
        ['contributors', 'INTEGER'],
        ...stats,
        ['suppressed', 'BOOLEAN'],
        ['release_id', 'INTEGER'],
      ],
      salaryByCompany,
    );
    rows.pub_salary_by_city = await createTable(
      connection,
      'pub_salary_by_city',
      [
        ['city', 'VARCHAR'],
        ['job_family', 'VARCHAR'],
        ['year', 'INTEGER'],
        ['contributors', 'INTEGER'],
        ...stats,
        ['suppressed', 'BOOLEAN'],
        ['release_id', 'INTEGER'],
      ],
      salaryByCity,
    );
    rows.pub_salary_split = await createTable(
      connection,
      'pub_salary_split',
      [
        ['company_slug', 'VARCHAR'],
        ['company_name', 'VARCHAR'],
        ['job_family', 'VARCHAR'],
        ['year', 'INTEGER'],
        ['contributors', 'INTEGER'],
        ['base_share', 'DOUBLE'],
        ['bonus_share', 'DOUBLE'],
        ['equity_share', 'DOUBLE'],
        ['suppressed', 'BOOLEAN'],
        ['release_id', 'INTEGER'],
      ],
      salarySplit,
    );
    rows.pub_sentiment_weekly = await createTable(
      connection,
      'pub_sentiment_weekly',
      [
        ['company_slug', 'VARCHAR'],
        ['company_name', 'VARCHAR'],
        ['week_start', 'DATE'],
        ['iso_week', 'VARCHAR'],
        ['posts', 'INTEGER'],
        ['contributors', 'INTEGER'],
        ['mean_sentiment', 'DOUBLE'],
        ['share_negative', 'DOUBLE'],
        ['suppressed', 'BOOLEAN'],
        ['release_id', 'INTEGER'],
      ],
      sentimentWeekly,
    );
    rows.pub_topics_monthly = await createTable(
      connection,
      'pub_topics_monthly',
      [
        ['company_slug', 'VARCHAR'],
        ['company_name', 'VARCHAR'],
        ['month', 'DATE'],
        ['topic', 'VARCHAR'],
        ['posts', 'INTEGER'],
        ['contributors', 'INTEGER'],
        ['share', 'DOUBLE'],
        ['suppressed', 'BOOLEAN'],
        ['release_id', 'INTEGER'],
      ],
      topicsMonthly,
    );
    rows.pub_bot_decisions_hourly = await createTable(
      connection,
      'pub_bot_decisions_hourly',
      [
        ['hour', 'TIMESTAMP'],
        ['decision', 'VARCHAR'],
        ['reason', 'VARCHAR'],
        ['route_class', 'VARCHAR'],
        ['events', 'BIGINT'],
        ['release_id', 'INTEGER'],
      ],
      botDecisions,
    );
    rows.releases = await createTable(
      connection,
      'releases',
      [
        ['release_id', 'INTEGER'],
        ['created_at', 'TIMESTAMP'],
        ['k_anon', 'INTEGER'],
        ['epsilon', 'DOUBLE'],
        ['epsilon_spent', 'DOUBLE'],
        ['notes', 'VARCHAR'],
      ],
      [
        [olderReleaseId, new Date(now.getTime() - 7 * DAY_MS), k, null, 0, 'Weekly release.'],
        [releaseId, new Date(now.getTime() - 3_600_000), k, null, 0, 'Weekly release.'],
      ],
    );
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connection.disconnectSync();
  }
  const lastWeekMonth = new Date(Date.UTC(lastMonday.getUTCFullYear(), lastMonday.getUTCMonth(), 1));
  return {
    path,
    releaseId,
    olderReleaseId,
    k,
    companies,
    posts: totalPosts,
    rows,
    latestYear: years.at(-1)!,
    latestMonth: lastWeekMonth.toISOString().slice(0, 7),
  };
}

/** Drops the published tables again (the state before the first ETL run). */
export async function dropPublishedTables(path: string): Promise<void> {
  const instance = await DuckDBInstance.fromCache(path);
  const connection = await instance.connect();
  try {
    for (const table of [
      'pub_salary_by_company',
      'pub_salary_by_city',
      'pub_salary_split',
      'pub_sentiment_weekly',
      'pub_topics_monthly',
      'pub_bot_decisions_hourly',
      'releases',
    ]) {
      await connection.run(`DROP TABLE IF EXISTS ${table}`);
    }
  } finally {
    connection.disconnectSync();
  }
}
