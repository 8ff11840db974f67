// De-identification (P5): a source batch in, a batch out that holds no post id, salary id, person,
// text, alias, IP, fingerprint or time finer than an ISO week. The person behind a row is read from
// its author/reporter box while that link lives and turned at once into per-cell contributor tags;
// a row whose link (or whose cells' keys) already died is counted and left out.
import { type Data, RecordBatch, type Utf8 } from 'apache-arrow';
import { openAuthorBox } from '../../api/forum/author-links.ts';
import type { KeyStore } from '../../api/keys/keystore.ts';
import { openReporterBox } from '../../api/salaries/reporter-links.ts';
import { monthLabel, monthOf, weekOf } from '../cells.ts';
import type { ContributorTags } from '../contributors.ts';
import { toRoundedUsd } from '../rates.ts';
import type { EnrichmentColumns } from './enrichment.ts';
import {
  type BotEventSource,
  binaryAt,
  binaryColumn,
  column,
  float64Column,
  int32Column,
  POST_AUTHOR_GONE,
  POST_CANARY,
  POST_CONTRIBUTING,
  POST_DELETED,
  type PostSource,
  REASON_SEPARATOR,
  type SalarySource,
  uint8Column,
  utf8At,
  utf8Column,
} from './toArrow.ts';

/** What happened to each source row. */
export const Outcome = {
  contributed: 0,
  deleted: 1,
  /** General board (no company) or an unknown company. */
  noCompany: 2,
  canary: 3,
  /** The author/reporter link had already died (or was cleared): nobody can be counted. */
  unattributable: 4,
  /** Every cell the row belongs to had closed (its key died) before it was loaded. */
  closed: 5,
  /** Recovery or removal: the claim had recorded it as not contributing. */
  notContributing: 6,
  unconvertibleCurrency: 7,
} as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

/** `new`: a post not loaded before. `counted`: one the bookkeeping says is counted (recovery, removal, rebuild). */
export type PostMode = 'new' | 'counted';

export interface CellFilter {
  /** Rebuild: only cells starting on or after this day (days since epoch) are re-derived. */
  fromDay: number;
}

export interface DeidentifiedPosts {
  batch: RecordBatch;
  outcome: Uint8Array;
}

/**
 * Posts → contributions. `new`: a post counts unless deleted, authorless, on the general board or a
 * canary. `counted`: only posts the claim recorded as contributing, whatever they are now.
 */
