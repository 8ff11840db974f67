// How total pay splits into base, bonus and equity, per job family, for one company and year.
import { JOB_FAMILIES, labelFor } from '../domain.ts';
import {
  type ChartOptions,
  COUNT_FORMAT,
  fewerThanK,
  frame,
  PUBLISHED,
  SHARE_FORMAT,
  type Spec,
  SUPPRESSED,
  SUPPRESSED_NOTE,
  suppressedNote,
} from './common.ts';
import { OKABE_ITO, SUPPRESSED_GREY } from './palette.ts';

/** Rows of pub_salary_split for one company and year (every job family). */
export const PAY_SPLIT_DATA = 'salary_split';

export interface PaySplitOptions extends ChartOptions {
  readonly companyName: string;
  readonly year: number;
}

const COMPONENTS = ['Base', 'Bonus', 'Equity'] as const;

export function paySplitSpec(options: PaySplitOptions): Spec {
  const note = fewerThanK(options.k);
  const familyLabel = `{${JOB_FAMILIES.map((f) => `${JSON.stringify(f)}: ${JSON.stringify(labelFor(f))}`).join(', ')}}[datum.job_family] || datum.job_family`;
  return {
    ...frame(
      options,
      `Base, bonus and equity at ${options.companyName}, ${options.year}`,
      `Share of annual total pay by job family. Grey text: ${note}.`,
    ),
    height: { step: 26 },
    data: { name: PAY_SPLIT_DATA },
    transform: [{ calculate: familyLabel, as: 'family_label' }],
    encoding: {
      y: { field: 'family_label', type: 'nominal', sort: JOB_FAMILIES.map(labelFor), title: 'Job family' },
    },
    layer: [
      {
        transform: [
          { filter: PUBLISHED },
          { fold: ['base_share', 'bonus_share', 'equity_share'], as: ['component_key', 'share'] },
          {
            calculate:
              "datum.component_key === 'base_share' ? 'Base' : datum.component_key === 'bonus_share' ? 'Bonus' : 'Equity'",
            as: 'component',
          },
          { calculate: "indexof(['Base', 'Bonus', 'Equity'], datum.component)", as: 'component_order' },
        ],
        mark: { type: 'bar', height: { band: 0.75 } },
        encoding: {
          x: {
            field: 'share',
            type: 'quantitative',
            stack: 'normalize',
            title: 'Share of total pay',
            axis: { format: SHARE_FORMAT },
          },
          color: {
            field: 'component',
            type: 'nominal',
            title: 'Component',
            scale: {
              domain: [...COMPONENTS],
              range: [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen],
            },
          },
          order: { field: 'component_order', type: 'quantitative' },
          tooltip: [
            { field: 'family_label', title: 'Job family' },
            { field: 'component', title: 'Component' },
            { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
            { field: 'contributors', type: 'quantitative', title: 'Reports', format: COUNT_FORMAT },
          ],
        },
      },
      {
        transform: [{ filter: SUPPRESSED }, suppressedNote(options.k)],
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          color: SUPPRESSED_GREY,
          fontStyle: 'italic',
        },
        encoding: {
          x: { value: 4 },
          text: { field: SUPPRESSED_NOTE },
          tooltip: [
            { field: 'family_label', title: 'Job family' },
            { field: SUPPRESSED_NOTE, title: 'Reports' },
          ],
        },
      },
    ],
  };
}
