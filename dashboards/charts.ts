// Every chart the dashboards draw, in one list: its page, the named dataset its spec reads, where
// those rows come from (a published table and filters, or a list in the operator API's summary)
// and its spec builder. Pages, the static report and the tests all walk this list.
import {
  LIVE_MINUTES,
  METRICS_URL,
  PRESSURE_SERIES,
  RECENT_EVENTS_URL,
  SUMMARY_URL,
  TOP_SOURCES_URL,
} from './live-endpoints.ts';
import { BIGGEST_MOVERS_DATA, biggestMoversSpec, monthStartMs } from './specs/biggest-movers.ts';
import { BOT_DECISIONS_HOURLY_DATA, botDecisionsHourlySpec } from './specs/bot-decisions-hourly.ts';
import { CITY_COMPARISON_DATA, cityComparisonSpec } from './specs/city-comparison.ts';
import type { Spec } from './specs/common.ts';
import { COMPANY_COMPARISON_DATA, companyComparisonSpec } from './specs/company-comparison.ts';
import { DECISIONS_PER_MINUTE_DATA, decisionsPerMinuteSpec } from './specs/decisions-per-minute.ts';
import { DEFENCE_PRESSURE_DATA, defencePressureSpec } from './specs/defence-pressure.ts';
import { PAY_SPLIT_DATA, paySplitSpec } from './specs/pay-split.ts';
import {
  LIVE_TOP_FINGERPRINTS_DATA,
  LIVE_TOP_NETWORK_KEYS_DATA,
  LIVE_TOP_REASONS_DATA,
  liveTopFingerprintsSpec,
  liveTopNetworkKeysSpec,
  liveTopReasonsSpec,
  warehouseTopReasonsSpec,
} from './specs/ranked-bars.ts';
import { SALARY_BANDS_DATA, salaryBandsSpec } from './specs/salary-bands.ts';
import { SALARY_TREND_DATA, salaryTrendSpec } from './specs/salary-trend.ts';
import { SENTIMENT_WEEKLY_DATA, sentimentTrendSpec } from './specs/sentiment-trend.ts';
import { shareNegativeSpec } from './specs/share-negative.ts';
import { TOPIC_HEATMAP_DATA, topicHeatmapSpec } from './specs/topic-heatmap.ts';
import { weeklyPostsSpec } from './specs/weekly-posts.ts';

/** The filters of every page, resolved to concrete values. */
export interface ChartContext {
  readonly k: number;
  /** Pixels for reports; pages leave it unset and get 'container'. */
  readonly width?: number | 'container';
  readonly company: { readonly slug: string; readonly name: string };
  readonly jobFamily: string;
  readonly year: number;
  readonly level: string;
  /** YYYY-MM */
  readonly month: string;
}

export type ChartSource =
  | { readonly kind: 'table'; readonly table: string; readonly filters: Record<string, string | number> }
  | LiveSource
  | MetricsSource;

/** JSON from the operator API: the rows are `body[pick]`; timeFields are ISO strings made ms. */
export interface LiveSource {
  readonly kind: 'live';
  readonly url: string;
  readonly pick: string;
  readonly timeFields: readonly string[];
}

/** Prometheus text: one row { series: label, value } per counter, summed over its labels. */
export interface MetricsSource {
  readonly kind: 'metrics';
  readonly url: string;
  readonly series: readonly { readonly metric: string; readonly label: string }[];
}

export interface ChartDefinition {
  readonly id: string;
  readonly title: string;
  readonly page: 'salaries' | 'sentiment' | 'operator';
  readonly dataName: string;
  source(context: ChartContext): ChartSource;
  spec(context: ChartContext): Spec;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the month before, and the last day of the chosen month, as YYYY-MM-DD. */
export function twoMonthWindow(month: string): { from: string; to: string } {
  const start = new Date(monthStartMs(month));
  const previous = new Date(start);
  previous.setUTCMonth(previous.getUTCMonth() - 1);
  const next = new Date(start);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from: isoDate(previous.getTime()), to: isoDate(next.getTime() - 86_400_000) };
}

const table = (name: string, filters: Record<string, string | number> = {}): ChartSource => ({
  kind: 'table',
  table: name,
  filters,
});
const live = (url: string, pick: string, timeFields: string[] = []): ChartSource => ({
  kind: 'live',
  url,
  pick,
  timeFields,
});
const widthOf = (c: ChartContext) => c.width ?? 'container';