export function deidentifyPosts(
  source: RecordBatch<PostSource>,
  enrichment: EnrichmentColumns,
  deps: { keys: KeyStore; tags: ContributorTags },
  mode: PostMode,
  filter?: CellFilter,
): DeidentifiedPosts {
  const n = source.numRows;
  const ids = column(source, 'id');
  const created = column(source, 'created_ms').values;
  const authorDays = column(source, 'author_day');
  const boxes = column(source, 'author_box');
  const companies = column(source, 'company');
  const flags = column(source, 'flags').values;
  const outcome = new Uint8Array(n);

  const company: string[] = [];
  const isoWeek: string[] = [];
  const weekStart: number[] = [];
  const weekKey: number[] = [];
  const weekTag: (Buffer | null)[] = [];
  const month: number[] = [];
  const monthTag: (Buffer | null)[] = [];
  const sentiment: number[] = [];
  const negative: number[] = [];
  const topics: number[] = [];

  for (let i = 0; i < n; i++) {
    const flag = flags[i]!;
    if (mode === 'counted' && !(flag & POST_CONTRIBUTING)) {
      outcome[i] = Outcome.notContributing;
      continue;
    }
    if (mode === 'new') {
      if (flag & (POST_DELETED | POST_AUTHOR_GONE)) {
        outcome[i] = Outcome.deleted;
        continue;
      }
      if (flag & POST_CANARY) {
        outcome[i] = Outcome.canary;
        continue;
      }
    }
    const slug = utf8At(companies, i);
    if (!slug) {
      outcome[i] = Outcome.noCompany;
      continue;
    }
    const box = binaryAt(boxes, i);
    const person = box ? openAuthorBox(deps.keys, utf8At(ids, i)!, utf8At(authorDays, i)!, box) : null;
    if (!person) {
      outcome[i] = Outcome.unattributable;
      continue;
    }
    const ms = created[i]!;
    const week = weekOf(ms);
    const cal = monthOf(ms);
    const wantWeek = !filter || week.startDay >= filter.fromDay;
    const wantMonth = !filter || cal.startDay >= filter.fromDay;
    const wTag = wantWeek
      ? deps.tags.tag('warehouseMonth', week.keyMonth, 'sentiment-week', person, slug, week.isoWeek)
      : null;
    const mTag = wantMonth
      ? deps.tags.tag('warehouseMonth', cal.month, 'topics-month', person, slug, monthLabel(cal.month))
      : null;
    if (!wTag && !mTag) {
      outcome[i] = Outcome.closed;
      continue;
    }
    outcome[i] = Outcome.contributed;
    company.push(slug);
    isoWeek.push(week.isoWeek);
    weekStart.push(week.startDay);
    weekKey.push(week.keyMonth);
    weekTag.push(wTag);
    month.push(cal.month);
    monthTag.push(mTag);
    sentiment.push(enrichment.sentimentE4[i]!);
    negative.push(enrichment.negative[i]!);
    topics.push(enrichment.topics[i]!);
  }

  const batch = new RecordBatch({
    company: utf8Column(company),
    iso_week: utf8Column(isoWeek),
    week_start: int32Column(Int32Array.from(weekStart)),
    week_key: int32Column(Int32Array.from(weekKey)),
    week_contributor: binaryColumn(weekTag),
    month: int32Column(Int32Array.from(month)),
    month_contributor: binaryColumn(monthTag),
    sentiment_e4: int32Column(Int32Array.from(sentiment)),
    negative: uint8Column(Uint8Array.from(negative)),
    topics: uint8Column(Uint8Array.from(topics)),
  });
  return { batch, outcome };
}

/** `new`: a report not loaded before (a tombstone does not count). `counted`: one the bookkeeping counts. */
export type SalaryMode = 'new' | 'counted';

export interface DeidentifiedSalaries {
  batch: RecordBatch;
  outcome: Uint8Array;
}

/** Salary reports → contributions in USD, tagged for their company cell and their city cell. */
export function deidentifySalaries(
  source: RecordBatch<SalarySource>,
  deps: { keys: KeyStore; tags: ContributorTags },
  mode: SalaryMode,
): DeidentifiedSalaries {
  const n = source.numRows;
  const ids = column(source, 'id');
  const submitted = column(source, 'submitted_year').values;
  const boxes = column(source, 'reporter_box');
  const deleted = column(source, 'deleted').values;
  const companies = column(source, 'company');
  const families = column(source, 'job_family');
  const levels = column(source, 'level');
  const cities = column(source, 'city');
  const base = column(source, 'base').values;
  const bonus = column(source, 'bonus').values;
  const equity = column(source, 'equity').values;
  const currencies = column(source, 'currency');
  const years = column(source, 'year').values;
  const outcome = new Uint8Array(n);

  const out = {
    company: [] as string[],
    job_family: [] as string[],
    level: [] as string[],
    city: [] as string[],
    year: [] as number[],
    key_year: [] as number[],
    company_contributor: [] as Buffer[],
    city_contributor: [] as Buffer[],
    base_usd: [] as number[],
    bonus_usd: [] as number[],
    equity_usd: [] as number[],
  };

  for (let i = 0; i < n; i++) {
    if (mode === 'new' && deleted[i]) {
      outcome[i] = Outcome.deleted;
      continue;
    }
    const slug = utf8At(companies, i);
    if (!slug) {
      outcome[i] = Outcome.noCompany;
      continue;
    }
    const currency = utf8At(currencies, i) ?? '';
    const usd = [base[i]!, bonus[i]!, equity[i]!].map((amount) => toRoundedUsd(amount, currency));
    if (usd.some((amount) => amount === undefined)) {
      outcome[i] = Outcome.unconvertibleCurrency;
      continue;
    }
    const keyYear = submitted[i]!;
    const box = binaryAt(boxes, i);
    const person = box ? openReporterBox(deps.keys, keyYear, utf8At(ids, i)!, box) : null;
    if (!person) {
      outcome[i] = Outcome.unattributable;
      continue;
    }
    const family = tidy(families, i);
    const level = tidy(levels, i);
    const city = tidy(cities, i);
    const year = years[i]!;
    const companyTag = deps.tags.tag(
      'warehouseYear',
      keyYear,
      'salary-company',
      person,
      slug,
      family,
      level,
      year,
    );
    const cityTag = deps.tags.tag('warehouseYear', keyYear, 'salary-city', person, city, family, year);
    if (!companyTag || !cityTag) {
      outcome[i] = Outcome.closed;
      continue;
    }
    outcome[i] = Outcome.contributed;
    out.company.push(slug);
    out.job_family.push(family);
    out.level.push(level);
    out.city.push(city);
    out.year.push(year);
    out.key_year.push(keyYear);
    out.company_contributor.push(companyTag);
    out.city_contributor.push(cityTag);
    out.base_usd.push(usd[0]!);
    out.bonus_usd.push(usd[1]!);
    out.equity_usd.push(usd[2]!);
  }

  const batch = new RecordBatch({
    company: utf8Column(out.company),
    job_family: utf8Column(out.job_family),
    level: utf8Column(out.level),
    city: utf8Column(out.city),
    year: int32Column(Int32Array.from(out.year)),
    key_year: int32Column(Int32Array.from(out.key_year)),
    company_contributor: binaryColumn(out.company_contributor),
    city_contributor: binaryColumn(out.city_contributor),
    base_usd: float64Column(Float64Array.from(out.base_usd)),
    bonus_usd: float64Column(Float64Array.from(out.bonus_usd)),
    equity_usd: float64Column(Float64Array.from(out.equity_usd)),
  });
  return { batch, outcome };
}

