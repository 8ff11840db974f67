// The sentiment page: its filters (company, month) resolved against what is published, then the
// mood, posts, share-negative, topic heat map and biggest-movers charts of charts.ts.
import type { PublishedData } from '../data/published-data.ts';
import { monthTitle } from '../specs/topic-heatmap.ts';
import { notPublishedYet } from '../warehouse/warehouse-reader.ts';
import { choose, type FilterChoice, type PageText, type ResolvedPage, UNUSED_CONTEXT } from './page-model.ts';

export interface SentimentQuery {
  company?: string;
  month?: string;
}

export async function resolveSentiment(
  data: PublishedData,
  query: SentimentQuery,
  width?: number,
): Promise<ResolvedPage> {
  // One round trip for every choice: companies (weighted by posts) and months with topics.
  const choices = await data.lookup(
    `SELECT 'company' AS kind, CAST(company_slug AS VARCHAR) AS value,
            CAST(any_value(company_name) AS VARCHAR) AS label, CAST(coalesce(sum(posts), 0) AS DOUBLE) AS weight
       FROM pub_sentiment_weekly GROUP BY company_slug
     UNION ALL
     SELECT DISTINCT 'month', strftime(CAST(month AS DATE), '%Y-%m'), NULL, NULL FROM pub_topics_monthly`,
  );
  const rows = (choices.columns[0] ?? []).map((kind, i) => ({
    kind: String(kind),
    value: String(choices.columns[1]?.[i]),
    label: String(choices.columns[2]?.[i] ?? choices.columns[1]?.[i]),
    weight: Number(choices.columns[3]?.[i] ?? 0),
  }));
  const companies = rows
    .filter((r) => r.kind === 'company')
    .sort((a, b) => a.label.localeCompare(b.label, 'en') || a.value.localeCompare(b.value));
  const months = rows
    .filter((r) => r.kind === 'month')
    .map((r) => r.value)
    .sort()
    .reverse();
  if (companies.length === 0 || months.length === 0) throw notPublishedYet('the sentiment tables are empty');

  const companyChoices: FilterChoice[] = companies.map(({ value, label }) => ({ value, label }));
  const busiest = companies.reduce((best, c) => (c.weight > best.weight ? c : best), companies[0]!).value;
  const monthChoices = months.map((m) => ({ value: m, label: monthTitle(m) }));

  const notices: string[] = [];
  const company = choose(query.company, companyChoices, busiest, 'the company', notices);
  const month = choose(query.month, monthChoices, monthChoices[0]?.value ?? '1970-01', 'the month', notices);
  const release = await data.latestRelease();

  return {
    context: {
      ...UNUSED_CONTEXT,
      k: data.kOf(release),
      width,
      company: { slug: company, name: companyChoices.find((c) => c.value === company)?.label ?? company },
      month,
    },
    filters: [
      { name: 'company', label: 'Company', value: company, choices: companyChoices },
      { name: 'month', label: 'Month (topics and movers)', value: month, choices: monthChoices },
    ],
    notices,
    releaseId: release?.release_id ?? null,
  };
}

/** The page's heading and what it shows; routes.ts draws the page from this and the resolved filters. */
export const SENTIMENT_TEXT: PageText = {
  title: 'Workplace sentiment',
  intro:
    'Mood and topics of forum posts per company. Each person counts for a capped number of posts a week; weeks and cells with too few people posting are not shown.',
};
