// A "top N by count" horizontal bar chart: top reasons, fingerprints and network keys. Each has
// its own builder below so pages and reports name the chart, not the shape.
import { type ChartOptions, COUNT_FORMAT, frame, type Spec } from './common.ts';
import { OKABE_ITO } from './palette.ts';

export interface RankedBarsOptions extends ChartOptions {
  readonly top?: number;
}

interface Ranked {
  readonly dataName: string;
  readonly labelField: string;
  readonly labelTitle: string;
  readonly countField: string;
  readonly countTitle: string;
  readonly title: string;
  readonly subtitle: string;
  readonly colour: string;
}

function rankedBarsSpec(ranked: Ranked, options: RankedBarsOptions): Spec {
  const top = options.top ?? 10;
  return {
    ...frame(options, ranked.title, ranked.subtitle),
    height: { step: 22 },
    data: { name: ranked.dataName },
    transform: [
      { aggregate: [{ op: 'sum', field: ranked.countField, as: 'total' }], groupby: [ranked.labelField] },
      { window: [{ op: 'row_number', as: 'rank' }], sort: [{ field: 'total', order: 'descending' }] },
      { filter: `datum.rank <= ${top}` },
    ],
    mark: { type: 'bar', color: ranked.colour, height: { band: 0.7 } },
    encoding: {
      y: {
        field: ranked.labelField,
        type: 'nominal',
        title: ranked.labelTitle,
        sort: { field: 'total', order: 'descending' },
        axis: { labelLimit: 180 },
      },
      x: { field: 'total', type: 'quantitative', title: ranked.countTitle },
      tooltip: [
        { field: ranked.labelField, type: 'nominal', title: ranked.labelTitle },
        { field: 'total', type: 'quantitative', title: ranked.countTitle, format: COUNT_FORMAT },
      ],
    },
  };
}

/** Rows of pub_bot_decisions_hourly: reasons summed over the release. */
export function warehouseTopReasonsSpec(options: RankedBarsOptions & { dataName: string }): Spec {
  return rankedBarsSpec(
    {
      dataName: options.dataName,
      labelField: 'reason',
      labelTitle: 'Reason',
      countField: 'events',
      countTitle: 'Requests',
      title: 'Top reasons for defence decisions',
      subtitle: 'Why requests were throttled, challenged or blocked, from the last published release.',
      colour: OKABE_ITO.reddishPurple,
    },
    options,
  );
}

/** Live: GET /v1/operator/bot-events/summary byReason rows ({ reason, events }). */
export const LIVE_TOP_REASONS_DATA = 'live_top_reasons';
export function liveTopReasonsSpec(options: RankedBarsOptions): Spec {
  return rankedBarsSpec(
    {
      dataName: LIVE_TOP_REASONS_DATA,
      labelField: 'reason',
      labelTitle: 'Reason',
      countField: 'events',
      countTitle: 'Decisions',
      title: 'Top reasons, last hour',
      subtitle: 'Reasons given for throttle, challenge and block decisions.',
      colour: OKABE_ITO.reddishPurple,
    },
    options,
  );
}

/** Live: GET /v1/operator/bot-events/top fingerprints rows ({ value, events }); keyed hashes. */
export const LIVE_TOP_FINGERPRINTS_DATA = 'live_top_fingerprints';
export function liveTopFingerprintsSpec(options: RankedBarsOptions): Spec {
  return rankedBarsSpec(
    {
      dataName: LIVE_TOP_FINGERPRINTS_DATA,
      labelField: 'value',
      labelTitle: 'Client fingerprint (hashed)',
      countField: 'events',
      countTitle: 'Decisions',
      title: 'Top client fingerprints, last hour',
      subtitle: 'Clients with the most throttle, challenge and block decisions.',
      colour: OKABE_ITO.orange,
    },
    options,
  );
}

/** Live: GET /v1/operator/bot-events/top networks rows ({ value, events }); day-keyed hashes. */
export const LIVE_TOP_NETWORK_KEYS_DATA = 'live_top_network_keys';
export function liveTopNetworkKeysSpec(options: RankedBarsOptions): Spec {
  return rankedBarsSpec(
    {
      dataName: LIVE_TOP_NETWORK_KEYS_DATA,
      labelField: 'value',
      labelTitle: 'Network prefix (hashed)',
      countField: 'events',
      countTitle: 'Decisions',
      title: 'Top networks, last hour',
      subtitle: 'Network prefixes (/24, /48), hashed under the day key, with the most decisions.',
      colour: OKABE_ITO.bluishGreen,
    },
    options,
  );
}
