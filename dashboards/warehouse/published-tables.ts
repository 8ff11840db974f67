// The allow-list of what the data API and the pages may read: every published table, its columns
// (with the words the data dictionary shows), which columns can be filtered and how, and who may
// read it. Nothing outside this list is reachable, and only these column names are ever selected.
import { DECISIONS, JOB_FAMILIES, LEVELS, TOPICS } from '../domain.ts';

export type ColumnKind = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp';

/**
 * equals: `?col=a,b` (one value or a comma list); range: `?col_from=…&col_to=…` (inclusive) as well
 * as `?col=…`. Allowed values are checked before any SQL runs.
 */
export type FilterKind = 'equals' | 'range';

export interface PublishedColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly description: string;
  readonly filter?: FilterKind;
  /** The closed vocabulary of a text column, when there is one. */
  readonly values?: readonly string[];
}

export type Audience = 'public' | 'operator';

export interface PublishedTable {
  readonly name: string;
  readonly description: string;
  readonly audience: Audience;
  readonly columns: readonly PublishedColumn[];
  /** Stable output order, so equal queries give byte-equal bodies (and ETags). */
  readonly orderBy: readonly string[];
}

const release: PublishedColumn = {
  name: 'release_id',
  kind: 'integer',
  description:
    'The release this row belongs to (see the releases table); every row of a table comes from the same, newest release.',
  filter: 'equals',
};
const suppressed: PublishedColumn = {
  name: 'suppressed',
  kind: 'boolean',
  description:
    'True when the cell had fewer than k contributors (or was suppressed to protect another cell); its statistics are then null.',
  filter: 'equals',
};
const contributors = (what: string): PublishedColumn => ({
  name: 'contributors',
  kind: 'integer',
  description: `Distinct people behind the cell (${what}); null when suppressed.`,
});
const company: PublishedColumn[] = [
  { name: 'company_slug', kind: 'text', description: 'Company identifier (URL-safe).', filter: 'equals' },
  { name: 'company_name', kind: 'text', description: 'Company name as shown to people.' },
];
const jobFamily: PublishedColumn = {
  name: 'job_family',
  kind: 'text',
  description: 'Job family.',
  filter: 'equals',
  values: JOB_FAMILIES,
};
const year: PublishedColumn = {
  name: 'year',
  kind: 'integer',
  description: 'Calendar year of the salary reports.',
  filter: 'range',
};
const percentile = (p: number): PublishedColumn => ({
  name: `p${p}`,
  kind: 'number',
  description: `${p}th percentile of annual total pay (base + bonus + equity) in USD; null when suppressed.`,
});
const percentiles = [percentile(25), percentile(50), percentile(75), percentile(90)];

