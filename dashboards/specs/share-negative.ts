// Share of negative posts per week for one company.
import { type ChartOptions, fewerThanK, frame, SHARE_FORMAT, type Spec } from './common.ts';
import { OKABE_ITO } from './palette.ts';
import { SENTIMENT_WEEKLY_DATA, WEEKLY_TOOLTIP } from './sentiment-trend.ts';
import { suppressedWeeksLayer, WEEK_AXIS } from './suppressed-weeks.ts';

export interface ShareNegativeOptions extends ChartOptions {
  readonly companyName: string;
}

export function shareNegativeSpec(options: ShareNegativeOptions): Spec {
  return {
    ...frame(
      options,
      `Share of negative posts at ${options.companyName}`,
      `Posts scored negative, per week. Grey weeks: ${fewerThanK(options.k)}.`,
    ),
    height: 160,
    data: { name: SENTIMENT_WEEKLY_DATA },
    layer: [
      suppressedWeeksLayer(options.k),
      {
        // Suppressed weeks stay in with null values so the area breaks there instead of bridging.
        mark: {
          type: 'area',
          color: OKABE_ITO.vermillion,
          opacity: 0.25,
          line: { color: OKABE_ITO.vermillion },
          invalid: 'break-paths-show-domains',
        },
        encoding: {
          x: WEEK_AXIS,
          y: {
            field: 'share_negative',
            type: 'quantitative',
            title: 'Share negative',
            axis: { format: SHARE_FORMAT },
            scale: { domain: [0, 1] },
          },
          tooltip: [...WEEKLY_TOOLTIP],
        },
      },
    ],
  };
}
