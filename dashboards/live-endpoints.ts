// The live sources of the operator page: the operator API (api/operator/routes.ts, behind
// X-Operator-Token) and the protection metrics. The page reads these shapes:
//
// GET /v1/operator/bot-events?limit=500 → { events: [{ occurredAt, decision, reasons, fingerprintId, … }] }
// GET /v1/operator/bot-events/summary?hours=1 → { byReason: [{ reason, events }], byDecision, byHour }
// GET /v1/operator/bot-events/top?hours=1&limit=10 → { fingerprints: [{ value, events }], networks: [{ value, events }] }
// GET /metrics (Prometheus text) → watercooler_rate_limited_total, watercooler_challenges_issued_total,
//     watercooler_challenges_solved_total, watercooler_trap_hits_total
// GET/POST /v1/operator/allow-list ({ kind, value, note }) and DELETE /v1/operator/allow-list/:kind/:value

export const LIVE_MINUTES = 60;
export const RECENT_EVENTS_URL = '/v1/operator/bot-events?limit=500';
export const SUMMARY_URL = '/v1/operator/bot-events/summary?hours=1';
export const TOP_SOURCES_URL = '/v1/operator/bot-events/top?hours=1&limit=10';
export const METRICS_URL = '/metrics';
export const ALLOW_LIST_URL = '/v1/operator/allow-list';

/** Prometheus counters shown on the pressure panel, summed over their labels. */
export const PRESSURE_SERIES = [
  { metric: 'watercooler_rate_limited_total', label: '429 rate-limited' },
  { metric: 'watercooler_challenges_issued_total', label: 'Challenges issued' },
  { metric: 'watercooler_challenges_solved_total', label: 'Challenges solved' },
  { metric: 'watercooler_trap_hits_total', label: 'Trap hits' },
] as const;
