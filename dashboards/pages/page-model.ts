// What a dashboard page is made of, as JSON the browser renders: filters with their choices, and
// charts as Vega-Lite specs whose named datasets say where to fetch their rows.
import {
  type ChartContext,
  type ChartDefinition,
  chartsOf,
  type LiveSource,
  type MetricsSource,
} from '../charts.ts';
import type { Spec as VegaSpec } from 'vega';
import { toVega } from '../specs/to-vega.ts';

export type DataSource =
  /** Arrow IPC from the data API (the operator table needs X-Operator-Token). */
  { readonly kind: 'table'; readonly url: string } | LiveSource | MetricsSource;

export interface ChartModel {
  readonly id: string;
  readonly title: string;
  /** The chart's Vega-Lite spec compiled to Vega; its named datasets are filled in the browser. */
  readonly spec: VegaSpec;
  readonly data: Readonly<Record<string, DataSource>>;
}

export interface FilterChoice {
  readonly value: string;
  readonly label: string;
}

export interface FilterModel {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly choices: readonly FilterChoice[];
}

export interface PageModel {
  readonly page: 'salaries' | 'sentiment' | 'operator';
  readonly title: string;
  readonly intro: string;
  readonly k: number;
  readonly releaseId: number | string | null;
  readonly filters: readonly FilterModel[];
  /** Said above the charts, e.g. when a link's company has no published figures. */
  readonly notice: string | null;
  readonly charts: readonly ChartModel[];
  /** Operator page: seconds between live refreshes. */
  readonly refreshSeconds?: number;
  /** Operator page: the allow-list endpoint. */
  readonly allowListUrl?: string;
}

/** /v1/data/<table>?a=1&b=2 */
export function dataUrl(table: string, filters: Record<string, string | number>): string {
  const query = new URLSearchParams(
    Object.entries(filters).map(([name, value]) => [name, String(value)] as [string, string]),
  ).toString();
  return `/v1/data/${table}${query ? `?${query}` : ''}`;
}

export function chartModel(chart: ChartDefinition, context: ChartContext): ChartModel {
  const source = chart.source(context);
  return {
    id: chart.id,
    title: chart.title,
    spec: toVega(chart.spec(context)),
    data: {
      [chart.dataName]:
        source.kind === 'table' ? { kind: 'table', url: dataUrl(source.table, source.filters) } : source,
    },
  };
}

/** The chosen value when it is one of the choices, else the fallback and a notice saying so. */
export function choose(
  requested: string | undefined,
  choices: readonly FilterChoice[],
  fallback: string,
  what: string,
  notices: string[],
): string {
  if (requested === undefined || requested === '') return fallback;
  if (choices.some((c) => c.value === requested)) return requested;
  const shown = choices.find((c) => c.value === fallback)?.label ?? fallback;
  notices.push(`No published figures for ${what} “${requested.slice(0, 80)}”; showing ${shown} instead.`);
  return fallback;
}

/** Context values a page does not use: charts of other pages never read them. */
export const UNUSED_CONTEXT = { jobFamily: 'engineering', year: 0, level: 'L4', month: '1970-01' } as const;

/** What a researcher page resolves from its query: the chart context, filters and notices. */
export interface ResolvedPage {
  readonly context: ChartContext;
  readonly filters: readonly FilterModel[];
  readonly notices: readonly string[];
  readonly releaseId: number | string | null;
}

/** A researcher page's heading and the line under it. */
export interface PageText {
  readonly title: string;
  readonly intro: string;
}

/** A researcher page (salaries, sentiment): every chart of the page drawn for the resolved context. */
export function researcherPageModel(
  page: 'salaries' | 'sentiment',
  text: PageText,
  resolved: ResolvedPage,
): PageModel {
  return {
    page,
    title: text.title,
    intro: text.intro,
    k: resolved.context.k,
    releaseId: resolved.releaseId,
    notice: resolved.notices.length > 0 ? resolved.notices.join(' ') : null,
    filters: resolved.filters,
    charts: chartsOf(page).map((chart) => chartModel(chart, resolved.context)),
  };
}
