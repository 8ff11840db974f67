// De-identified batches → per contributor × cell deltas: what one batch adds to (or, for removals,
// subtracts from) each warehouse row. Rows reach DuckDB only in this aggregated form.
import type { RecordBatch } from 'apache-arrow';
import { monthLabel, yearLabel } from '../cells.ts';
import { TOPICS } from '../enrich/index.ts';
import { binaryAt, column, utf8At } from './toArrow.ts';

export interface SentimentDelta {
  company: string;
  isoWeek: string;
  weekStartDay: number;
  keyPeriod: string;
  contributor: Buffer;
  posts: number;
  sentimentE4: number;
  negatives: number;
}

export interface TopicsDelta {
  company: string;
  month: number;
  keyPeriod: string;
  contributor: Buffer;
  posts: number;
  topics: number[];
}

export interface SalaryDelta {
  /** company slug (company cell) or city (city cell) */
  place: string;
  jobFamily: string;
  /** Company cells only. */
  level: string;
  year: number;
  keyPeriod: string;
  contributor: Buffer;
  reports: number;
  baseUsd: number;
  bonusUsd: number;
  equityUsd: number;
}

export interface BotDelta {
  hourMs: number;
  decision: string;
  reason: string;
  routeClass: string;
  events: number;
}

/** Keyed by cell and contributor, so several record batches can add into one set of deltas. */
export interface Deltas {
  sentiment: Map<string, SentimentDelta>;
  topics: Map<string, TopicsDelta>;
  salaryCompany: Map<string, SalaryDelta>;
  salaryCity: Map<string, SalaryDelta>;
  bot: Map<string, BotDelta>;
  /** Company slugs the batch touches (their names go to dim_company). */
  companies: Set<string>;
}

export const emptyDeltas = (): Deltas => ({
  sentiment: new Map(),
  topics: new Map(),
  salaryCompany: new Map(),
  salaryCity: new Map(),
  bot: new Map(),
  companies: new Set(),
});

const SEP = '\u0000';
const TOPIC_COUNT = TOPICS.length;

/** sign = +1 to add a batch of posts, -1 to remove one. */
export function aggregatePosts(batch: RecordBatch, sign: 1 | -1, into: Deltas = emptyDeltas()): Deltas {
  const company = column(batch, 'company');
  const isoWeek = column(batch, 'iso_week');
  const weekStart = column(batch, 'week_start').values as Int32Array;
  const weekKey = column(batch, 'week_key').values as Int32Array;
  const weekTag = column(batch, 'week_contributor');
  const month = column(batch, 'month').values as Int32Array;
  const monthTag = column(batch, 'month_contributor');
  const sentiment = column(batch, 'sentiment_e4').values as Int32Array;
  const negative = column(batch, 'negative').values as Uint8Array;
  const topics = column(batch, 'topics').values as Uint8Array;

  const weeks = into.sentiment;
  const months = into.topics;
  for (let i = 0; i < batch.numRows; i++) {
    const slug = utf8At(company, i)!;
    into.companies.add(slug);
    const wTag = binaryAt(weekTag, i);
    if (wTag && wTag.length > 0) {
      const week = utf8At(isoWeek, i)!;
      const key = slug + SEP + week + SEP + wTag.toString('latin1');
      let delta = weeks.get(key);
      if (!delta) {
        delta = {
          company: slug,
          isoWeek: week,
          weekStartDay: weekStart[i]!,
          keyPeriod: monthLabel(weekKey[i]!),
          contributor: Buffer.from(wTag),
          posts: 0,
          sentimentE4: 0,
          negatives: 0,
        };
        weeks.set(key, delta);
      }
      delta.posts += sign;
      delta.sentimentE4 += sign * sentiment[i]!;
      delta.negatives += sign * negative[i]!;
    }
    const mTag = binaryAt(monthTag, i);
    if (mTag && mTag.length > 0) {
      const m = month[i]!;
      const key = slug + SEP + m + SEP + mTag.toString('latin1');
      let delta = months.get(key);
      if (!delta) {
        delta = {
          company: slug,
          month: m,
          keyPeriod: monthLabel(m),
          contributor: Buffer.from(mTag),
          posts: 0,
          topics: new Array<number>(TOPIC_COUNT).fill(0),
        };
        months.set(key, delta);
      }
      delta.posts += sign;
      const mask = topics[i]!;
      for (let bit = 0; bit < TOPIC_COUNT; bit++) if (mask & (1 << bit)) delta.topics[bit]! += sign;
    }
  }
  return into;
}

export function aggregateSalaries(batch: RecordBatch, sign: 1 | -1, into: Deltas = emptyDeltas()): Deltas {
  const company = column(batch, 'company');
  const family = column(batch, 'job_family');
  const level = column(batch, 'level');
  const city = column(batch, 'city');
  const year = column(batch, 'year').values as Int32Array;
  const keyYear = column(batch, 'key_year').values as Int32Array;
  const companyTag = column(batch, 'company_contributor');
  const cityTag = column(batch, 'city_contributor');
  const base = column(batch, 'base_usd').values as Float64Array;
  const bonus = column(batch, 'bonus_usd').values as Float64Array;
  const equity = column(batch, 'equity_usd').values as Float64Array;

  const byCompany = into.salaryCompany;
  const byCity = into.salaryCity;
  const add = (
    cells: Map<string, SalaryDelta>,
    place: string,
    lvl: string,
    tag: Buffer,
    i: number,
    fam: string,
  ): void => {
    const key = [place, fam, lvl, year[i], tag.toString('latin1')].join(SEP);
    let delta = cells.get(key);
    if (!delta) {
      delta = {
        place,
        jobFamily: fam,
        level: lvl,
        year: year[i]!,
        keyPeriod: yearLabel(keyYear[i]!),
        contributor: Buffer.from(tag),
        reports: 0,
        baseUsd: 0,
        bonusUsd: 0,
        equityUsd: 0,
      };
      cells.set(key, delta);
    }
    delta.reports += sign;
    delta.baseUsd += sign * base[i]!;
    delta.bonusUsd += sign * bonus[i]!;
    delta.equityUsd += sign * equity[i]!;
  };
  for (let i = 0; i < batch.numRows; i++) {
    const slug = utf8At(company, i)!;
    const fam = utf8At(family, i)!;
    into.companies.add(slug);
    add(byCompany, slug, utf8At(level, i)!, binaryAt(companyTag, i)!, i, fam);
    add(byCity, utf8At(city, i)!, '', binaryAt(cityTag, i)!, i, fam);
  }
  return into;
}

export function aggregateBotEvents(batch: RecordBatch, into: Deltas = emptyDeltas()): Deltas {
  const hour = column(batch, 'hour_ms').values as Float64Array;
  const decision = column(batch, 'decision');
  const reason = column(batch, 'reason');
  const route = column(batch, 'route_class');
  const cells = into.bot;
  for (let i = 0; i < batch.numRows; i++) {
    const d = utf8At(decision, i)!;
    const r = utf8At(reason, i)!;
    const c = utf8At(route, i)!;
    const key = [hour[i], d, r, c].join(SEP);
    const cell = cells.get(key);
    if (cell) cell.events++;
    else cells.set(key, { hourMs: hour[i]!, decision: d, reason: r, routeClass: c, events: 1 });
  }
  return into;
}
