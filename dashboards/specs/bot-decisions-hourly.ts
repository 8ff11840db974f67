// Operators: scraper-defence decisions per hour from the warehouse (pub_bot_decisions_hourly).
import { DECISIONS, labelFor } from '../domain.ts';
import { type ChartOptions, COUNT_FORMAT, frame, type Spec } from './common.ts';
import { DECISION_COLOURS } from './palette.ts';

/** Rows of pub_bot_decisions_hourly (hour, decision, reason, route_class, events). */
export const BOT_DECISIONS_HOURLY_DATA = 'bot_decisions_hourly';

export const DECISION_COLOUR_SCALE = {
  domain: DECISIONS.map(labelFor),
  range: DECISIONS.map((d) => DECISION_COLOURS[d]),
};

export const DECISION_LABEL = `{${DECISIONS.map((d) => `${JSON.stringify(d)}: ${JSON.stringify(labelFor(d))}`).join(', ')}}[datum.decision] || datum.decision`;

export function botDecisionsHourlySpec(options: ChartOptions): Spec {
  return {
    ...frame(
      options,
      'Defence decisions per hour',
      'Requests the scraper defence throttled, challenged or blocked, from the last published release.',
    ),
    height: 200,
    data: { name: BOT_DECISIONS_HOURLY_DATA },
    transform: [
      { calculate: DECISION_LABEL, as: 'decision_label' },
      {
        aggregate: [{ op: 'sum', field: 'events', as: 'events' }],
        groupby: ['hour', 'decision_label'],
      },
    ],
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'hour',
        type: 'temporal',
        timeUnit: 'utcyearmonthdatehours',
        title: 'Hour (UTC)',
        axis: { labelOverlap: true, grid: false },
      },
      y: { field: 'events', type: 'quantitative', title: 'Requests', stack: 'zero' },
      color: { field: 'decision_label', type: 'nominal', title: 'Decision', scale: DECISION_COLOUR_SCALE },
      tooltip: [
        { field: 'hour', type: 'temporal', timeUnit: 'utcyearmonthdatehours', title: 'Hour (UTC)' },
        { field: 'decision_label', type: 'nominal', title: 'Decision' },
        { field: 'events', type: 'quantitative', title: 'Requests', format: COUNT_FORMAT },
      ],
    },
  };
}
