import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { migrate } from '../../../api/db/index.ts';
import { openPgliteDb } from '../../../api/db/pglite.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';

describe('migrations and the Db interface', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every migration on embedded PGlite too (one statement at a time)', async () => {
    const lite = await openPgliteDb();
    try {
      const ran = await migrate(lite);
      expect(ran[0]).toBe('001_init.sql');
      expect(ran.length).toBe(readdirSync(new URL('../../../api/db/migrations/', import.meta.url)).length);
    } finally {
      await lite.close();
    }
  }, 120_000);

  it('records each migration once; a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows[0]?.name).toBe('001_init.sql');
  });

  it('returns count/int8 and numeric as numbers and bytea as Buffer on both backends', async () => {
    const { rows } = await db.query<{ n: unknown; big: unknown; money: unknown; bytes: unknown }>(
      "SELECT count(*) AS n, 9007199254740991::int8 AS big, 12.50::numeric AS money, '\\x0102ff'::bytea AS bytes",
    );
    expect(rows[0]).toEqual({ n: 1, big: 9007199254740991, money: 12.5, bytes: Buffer.from([1, 2, 255]) });
    expect(Buffer.isBuffer(rows[0]!.bytes)).toBe(true);
  });

  it('rolls a failed transaction back', async () => {
    await db.query(
      "INSERT INTO companies (id, slug, name, created_at) VALUES ('c1', 'one', 'One', '2026-01-01')",
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO companies (id, slug, name, created_at) VALUES ('c2', 'two', 'Two', '2026-01-01')",
        );
        await tx.query(
          "INSERT INTO companies (id, slug, name, created_at) VALUES ('c3', 'one', 'Dup', '2026-01-01')",
        );
      }),
    ).rejects.toThrow();
    const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM companies');
    expect(rows[0]!.n).toBe(1);
  });

  it('reports affected rows the same way', async () => {
    const result = await db.query("UPDATE companies SET name = 'Uno' WHERE id = 'c1'");
    expect(result.rowCount).toBe(1);
  });
});
