// The operator allow-list (S3, S6): a fingerprint id or an account tag listed here skips every
// protection layer — it wins over traps, scores and budgets. Kept in the allow_list table and
// mirrored in memory, reloaded after each change and every half minute so all instances agree.
// An account is listed by its tag as shown in bot_events; tags are keyed by the month (P4), so an
// account entry lapses when the month's key rotates and must be re-added from a newer event.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';

export type AllowListKind = 'fingerprint' | 'account';

export interface AllowListEntry {
  kind: AllowListKind;
  value: string;
  note: string;
  createdAt: string;
}

export class AllowList {
  #fingerprints = new Set<string>();
  #accounts = new Set<string>();

  has(fingerprintId: string, accountTag: string | null): boolean {
    return (
      (this.#fingerprints.size > 0 && this.#fingerprints.has(fingerprintId)) ||
      (accountTag !== null && this.#accounts.size > 0 && this.#accounts.has(accountTag))
    );
  }

  async reload(db: Db): Promise<void> {
    const { rows } = await db.query<{ kind: AllowListKind; value: string }>(
      'SELECT kind, value FROM allow_list',
    );
    this.#fingerprints = new Set(rows.filter((r) => r.kind === 'fingerprint').map((r) => r.value));
    this.#accounts = new Set(rows.filter((r) => r.kind === 'account').map((r) => r.value));
  }

  async list(db: Db): Promise<AllowListEntry[]> {
    const { rows } = await db.query<{ kind: AllowListKind; value: string; note: string; created_at: Date }>(
      'SELECT kind, value, note, created_at FROM allow_list ORDER BY created_at DESC, kind, value',
    );
    return rows.map((r) => ({
      kind: r.kind,
      value: r.value,
      note: r.note,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Adds or re-notes an entry; returns it. */
  async add(db: Db, clock: Clock, kind: AllowListKind, value: string, note: string): Promise<AllowListEntry> {
    const { rows } = await db.query<{ created_at: Date }>(
      `INSERT INTO allow_list (kind, value, note, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, value) DO UPDATE SET note = EXCLUDED.note
       RETURNING created_at`,
      [kind, value, note, clock.now()],
    );
    await this.reload(db);
    return { kind, value, note, createdAt: rows[0]!.created_at.toISOString() };
  }

  /** True when there was such an entry. */
  async remove(db: Db, kind: AllowListKind, value: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM allow_list WHERE kind = $1 AND value = $2', [
      kind,
      value,
    ]);
    await this.reload(db);
    return rowCount > 0;
  }
}

const plugin: FastifyPluginAsync<{ allowList: AllowList }> = async (app, { allowList }) => {
  app.addHook('onRequest', (request, _reply, done) => {
    const state = request.protection;
    if (state) state.allowListed = allowList.has(state.fingerprintId, state.accountTag);
    done();
  });
};

/** Marks allow-listed requests so the later layers step aside. */
export const allowListLayer = fp(plugin, { name: 'protection-allow-list' });
