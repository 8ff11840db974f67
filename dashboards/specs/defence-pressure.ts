// Operators, live: the defence's counters (429s, challenges issued and solved, trap hits) since
// the server started, from its Prometheus metrics. Solved far below issued: clients give up.
import { type ChartOptions, COUNT_FORMAT, frame, type Spec } from './common.ts';
import { OKABE_ITO } from './palette.ts';

/** Live: rows { series, value } read from GET /metrics (see live-endpoints.ts). */
export const DEFENCE_PRESSURE_DATA = 'live_defence_counters';

export const PRESSURE_COLOURS = {
  '429 rate-limited': OKABE_ITO.vermillion,
  'Challenges issued': OKABE_ITO.reddishPurple,
  'Challenges solved': OKABE_ITO.bluishGreen,
  'Trap hits': OKABE_ITO.black,
} as const;

export function defencePressureSpec(options: ChartOptions): Spec {
  const labels = Object.keys(PRESSURE_COLOURS);
  return {
    ...frame(
      options,
      'Pressure on the defences',
      'Counts since this server started. Challenges solved far below issued means clients give up: likely bots.',
    ),
    height: { step: 28 },
    data: { name: DEFENCE_PRESSURE_DATA },
    mark: { type: 'bar', height: { band: 0.7 } },
    encoding: {
      y: { field: 'series', type: 'nominal', title: null, sort: labels },
      x: { field: 'value', type: 'quantitative', title: 'Events since start' },
      color: {
        field: 'series',
        type: 'nominal',
        legend: null,
        scale: { domain: labels, range: Object.values(PRESSURE_COLOURS) },
      },
      tooltip: [
        { field: 'series', type: 'nominal', title: 'Counter' },
        { field: 'value', type: 'quantitative', title: 'Events', format: COUNT_FORMAT },
      ],
    },
  };
}
