// Operators, live: defence decisions per minute by action, counted from the most recent bot
// events, so an attack shows within a minute of starting.
import { type ChartOptions, COUNT_FORMAT, frame, type Spec } from './common.ts';
import { DECISION_COLOUR_SCALE, DECISION_LABEL } from './bot-decisions-hourly.ts';

/** Live: GET /v1/operator/bot-events rows ({ occurredAt, decision, … }), newest first. */
export const DECISIONS_PER_MINUTE_DATA = 'live_bot_events';

export interface DecisionsPerMinuteOptions extends ChartOptions {
  readonly minutes: number;
}

export function decisionsPerMinuteSpec(options: DecisionsPerMinuteOptions): Spec {
  return {
    ...frame(
      options,
      'Decisions per minute, live',
      `Throttle, challenge and block decisions in the last ${options.minutes} minutes of recorded events.`,
    ),
    height: 200,
    data: { name: DECISIONS_PER_MINUTE_DATA },
    transform: [
      { calculate: DECISION_LABEL, as: 'decision_label' },
      { joinaggregate: [{ op: 'max', field: 'occurredAt', as: 'newest' }] },
      { filter: `datum.occurredAt > datum.newest - ${options.minutes * 60_000}` },
    ],
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'occurredAt',
        type: 'temporal',
        timeUnit: 'utcyearmonthdatehoursminutes',
        title: 'Minute (UTC)',
        axis: { format: '%H:%M', labelOverlap: true, grid: false },
      },
      y: { aggregate: 'count', type: 'quantitative', title: 'Decisions', stack: 'zero' },
      color: { field: 'decision_label', type: 'nominal', title: 'Decision', scale: DECISION_COLOUR_SCALE },
      tooltip: [
        {
          field: 'occurredAt',
          type: 'temporal',
          timeUnit: 'utcyearmonthdatehoursminutes',
          title: 'Minute (UTC)',
        },
        { field: 'decision_label', type: 'nominal', title: 'Decision' },
        { aggregate: 'count', type: 'quantitative', title: 'Decisions', format: COUNT_FORMAT },
      ],
    },
  };
}
