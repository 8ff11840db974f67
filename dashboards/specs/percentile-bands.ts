// The layers shared by every "pay percentiles per category" chart: whisker p25–p90, bar p25–p75,
// a median tick, and "fewer than k reports" written where a cell is suppressed.
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import {
  COUNT_FORMAT,
  PUBLISHED,
  SUPPRESSED,
  SUPPRESSED_NOTE,
  suppressedNote,
  USD_AXIS_FORMAT,
  USD_FORMAT,
} from './common.ts';
import { NEUTRAL, OKABE_ITO, SUPPRESSED_GREY } from './palette.ts';

type Layer = LayerSpec<string> | UnitSpec<string>;

/** Sorts published categories by median, highest first, and suppressed ones after them. */
export const MEDIAN_SORT_KEY = { calculate: 'datum.suppressed === true ? -1 : datum.p50', as: 'median_sort' };

export function percentileBandLayers(k: number, category: { field: string; title: string }): Layer[] {
  const categoryTip = { field: category.field, type: 'nominal' as const, title: category.title };
  return [
    {
      transform: [{ filter: PUBLISHED }],
      mark: { type: 'rule', color: NEUTRAL.text },
      encoding: {
        x: {
          field: 'p25',
          type: 'quantitative',
          title: 'Annual total pay (USD)',
          axis: { format: USD_AXIS_FORMAT },
        },
        x2: { field: 'p90' },
      },
    },
    {
      transform: [{ filter: PUBLISHED }],
      mark: { type: 'bar', color: OKABE_ITO.blue, height: { band: 0.7 } },
      encoding: {
        x: { field: 'p25', type: 'quantitative' },
        x2: { field: 'p75' },
        tooltip: [
          categoryTip,
          { field: 'contributors', type: 'quantitative', title: 'Reports', format: COUNT_FORMAT },
          { field: 'p25', type: 'quantitative', title: '25th percentile', format: USD_FORMAT },
          { field: 'p50', type: 'quantitative', title: 'Median', format: USD_FORMAT },
          { field: 'p75', type: 'quantitative', title: '75th percentile', format: USD_FORMAT },
          { field: 'p90', type: 'quantitative', title: '90th percentile', format: USD_FORMAT },
        ],
      },
    },
    {
      transform: [{ filter: PUBLISHED }],
      mark: { type: 'tick', color: 'white', thickness: 3, bandSize: 16 },
      encoding: { x: { field: 'p50', type: 'quantitative' } },
    },
    {
      transform: [{ filter: SUPPRESSED }, suppressedNote(k)],
      mark: { type: 'text', align: 'left', baseline: 'middle', color: SUPPRESSED_GREY, fontStyle: 'italic' },
      encoding: {
        x: { value: 4 },
        text: { field: SUPPRESSED_NOTE },
        tooltip: [categoryTip, { field: SUPPRESSED_NOTE, type: 'nominal', title: 'Reports' }],
      },
    },
  ];
}

export const BANDS_SUBTITLE = 'Bar: 25th–75th percentile, whisker to the 90th, white tick: median.';
