// What operators read about scraper attempts (S6): recent bot_events, summaries by reason,
// decision and hour, and the fingerprints, networks and accounts behind most events. Every value
// here is already a keyed hash (network key, fingerprint id, account tag): no address, no account id.
import type { Db } from '../db/index.ts';
import type { BotEvent } from '../protection/events.ts';

type Decision = BotEvent['decision'];

export interface BotEventView {
  id: number;
  occurredAt: string;
  decision: Decision;
  enforced: boolean;
  score: number;
  reasons: string[];
  routeClass: string;
  networkKey: string | null;
  fingerprintId: string;
  accountTag: string | null;
}

export interface RecentFilter {
  limit: number;
  /** Only events with a smaller id (the previous page's last id). */
  before?: number;
  decision?: string;
  reason?: string;
}

export async function recentBotEvents(db: Db, filter: RecentFilter): Promise<BotEventView[]> {
  const { rows } = await db.query<{
    id: number;
    occurred_at: Date;
    decision: Decision;
    enforced: boolean;
    score: number;
    reasons: string[];
    route_class: string;
    network_key: string | null;
    fingerprint_id: string;
    account_tag: string | null;
  }>(
    `SELECT id, occurred_at, decision, enforced, score, reasons, route_class, network_key, fingerprint_id, account_tag
       FROM bot_events
      WHERE ($1::bigint IS NULL OR id < $1)
        AND ($2::text IS NULL OR decision = $2)
        AND ($3::text IS NULL OR $3 = ANY (reasons))
      ORDER BY id DESC
      LIMIT $4`,
    [filter.before ?? null, filter.decision ?? null, filter.reason ?? null, filter.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    occurredAt: row.occurred_at.toISOString(),
    decision: row.decision,
    enforced: row.enforced,
    score: row.score,
    reasons: row.reasons,
    routeClass: row.route_class,
    networkKey: row.network_key,
    fingerprintId: row.fingerprint_id,
    accountTag: row.account_tag,
  }));
}

export interface BotEventSummary {
  since: string;
  total: number;
  byReason: { reason: string; events: number }[];
  byDecision: { decision: Decision; enforced: boolean; events: number }[];
  byHour: { hour: string; decision: Decision; events: number }[];
}

export async function summariseBotEvents(db: Db, since: Date): Promise<BotEventSummary> {
  const [reasons, decisions, hours] = await Promise.all([
    db.query<{ reason: string; events: number }>(
      `SELECT reason, count(*)::int AS events
         FROM bot_events, unnest(reasons) AS reason
        WHERE occurred_at >= $1
        GROUP BY reason
        ORDER BY events DESC, reason`,
      [since],
    ),
    db.query<{ decision: Decision; enforced: boolean; events: number }>(
      `SELECT decision, enforced, count(*)::int AS events
         FROM bot_events WHERE occurred_at >= $1
        GROUP BY decision, enforced
        ORDER BY events DESC, decision, enforced`,
      [since],
    ),
    // Hour buckets from the epoch, so the answer never depends on the session's time zone.
    db.query<{ hour_start: number; decision: Decision; events: number }>(
      `SELECT (floor(extract(epoch FROM occurred_at) / 3600) * 3600)::bigint AS hour_start,
              decision, count(*)::int AS events
         FROM bot_events WHERE occurred_at >= $1
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      [since],
    ),
  ]);
  return {
    since: since.toISOString(),
    total: decisions.rows.reduce((sum, row) => sum + row.events, 0),
    byReason: reasons.rows,
    byDecision: decisions.rows,
    byHour: hours.rows.map((row) => ({
      hour: new Date(Number(row.hour_start) * 1000).toISOString(),
      decision: row.decision,
      events: row.events,
    })),
  };
}

export interface TopSource {
  value: string;
  events: number;
  maxScore: number;
  lastSeen: string;
  decisions: string[];
}

export interface TopSources {
  since: string;
  fingerprints: TopSource[];
  networks: TopSource[];
  accounts: TopSource[];
}

// One statement per column; the column name is chosen from this fixed map, never from input.
const TOP_COLUMNS = {
  fingerprints: 'fingerprint_id',
  networks: 'network_key',
  accounts: 'account_tag',
} as const;

export async function topBotEventSources(db: Db, since: Date, limit: number): Promise<TopSources> {
  const top = async (column: (typeof TOP_COLUMNS)[keyof typeof TOP_COLUMNS]): Promise<TopSource[]> => {
    const { rows } = await db.query<{
      value: string;
      events: number;
      max_score: number;
      last_seen: Date;
      decisions: string[];
    }>(
      `SELECT ${column} AS value, count(*)::int AS events, max(score)::int AS max_score,
              max(occurred_at) AS last_seen, array_agg(DISTINCT decision ORDER BY decision) AS decisions
         FROM bot_events
        WHERE occurred_at >= $1 AND ${column} IS NOT NULL
        GROUP BY ${column}
        ORDER BY events DESC, value
        LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => ({
      value: row.value,
      events: row.events,
      maxScore: row.max_score,
      lastSeen: row.last_seen.toISOString(),
      decisions: row.decisions,
    }));
  };
  const [fingerprints, networks, accounts] = await Promise.all([
    top(TOP_COLUMNS.fingerprints),
    top(TOP_COLUMNS.networks),
    top(TOP_COLUMNS.accounts),
  ]);
  return { since: since.toISOString(), fingerprints, networks, accounts };
}