const tidied = new Map<string, string>();

/** Categorical fields as one cell label: trimmed, inner whitespace collapsed, at most 80 characters. */
function tidy(data: Data<Utf8>, i: number): string {
  const raw = utf8At(data, i) ?? '';
  let label = tidied.get(raw);
  if (label === undefined) {
    label = raw.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, 80);
    // Few distinct values (job families, levels, cities): the cache stays small; bounded anyway.
    if (tidied.size >= 10_000) tidied.clear();
    tidied.set(raw, label);
  }
  return label;
}

const HOUR_MS = 3_600_000;

/** A reason code without its details: "ua:HeadlessChrome/120" → "ua". No free text reaches DuckDB. */
export function reasonCode(reason: string): string {
  const code = reason
    .trim()
    .toLowerCase()
    .split(/[:=\s(/]/, 1)[0]!
    .replace(/[^a-z0-9_.-]/g, '')
    .slice(0, 48);
  return code || 'unspecified';
}

/** Bot events → one row per (hour, decision, reason code, route class): counts only. */
export function deidentifyBotEvents(source: RecordBatch<BotEventSource>): RecordBatch {
  const n = source.numRows;
  const occurred = column(source, 'occurred_ms').values;
  const decisions = column(source, 'decision');
  const reasons = column(source, 'reasons');
  const routes = column(source, 'route_class');
  const hour: number[] = [];
  const decision: string[] = [];
  const reason: string[] = [];
  const route: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = Math.floor(occurred[i]! / HOUR_MS) * HOUR_MS;
    const d = reasonCode(utf8At(decisions, i) ?? '');
    const r = reasonCode(utf8At(routes, i) ?? '');
    const codes = new Set((utf8At(reasons, i) ?? '').split(REASON_SEPARATOR).filter(Boolean).map(reasonCode));
    if (codes.size === 0) codes.add('unspecified');
    for (const code of codes) {
      hour.push(h);
      decision.push(d);
      reason.push(code);
      route.push(r);
    }
  }
  return new RecordBatch({
    hour_ms: float64Column(Float64Array.from(hour)),
    decision: utf8Column(decision),
    reason: utf8Column(reason),
    route_class: utf8Column(route),
  });
}
