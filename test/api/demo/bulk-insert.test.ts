import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkTable } from '../../../api/demo/bulk-insert.ts';
import { copyFrom } from '../../../api/demo/copy-in.ts';
import { openTestDb, type TestDb } from '../../support/db.ts';

describe('BulkTable', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    await db.query(
      `CREATE TABLE bulk_probe (id text PRIMARY KEY, note text, n int, amount numeric(14, 2), flag boolean,
                                at timestamptz, day date, bytes bytea)`,
    );
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  const columns = [
    ['id', 'text'],
    ['note', 'text'],
    ['n', 'int4'],
    ['amount', 'numeric'],
    ['flag', 'bool'],
    ['at', 'timestamptz'],
    ['day', 'date'],
    ['bytes', 'bytea'],
  ] as const;

  const notes = [
    'plain',
    'quote " and backslash \\ and \\"',
    'comma, {brace} NULL',
    '中文，换行\n制表\t',
    '',
    'NULL',
  ];
  const awkwardRows = (table: BulkTable) => {
    for (const [i, note] of notes.entries()) {
      table.push(
        `row-${i}`,
        note,
        i * 1000,
        1234.56 + i,
        i % 2 === 0,
        new Date(Date.UTC(2025, 0, 1 + i, 10)).toISOString(),
        `2025-02-0${i + 1}`,
        Buffer.from([0, 255, i]),
      );
    }
    table.push('row-null', null, null, null, null, null, null, null);
  };
  const expectAwkwardRows = async (from: string) => {
    const { rows: back } = await db.query<Record<string, unknown>>(`SELECT * FROM ${from} ORDER BY id`);
    expect(back.map((r) => r.note)).toEqual([...notes, null]);
    expect(back[1]).toMatchObject({ n: 1000, amount: 1235.56, flag: false, bytes: Buffer.from([0, 255, 1]) });
    expect((back[3]!.at as Date).toISOString()).toBe('2025-01-04T10:00:00.000Z');
    expect(back[6]).toMatchObject({
      id: 'row-null',
      n: null,
      amount: null,
      flag: null,
      at: null,
      day: null,
      bytes: null,
    });
  };

  it('round-trips awkward text, NULLs, numbers, times and bytes in batches', async () => {
    const table = new BulkTable('bulk_probe', columns);
    awkwardRows(table);
    const rows = table.take();
    expect(table.length).toBe(0);
    // Batches of 2 rows: several statements, same result.
    await db.transaction((tx) => rows.write(tx, 2));
    await expectAwkwardRows('bulk_probe');
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('writes the same rows by COPY, in chunks', async () => {
    await db.query('CREATE TABLE copy_probe (LIKE bulk_probe INCLUDING ALL)');
    const table = new BulkTable('copy_probe', columns);
    awkwardRows(table);
    const rows = table.take();
    const chunks = rows.copyChunks(2);
    expect(chunks.length).toBe(4);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await copyFrom(client, rows.copySql!, chunks);
      await expectAwkwardRows('copy_probe');
      // A bad row fails the COPY with the server's message, and the client stays usable.
      await expect(copyFrom(client, rows.copySql!, [Buffer.from('only-id\n')])).rejects.toThrow(
        /missing data/,
      );
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('has no COPY for updates', () => {
    const update = new BulkTable(
      'bulk_probe',
      [
        ['id', 'text'],
        ['n', 'int4'],
      ],
      { updateBy: 'id' },
    );
    expect(update.take().copySql).toBeNull();
  });

  it('updates rows matched by a key column', async () => {
    const update = new BulkTable(
      'bulk_probe',
      [
        ['id', 'text'],
        ['n', 'int4'],
        ['note', 'text'],
      ],
      { updateBy: 'id' },
    );
    update.push('row-0', 7, 'changed "once"');
    update.push('missing', 8, 'no such row');
    await db.transaction((tx) => update.take().write(tx, 100));
    const { rows } = await db.query<{ n: number; note: string }>(
      "SELECT n, note FROM bulk_probe WHERE id = 'row-0'",
    );
    expect(rows[0]).toEqual({ n: 7, note: 'changed "once"' });
    const { rows: count } = await db.query<{ n: number }>('SELECT count(*) AS n FROM bulk_probe');
    expect(count[0]!.n).toBe(7);
  });

  it('refuses a row with the wrong number of values', () => {
    const table = new BulkTable('bulk_probe', columns);
    expect(() => table.push('only-id')).toThrow(/expected 8 values, got 1/);
  });
});