export const PUBLISHED_TABLES: readonly PublishedTable[] = [
  {
    name: 'pub_salary_by_company',
    description: 'Annual total pay percentiles per company, job family, level and year.',
    audience: 'public',
    columns: [
      ...company,
      jobFamily,
      {
        name: 'level',
        kind: 'text',
        description: 'Level, L1 (entry) to L8.',
        filter: 'equals',
        values: LEVELS,
      },
      year,
      contributors('one salary report per person'),
      ...percentiles,
      suppressed,
      release,
    ],
    orderBy: ['company_slug', 'job_family', 'level', 'year'],
  },
  {
    name: 'pub_salary_by_city',
    description: 'Annual total pay percentiles per city, job family and year, over all employers and levels.',
    audience: 'public',
    columns: [
      { name: 'city', kind: 'text', description: 'City of the job.', filter: 'equals' },
      jobFamily,
      year,
      contributors('one salary report per person'),
      ...percentiles,
      suppressed,
      release,
    ],
    orderBy: ['city', 'job_family', 'year'],
  },
  {
    name: 'pub_salary_split',
    description: 'How annual total pay splits into base, bonus and equity, per company, job family and year.',
    audience: 'public',
    columns: [
      ...company,
      jobFamily,
      year,
      contributors('one salary report per person'),
      { name: 'base_share', kind: 'number', description: 'Share of total pay that is base salary (0–1).' },
      { name: 'bonus_share', kind: 'number', description: 'Share of total pay that is bonus (0–1).' },
      { name: 'equity_share', kind: 'number', description: 'Share of total pay that is equity (0–1).' },
      suppressed,
      release,
    ],
    orderBy: ['company_slug', 'job_family', 'year'],
  },
  {
    name: 'pub_sentiment_weekly',
    description: 'Posts and their mean sentiment per company and ISO week.',
    audience: 'public',
    columns: [
      ...company,
      { name: 'week_start', kind: 'date', description: 'Monday the ISO week starts on.', filter: 'range' },
      { name: 'iso_week', kind: 'text', description: 'ISO week, e.g. 2026-W05.', filter: 'equals' },
      {
        name: 'posts',
        kind: 'integer',
        description: 'Posts counted, at most SENTIMENT_CAP per person and week; null when suppressed.',
      },
      contributors('people who posted that week'),
      {
        name: 'mean_sentiment',
        kind: 'number',
        description: 'Mean sentiment of the posts, −1 (very negative) to +1 (very positive).',
      },
      { name: 'share_negative', kind: 'number', description: 'Share of the posts scored negative (0–1).' },
      suppressed,
      release,
    ],
    orderBy: ['company_slug', 'week_start'],
  },
  {
    name: 'pub_topics_monthly',
    description: 'How many posts touch each topic, per company and month.',
    audience: 'public',
    columns: [
      ...company,
      { name: 'month', kind: 'date', description: 'First day of the month.', filter: 'range' },
      { name: 'topic', kind: 'text', description: 'Topic tag.', filter: 'equals', values: TOPICS },
      { name: 'posts', kind: 'integer', description: 'Posts touching the topic; null when suppressed.' },
      contributors('people who posted on the topic that month'),
      {
        name: 'share',
        kind: 'number',
        description: "Share of the company's posts that month touching the topic (0–1).",
      },
      suppressed,
      release,
    ],
    orderBy: ['company_slug', 'month', 'topic'],
  },
  {
    name: 'pub_bot_decisions_hourly',
    description: 'Scraper-defence decisions per hour, reason and route class. Operators only.',
    audience: 'operator',
    columns: [
      { name: 'hour', kind: 'timestamp', description: 'Start of the hour (UTC).', filter: 'range' },
      {
        name: 'decision',
        kind: 'text',
        description: 'What the defence did.',
        filter: 'equals',
        values: DECISIONS,
      },
      { name: 'reason', kind: 'text', description: 'The strongest reason given.', filter: 'equals' },
      { name: 'route_class', kind: 'text', description: 'Class of the route requested.', filter: 'equals' },
      { name: 'events', kind: 'integer', description: 'Decisions made.' },
      release,
    ],
    orderBy: ['hour', 'decision', 'reason', 'route_class'],
  },
  {
    name: 'releases',
    description: 'Every publication of the tables above: when, with which k and privacy budget.',
    audience: 'public',
    columns: [
      { name: 'release_id', kind: 'integer', description: 'Release number.', filter: 'equals' },
      { name: 'created_at', kind: 'timestamp', description: 'When the release was published (UTC).' },
      { name: 'k_anon', kind: 'integer', description: 'Minimum distinct contributors per published cell.' },
      {
        name: 'epsilon',
        kind: 'number',
        description: 'Laplace-noise epsilon per query in this release; null when no noise was added.',
      },
      { name: 'epsilon_spent', kind: 'number', description: 'Privacy budget spent so far.' },
      { name: 'notes', kind: 'text', description: 'What changed in this release.' },
    ],
    orderBy: ['created_at', 'release_id'],
  },
];

const BY_NAME = new Map(PUBLISHED_TABLES.map((table) => [table.name, table]));

/** The published table of that name, or undefined: the only way a name becomes SQL. */
export function publishedTable(name: string): PublishedTable | undefined {
  return BY_NAME.get(name);
}
