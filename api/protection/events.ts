// Accountability (S6): every non-allow decision becomes a bot_events row — time, decision, score,
// reasons, route class, the hashed network key, the fingerprint id and the account only as its
// month tag. Rows are buffered and written in batches so a flood of refused requests costs one
// INSERT per batch, not one per request; the buffer is bounded and overflow is counted, not kept.
import type { Db, SqlParam } from '../db/index.ts';
import type { RouteClass } from '../http/route-context.ts';
import type { ProtectionMetrics } from './metrics.ts';

export interface BotEvent {
  occurredAt: Date;
  decision: 'throttle' | 'challenge' | 'block';
  enforced: boolean;
  score: number;
  reasons: string[];
  routeClass: RouteClass;
  networkKey: string | null;
  fingerprintId: string;
  accountTag: string | null;
}

const COLUMNS = 9;

export class BotEventLog {
  readonly #db: Db;
  readonly #metrics: ProtectionMetrics;
  readonly #onError: (error: unknown) => void;
  readonly #maxBuffered: number;
  readonly #batchSize: number;
  #buffer: BotEvent[] = [];
  #writing: Promise<void> = Promise.resolve();

  constructor(
    db: Db,
    metrics: ProtectionMetrics,
    onError: (error: unknown) => void,
    options: { maxBuffered?: number; batchSize?: number } = {},
  ) {
    this.#db = db;
    this.#metrics = metrics;
    this.#onError = onError;
    this.#maxBuffered = options.maxBuffered ?? 10_000;
    this.#batchSize = options.batchSize ?? 200;
  }

  get pending(): number {
    return this.#buffer.length;
  }

  record(event: BotEvent): void {
    if (this.#buffer.length >= this.#maxBuffered) {
      this.#metrics.eventsDropped.inc();
      return;
    }
    this.#buffer.push(event);
    if (this.#buffer.length >= this.#batchSize) void this.flush();
  }

  /** Writes everything buffered so far; resolves when it is in the database (or counted as dropped). */
  flush(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#drain());
    return this.#writing;
  }

  async #drain(): Promise<void> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.splice(0, this.#batchSize);
      try {
        await insertBotEvents(this.#db, batch);
      } catch (error) {
        this.#metrics.eventsDropped.inc({}, batch.length);
        this.#onError(error);
      }
    }
  }
}

export async function insertBotEvents(db: Db, events: readonly BotEvent[]): Promise<void> {
  if (events.length === 0) return;
  const params: SqlParam[] = [];
  const rows = events.map((event, row) => {
    params.push(
      event.occurredAt,
      event.decision,
      event.enforced,
      Math.max(0, Math.min(100, Math.round(event.score))),
      event.reasons,
      event.routeClass,
      event.networkKey,
      event.fingerprintId,
      event.accountTag,
    );
    const base = row * COLUMNS;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::text[], $${base + 6}, $${base + 7}, $${base + 8}, $${base + 9})`;
  });
  await db.query(
    `INSERT INTO bot_events
       (occurred_at, decision, enforced, score, reasons, route_class, network_key, fingerprint_id, account_tag)
     VALUES ${rows.join(', ')}`,
    params,
  );
}
