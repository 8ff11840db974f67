// Median pay by year for each level of one company and job family. Levels too small to publish in a
// year are listed in grey above that year's axis label, so a gap never reads as "no change".
import { LEVELS, labelFor } from '../domain.ts';
import {
  type ChartOptions,
  COUNT_FORMAT,
  fewerThanK,
  frame,
  type Spec,
  SUPPRESSED,
  USD_AXIS_FORMAT,
  USD_FORMAT,
} from './common.ts';
import { SEQUENTIAL_SCHEME, SUPPRESSED_GREY } from './palette.ts';

/** Rows of pub_salary_by_company for one company and job family (every level and year). */
export const SALARY_TREND_DATA = 'salary_trend';

export interface SalaryTrendOptions extends ChartOptions {
  readonly companyName: string;
  readonly jobFamily: string;
}

const HEIGHT = 280;

export function salaryTrendSpec(options: SalaryTrendOptions): Spec {
  const note = fewerThanK(options.k);
  return {
    ...frame(
      options,
      `Median pay by year at ${options.companyName}: ${labelFor(options.jobFamily)}`,
      `One line per level. Grey labels above a year: levels with ${note} that year.`,
    ),
    height: HEIGHT,
    data: { name: SALARY_TREND_DATA },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year', axis: { labelAngle: 0 } },
    },
    layer: [
      {
        // Suppressed rows stay in with null medians so the line breaks there instead of bridging.
        mark: {
          type: 'line',
          point: { size: 40, filled: true },
          strokeWidth: 2,
          invalid: 'break-paths-show-domains',
        },
        encoding: {
          y: {
            field: 'p50',
            type: 'quantitative',
            title: 'Median annual total pay (USD)',
            axis: { format: USD_AXIS_FORMAT },
            scale: { zero: false, padding: 24 },
          },
          color: {
            field: 'level',
            type: 'ordinal',
            title: 'Level',
            sort: [...LEVELS],
            scale: { scheme: SEQUENTIAL_SCHEME, domain: [...LEVELS] },
            legend: { columns: 4 },
          },
          tooltip: [
            { field: 'year', type: 'ordinal', title: 'Year' },
            { field: 'level', type: 'ordinal', title: 'Level' },
            { field: 'p50', type: 'quantitative', title: 'Median', format: USD_FORMAT },
            { field: 'contributors', type: 'quantitative', title: 'Reports', format: COUNT_FORMAT },
          ],
        },
      },
      {
        transform: [
          { filter: SUPPRESSED },
          { aggregate: [{ op: 'values', field: 'level', as: 'levels' }], groupby: ['year'] },
          {
            calculate: "join(pluck(datum.levels, 'level'), ', ')",
            as: 'suppressed_levels',
          },
          { calculate: JSON.stringify(note), as: 'suppressed_note' },
        ],
        mark: {
          type: 'text',
          baseline: 'bottom',
          fontSize: 10,
          fontStyle: 'italic',
          color: SUPPRESSED_GREY,
          y: HEIGHT - 4,
        },
        encoding: {
          text: { field: 'suppressed_levels', type: 'nominal' },
          tooltip: [
            { field: 'year', type: 'ordinal', title: 'Year' },
            { field: 'suppressed_levels', type: 'nominal', title: 'Levels' },
            { field: 'suppressed_note', type: 'nominal', title: 'Reports' },
          ],
        },
      },
    ],
  };
}
