// Mean sentiment per week for one company, with weeks too small to publish greyed out.
import { type ChartOptions, COUNT_FORMAT, fewerThanK, frame, SHARE_FORMAT, type Spec } from './common.ts';
import { NEUTRAL, OKABE_ITO } from './palette.ts';
import { suppressedWeeksLayer, WEEK_AXIS } from './suppressed-weeks.ts';

/** Rows of pub_sentiment_weekly for one company (every week). */
export const SENTIMENT_WEEKLY_DATA = 'sentiment_weekly';

export interface SentimentTrendOptions extends ChartOptions {
  readonly companyName: string;
}

export const WEEKLY_TOOLTIP = [
  { field: 'iso_week', type: 'nominal', title: 'Week' },
  { field: 'posts', type: 'quantitative', title: 'Posts', format: COUNT_FORMAT },
  { field: 'contributors', type: 'quantitative', title: 'People posting', format: COUNT_FORMAT },
  { field: 'mean_sentiment', type: 'quantitative', title: 'Mean sentiment', format: '+.2f' },
  { field: 'share_negative', type: 'quantitative', title: 'Share negative', format: SHARE_FORMAT },
] as const;

export function sentimentTrendSpec(options: SentimentTrendOptions): Spec {
  return {
    ...frame(
      options,
      `Weekly mood at ${options.companyName}`,
      `Mean sentiment of posts, from −1 (very negative) to +1 (very positive). Grey weeks: ${fewerThanK(options.k)}.`,
    ),
    height: 220,
    data: { name: SENTIMENT_WEEKLY_DATA },
    layer: [
      suppressedWeeksLayer(options.k),
      {
        mark: { type: 'rule', color: NEUTRAL.rule, strokeDash: [4, 3] },
        encoding: { y: { datum: 0, type: 'quantitative' } },
      },
      {
        // Suppressed weeks stay in with null values so the line breaks there instead of bridging.
        mark: {
          type: 'line',
          color: OKABE_ITO.blue,
          point: { size: 30, filled: true },
          strokeWidth: 2,
          invalid: 'break-paths-show-domains',
        },
        encoding: {
          x: WEEK_AXIS,
          y: {
            field: 'mean_sentiment',
            type: 'quantitative',
            title: 'Mean sentiment',
            axis: { format: '+.2f' },
          },
          tooltip: [...WEEKLY_TOOLTIP],
        },
      },
    ],
  };
}
