// Biggest movers: companies whose mean sentiment changed most from the previous month to the
// chosen one, weighting each week by its posts. Suppressed weeks carry no figures and are left out.
import { type ChartOptions, fewerThanK, frame, PUBLISHED, type Spec } from './common.ts';
import { RISE_FALL } from './palette.ts';
import { monthTitle } from './topic-heatmap.ts';

/** Rows of pub_sentiment_weekly for every company, weeks starting in the chosen or previous month. */
export const BIGGEST_MOVERS_DATA = 'sentiment_two_months';

export interface BiggestMoversOptions extends ChartOptions {
  /** The month compared with the one before it, as YYYY-MM. */
  readonly month: string;
  /** How many companies to show. */
  readonly top?: number;
}

export function monthStartMs(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number);
  return Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 1);
}

export function biggestMoversSpec(options: BiggestMoversOptions): Spec {
  const top = options.top ?? 10;
  const start = monthStartMs(options.month);
  return {
    ...frame(
      options,
      `Biggest movers in mood, ${monthTitle(options.month)}`,
      `Change in mean sentiment from the month before, top ${top} companies by size of change. Weeks with ${fewerThanK(options.k)} are left out.`,
    ),
    height: { step: 24 },
    data: { name: BIGGEST_MOVERS_DATA },
    transform: [
      { filter: PUBLISHED },
      { filter: 'isValid(datum.mean_sentiment) && isValid(datum.posts)' },
      { calculate: `time(datum.week_start) >= ${start} ? 'current' : 'previous'`, as: 'period' },
      { calculate: 'datum.mean_sentiment * datum.posts', as: 'weighted' },
      {
        aggregate: [
          { op: 'sum', field: 'weighted', as: 'weighted_sum' },
          { op: 'sum', field: 'posts', as: 'posts' },
        ],
        groupby: ['company_name', 'period'],
      },
      { calculate: 'datum.weighted_sum / datum.posts', as: 'mean' },
      {
        joinaggregate: [{ op: 'distinct', field: 'period', as: 'periods' }],
        groupby: ['company_name'],
      },
      { filter: 'datum.periods === 2' },
      { pivot: 'period', value: 'mean', groupby: ['company_name'] },
      { calculate: 'datum.current - datum.previous', as: 'change' },
      { calculate: 'abs(datum.change)', as: 'size_of_change' },
      { calculate: "datum.change >= 0 ? 'Better' : 'Worse'", as: 'direction' },
      {
        window: [{ op: 'row_number', as: 'rank' }],
        sort: [{ field: 'size_of_change', order: 'descending' }],
      },
      { filter: `datum.rank <= ${top}` },
    ],
    mark: { type: 'bar', height: { band: 0.7 } },
    encoding: {
      y: {
        field: 'company_name',
        type: 'nominal',
        title: 'Company',
        sort: { field: 'change', order: 'descending' },
      },
      x: {
        field: 'change',
        type: 'quantitative',
        title: 'Change in mean sentiment',
        axis: { format: '+.2f' },
      },
      color: {
        field: 'direction',
        type: 'nominal',
        title: 'Mood',
        scale: { domain: ['Better', 'Worse'], range: [RISE_FALL.rise, RISE_FALL.fall] },
      },
      tooltip: [
        { field: 'company_name', type: 'nominal', title: 'Company' },
        { field: 'previous', type: 'quantitative', title: 'Previous month', format: '+.2f' },
        { field: 'current', type: 'quantitative', title: 'This month', format: '+.2f' },
        { field: 'change', type: 'quantitative', title: 'Change', format: '+.2f' },
      ],
    },
  };
}
