// Pay percentiles by company for one job family, level and year, highest median first.
import { labelFor } from '../domain.ts';
import { type ChartOptions, fewerThanK, frame, type Spec } from './common.ts';
import { BANDS_SUBTITLE, MEDIAN_SORT_KEY, percentileBandLayers } from './percentile-bands.ts';

/** Rows of pub_salary_by_company for one job family, level and year (every company). */
export const COMPANY_COMPARISON_DATA = 'salary_by_company_level';

export interface CompanyComparisonOptions extends ChartOptions {
  readonly jobFamily: string;
  readonly level: string;
  readonly year: number;
}

export function companyComparisonSpec(options: CompanyComparisonOptions): Spec {
  return {
    ...frame(
      options,
      `Pay by company: ${labelFor(options.jobFamily)} ${options.level}, ${options.year}`,
      `${BANDS_SUBTITLE} Grey text: ${fewerThanK(options.k)}.`,
    ),
    height: { step: 24 },
    data: { name: COMPANY_COMPARISON_DATA },
    transform: [MEDIAN_SORT_KEY],
    encoding: {
      y: {
        field: 'company_name',
        type: 'nominal',
        title: 'Company',
        sort: { field: 'median_sort', op: 'max', order: 'descending' },
      },
    },
    layer: percentileBandLayers(options.k, { field: 'company_name', title: 'Company' }),
  };
}
