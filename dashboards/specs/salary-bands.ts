// Percentile bands of annual total pay by level, for one company, job family and year.
import { LEVELS, labelFor } from '../domain.ts';
import { type ChartOptions, fewerThanK, frame, type Spec } from './common.ts';
import { BANDS_SUBTITLE, percentileBandLayers } from './percentile-bands.ts';

/** Rows of pub_salary_by_company for one company, job family and year. */
export const SALARY_BANDS_DATA = 'salary_by_company';

export interface SalaryBandsOptions extends ChartOptions {
  readonly companyName: string;
  readonly jobFamily: string;
  readonly year: number;
}

export function salaryBandsSpec(options: SalaryBandsOptions): Spec {
  return {
    ...frame(
      options,
      `Pay by level at ${options.companyName}: ${labelFor(options.jobFamily)}, ${options.year}`,
      `${BANDS_SUBTITLE} Grey text: ${fewerThanK(options.k)}.`,
    ),
    height: { step: 30 },
    data: { name: SALARY_BANDS_DATA },
    encoding: { y: { field: 'level', type: 'ordinal', sort: [...LEVELS], title: 'Level' } },
    layer: percentileBandLayers(options.k, { field: 'level', title: 'Level' }),
  };
}
