import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BotEvent, BotEventLog, insertBotEvents } from '../../../api/protection/events.ts';
import { ProtectionMetrics } from '../../../api/protection/metrics.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const event = (n: number): BotEvent => ({
  occurredAt: new Date(Date.UTC(2026, 2, 2, 10, 0, n)),
  decision: 'challenge',
  enforced: true,
  score: 55.4,
  reasons: ['chrome-without-client-hints', 'young-account'],
  routeClass: 'read',
  networkKey: 'ab'.repeat(32),
  fingerprintId: 'cd'.repeat(16),
  accountTag: null,
});

describe('bot event log', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await openTestServices();
  });
  afterAll(async () => {
    await services.close();
  });

  it('writes rows with every field, score rounded into 0–100', async () => {
    await insertBotEvents(services.db, [event(1)]);
    const { rows } = await services.db.query(
      'SELECT occurred_at, decision, enforced, score, reasons, route_class, network_key, fingerprint_id, account_tag, etl_load_batch FROM bot_events',
    );
    expect(rows).toEqual([
      {
        occurred_at: new Date(Date.UTC(2026, 2, 2, 10, 0, 1)),
        decision: 'challenge',
        enforced: true,
        score: 55,
        reasons: ['chrome-without-client-hints', 'young-account'],
        route_class: 'read',
        network_key: 'ab'.repeat(32),
        fingerprint_id: 'cd'.repeat(16),
        account_tag: null,
        etl_load_batch: null,
      },
    ]);
  });

  it('buffers, writes in batches on flush, and counts what it had to drop', async () => {
    await services.db.query('DELETE FROM bot_events');
    const metrics = new ProtectionMetrics();
    const errors: unknown[] = [];
    const log = new BotEventLog(services.db, metrics, (e) => errors.push(e), {
      maxBuffered: 50,
      batchSize: 20,
    });
    for (let i = 0; i < 60; i++) log.record(event(i));
    await log.flush();
    const { rows } = await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bot_events');
    expect(rows[0]!.n).toBe(50);
    expect(metrics.eventsDropped.get()).toBe(10);
    expect(log.pending).toBe(0);
    expect(errors).toEqual([]);
  });

  it('does not throw when the database refuses a batch; it counts the rows as dropped', async () => {
    const metrics = new ProtectionMetrics();
    const errors: unknown[] = [];
    const log = new BotEventLog(services.db, metrics, (e) => errors.push(e));
    log.record({ ...event(1), decision: 'nonsense' as BotEvent['decision'] });
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(metrics.eventsDropped.get()).toBe(1);
  });
});
