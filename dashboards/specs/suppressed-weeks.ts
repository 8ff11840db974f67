// A layer that greys out whole weeks whose cell was suppressed, for every weekly chart: a line
// that simply skipped them would read as "nothing happened".
import type { UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import { fewerThanK, SUPPRESSED, SUPPRESSED_NOTE } from './common.ts';
import { SUPPRESSED_FILL } from './palette.ts';

const WEEK_MS = 7 * 86_400_000;

/** Adds week_end (the next Monday) so bars and bands cover the whole week. */
export const WEEK_END = { calculate: `time(datum.week_start) + ${WEEK_MS}`, as: 'week_end' };

export const WEEK_AXIS = {
  field: 'week_start',
  type: 'temporal',
  timeUnit: 'utcyearmonthdate',
  title: 'Week starting',
  axis: { format: '%b %Y', labelOverlap: true, labelFlush: true, grid: false },
} as const;

export function suppressedWeeksLayer(k: number): UnitSpec<string> {
  return {
    // Every week gets a band, visible only when suppressed: a layer filtered down to nothing
    // would leave Vega an empty extent to complain about on companies with no small weeks.
    transform: [
      WEEK_END,
      { calculate: `${SUPPRESSED} ? ${JSON.stringify(fewerThanK(k))} : null`, as: SUPPRESSED_NOTE },
    ],
    mark: { type: 'rect', color: SUPPRESSED_FILL },
    encoding: {
      x: { field: 'week_start', type: 'temporal', timeUnit: 'utcyearmonthdate' },
      x2: { field: 'week_end' },
      opacity: { condition: { test: SUPPRESSED, value: 1 }, value: 0 },
      tooltip: { field: SUPPRESSED_NOTE, type: 'nominal', title: 'Reports' },
    },
  };
}
