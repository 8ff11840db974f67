// Posts per week for one company: how much the mood line above rests on.
import { type ChartOptions, fewerThanK, frame, PUBLISHED, type Spec } from './common.ts';
import { OKABE_ITO } from './palette.ts';
import { SENTIMENT_WEEKLY_DATA, WEEKLY_TOOLTIP } from './sentiment-trend.ts';
import { suppressedWeeksLayer, WEEK_AXIS, WEEK_END } from './suppressed-weeks.ts';

export interface WeeklyPostsOptions extends ChartOptions {
  readonly companyName: string;
}

export function weeklyPostsSpec(options: WeeklyPostsOptions): Spec {
  return {
    ...frame(
      options,
      `Posts per week at ${options.companyName}`,
      `Each person counts for at most a capped number of posts a week. Grey weeks: ${fewerThanK(options.k)}.`,
    ),
    height: 160,
    data: { name: SENTIMENT_WEEKLY_DATA },
    layer: [
      suppressedWeeksLayer(options.k),
      {
        transform: [{ filter: PUBLISHED }, WEEK_END],
        // A rect from the week's Monday to the next, from zero up to the posts.
        mark: { type: 'rect', color: OKABE_ITO.skyBlue, stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: WEEK_AXIS,
          x2: { field: 'week_end' },
          y: { field: 'posts', type: 'quantitative', title: 'Posts' },
          y2: { datum: 0 },
          tooltip: [...WEEKLY_TOOLTIP],
        },
      },
    ],
  };
}