export const CHARTS: readonly ChartDefinition[] = [
  {
    id: 'salary-bands',
    title: 'Pay by level',
    page: 'salaries',
    dataName: SALARY_BANDS_DATA,
    source: (c) =>
      table('pub_salary_by_company', { company_slug: c.company.slug, job_family: c.jobFamily, year: c.year }),
    spec: (c) =>
      salaryBandsSpec({
        k: c.k,
        width: widthOf(c),
        companyName: c.company.name,
        jobFamily: c.jobFamily,
        year: c.year,
      }),
  },
  {
    id: 'pay-split',
    title: 'Base, bonus and equity',
    page: 'salaries',
    dataName: PAY_SPLIT_DATA,
    source: (c) => table('pub_salary_split', { company_slug: c.company.slug, year: c.year }),
    spec: (c) => paySplitSpec({ k: c.k, width: widthOf(c), companyName: c.company.name, year: c.year }),
  },
  {
    id: 'salary-trend',
    title: 'Trend by year',
    page: 'salaries',
    dataName: SALARY_TREND_DATA,
    source: (c) => table('pub_salary_by_company', { company_slug: c.company.slug, job_family: c.jobFamily }),
    spec: (c) =>
      salaryTrendSpec({ k: c.k, width: widthOf(c), companyName: c.company.name, jobFamily: c.jobFamily }),
  },
  {
    id: 'city-comparison',
    title: 'City comparison',
    page: 'salaries',
    dataName: CITY_COMPARISON_DATA,
    source: (c) => table('pub_salary_by_city', { job_family: c.jobFamily, year: c.year }),
    spec: (c) => cityComparisonSpec({ k: c.k, width: widthOf(c), jobFamily: c.jobFamily, year: c.year }),
  },
  {
    id: 'company-comparison',
    title: 'Company comparison',
    page: 'salaries',
    dataName: COMPANY_COMPARISON_DATA,
    source: (c) => table('pub_salary_by_company', { job_family: c.jobFamily, level: c.level, year: c.year }),
    spec: (c) =>
      companyComparisonSpec({
        k: c.k,
        width: widthOf(c),
        jobFamily: c.jobFamily,
        level: c.level,
        year: c.year,
      }),
  },
  {
    id: 'sentiment-trend',
    title: 'Weekly mood',
    page: 'sentiment',
    dataName: SENTIMENT_WEEKLY_DATA,
    source: (c) => table('pub_sentiment_weekly', { company_slug: c.company.slug }),
    spec: (c) => sentimentTrendSpec({ k: c.k, width: widthOf(c), companyName: c.company.name }),
  },
  {
    id: 'weekly-posts',
    title: 'Posts per week',
    page: 'sentiment',
    dataName: SENTIMENT_WEEKLY_DATA,
    source: (c) => table('pub_sentiment_weekly', { company_slug: c.company.slug }),
    spec: (c) => weeklyPostsSpec({ k: c.k, width: widthOf(c), companyName: c.company.name }),
  },
  {
    id: 'share-negative',
    title: 'Share negative',
    page: 'sentiment',
    dataName: SENTIMENT_WEEKLY_DATA,
    source: (c) => table('pub_sentiment_weekly', { company_slug: c.company.slug }),
    spec: (c) => shareNegativeSpec({ k: c.k, width: widthOf(c), companyName: c.company.name }),
  },
  {
    id: 'topic-heatmap',
    title: 'Topics by company',
    page: 'sentiment',
    dataName: TOPIC_HEATMAP_DATA,
    source: (c) => table('pub_topics_monthly', { month: isoDate(monthStartMs(c.month)) }),
    spec: (c) => topicHeatmapSpec({ k: c.k, width: widthOf(c), month: c.month }),
  },
  {
    id: 'biggest-movers',
    title: 'Biggest movers',
    page: 'sentiment',
    dataName: BIGGEST_MOVERS_DATA,
    source: (c) => {
      const window = twoMonthWindow(c.month);
      return table('pub_sentiment_weekly', { week_start_from: window.from, week_start_to: window.to });
    },
    spec: (c) => biggestMoversSpec({ k: c.k, width: widthOf(c), month: c.month }),
  },
  {
    id: 'live-decisions-per-minute',
    title: 'Decisions per minute',
    page: 'operator',
    dataName: DECISIONS_PER_MINUTE_DATA,
    source: () => live(RECENT_EVENTS_URL, 'events', ['occurredAt']),
    spec: (c) => decisionsPerMinuteSpec({ k: c.k, width: widthOf(c), minutes: LIVE_MINUTES }),
  },
  {
    id: 'live-defence-pressure',
    title: '429s, challenges and trap hits',
    page: 'operator',
    dataName: DEFENCE_PRESSURE_DATA,
    source: () => ({ kind: 'metrics', url: METRICS_URL, series: PRESSURE_SERIES }),
    spec: (c) => defencePressureSpec({ k: c.k, width: widthOf(c) }),
  },
  {
    id: 'live-top-reasons',
    title: 'Top reasons',
    page: 'operator',
    dataName: LIVE_TOP_REASONS_DATA,
    source: () => live(SUMMARY_URL, 'byReason'),
    spec: (c) => liveTopReasonsSpec({ k: c.k, width: widthOf(c) }),
  },
  {
    id: 'live-top-fingerprints',
    title: 'Top fingerprints',
    page: 'operator',
    dataName: LIVE_TOP_FINGERPRINTS_DATA,
    source: () => live(TOP_SOURCES_URL, 'fingerprints'),
    spec: (c) => liveTopFingerprintsSpec({ k: c.k, width: widthOf(c) }),
  },
  {
    id: 'live-top-network-keys',
    title: 'Top network keys',
    page: 'operator',
    dataName: LIVE_TOP_NETWORK_KEYS_DATA,
    source: () => live(TOP_SOURCES_URL, 'networks'),
    spec: (c) => liveTopNetworkKeysSpec({ k: c.k, width: widthOf(c) }),
  },
  {
    id: 'bot-decisions-hourly',
    title: 'Decisions per hour (warehouse)',
    page: 'operator',
    dataName: BOT_DECISIONS_HOURLY_DATA,
    source: () => table('pub_bot_decisions_hourly'),
    spec: (c) => botDecisionsHourlySpec({ k: c.k, width: widthOf(c) }),
  },
  {
    id: 'warehouse-top-reasons',
    title: 'Top reasons (warehouse)',
    page: 'operator',
    dataName: BOT_DECISIONS_HOURLY_DATA,
    source: () => table('pub_bot_decisions_hourly'),
    spec: (c) => warehouseTopReasonsSpec({ k: c.k, width: widthOf(c), dataName: BOT_DECISIONS_HOURLY_DATA }),
  },
];

export function chartsOf(page: ChartDefinition['page']): readonly ChartDefinition[] {
  return CHARTS.filter((chart) => chart.page === page);
}
