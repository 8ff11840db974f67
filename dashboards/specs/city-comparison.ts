// Pay percentiles by city for one job family and year, highest median first.
import { labelFor } from '../domain.ts';
import { type ChartOptions, fewerThanK, frame, type Spec } from './common.ts';
import { BANDS_SUBTITLE, MEDIAN_SORT_KEY, percentileBandLayers } from './percentile-bands.ts';

/** Rows of pub_salary_by_city for one job family and year (every city). */
export const CITY_COMPARISON_DATA = 'salary_by_city';

export interface CityComparisonOptions extends ChartOptions {
  readonly jobFamily: string;
  readonly year: number;
}

export function cityComparisonSpec(options: CityComparisonOptions): Spec {
  return {
    ...frame(
      options,
      `Pay by city: ${labelFor(options.jobFamily)}, ${options.year}`,
      `All employers and levels. ${BANDS_SUBTITLE} Grey text: ${fewerThanK(options.k)}.`,
    ),
    height: { step: 24 },
    data: { name: CITY_COMPARISON_DATA },
    transform: [MEDIAN_SORT_KEY],
    encoding: {
      y: {
        field: 'city',
        type: 'nominal',
        title: 'City',
        sort: { field: 'median_sort', op: 'max', order: 'descending' },
      },
    },
    layer: percentileBandLayers(options.k, { field: 'city', title: 'City' }),
  };
}
