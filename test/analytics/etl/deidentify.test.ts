// P5: after an ETL over data full of known identifiers, no DuckDB table holds any of them (every
// column of every table scanned), no time is finer than an ISO week outside the person-free bot and
// release tables, and no contributor tag joins two cells.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../api/ids.ts';
import { reasonCode } from '../../../analytics/etl/deidentify.ts';
import { type EtlFixture, openEtlFixture } from '../support/fixture.ts';
import { addBotEvent, addCompany, addPost, addSalary, addThread } from '../support/seed.ts';

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
}

describe('de-identification (P5)', { timeout: 120_000 }, () => {
  let f: EtlFixture;
  const needles: string[] = [];
  const binaryNeedles: Buffer[] = [];
  let fileBytes = '';

  beforeAll(async () => {
    f = await openEtlFixture();
    const { db, keys } = f.services;
    const companies = [await addCompany(db, 'acme', 'Acme Corp'), await addCompany(db, 'globex', 'Globex')];
    for (let person = 0; person < 12; person++) {
      const accountId = `acct-${newId()}`;
      const email = `worker${person}.${newId().slice(0, 5)}@acme.example`;
      const ip = `203.0.113.${10 + person}`;
      await db.query(
        `INSERT INTO accounts (id, email_hash, password_hash, member_kind, company_id, created_on)
         VALUES ($1, $2, 'x', 'employee', $3, '2026-01-02')`,
        [accountId, Buffer.from(email), companies[person % 2]!],
      );
      needles.push(accountId, email, ip);
      for (let n = 0; n < 3; n++) {
        const at = new Date(Date.parse('2026-02-02T08:17:23Z') + (person * 3 + n) * 7_200_000);
        const threadTitle = `Thread about ${newId()}`;
        const thread = await addThread(db, companies[person % 2]!, at, { title: threadTitle });
        const body = `Unique text ${newId()} — mail me at ${email}, my IP is ${ip}. Overtime and layoffs again.`;
        const alias = `Employee of Acme · Heron ${newId().slice(0, 8)}`;
        const post = await addPost(db, keys, { threadId: thread, accountId, at, body, alias });
        needles.push(post.id, body, alias, thread, threadTitle, body.slice(12, 34));
        const { rows } = await db.query<{ author_tag: Buffer; author_box: Buffer }>(
          'SELECT author_tag, author_box FROM posts WHERE id = $1',
          [post.id],
        );
        binaryNeedles.push(rows[0]!.author_tag, rows[0]!.author_box);
      }
      const salaryId = await addSalary(db, keys, {
        accountId,
        companyId: companies[person % 2]!,
        base: 123_457 + person,
        city: 'Springfield',
        at: new Date('2026-02-03T00:00:00Z'),
      });
      needles.push(salaryId);
      const fingerprint = `fp-${newId()}`;
      const networkKey = `nk-${newId()}`;
      await addBotEvent(db, {
        at: new Date('2026-02-20T10:17:42Z'),
        reasons: [`ip:${ip}`, `fingerprint=${fingerprint}`, `account ${accountId}`],
        fingerprint,
        networkKey,
      });
      needles.push(fingerprint, networkKey);
    }
    const summary = await f.etl();
    expect(summary.posts.loaded).toBe(36);
    await f.publish();
    // The raw bytes, read before any test plants anything: checkpointed file plus any WAL.
    await f.warehouse.connection.run('CHECKPOINT');
    const wal = `${f.warehouse.path}.wal`;
    fileBytes =
      readFileSync(f.warehouse.path).toString('latin1') +
      (existsSync(wal) ? readFileSync(wal).toString('latin1') : '');
  }, 300_000);
  afterAll(() => f.close());

  const columns = async (): Promise<Column[]> =>
    (await f.rows(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
    )) as unknown as Column[];

  /** Every distinct value of every column of every table, searched for every needle. */
  async function findNeedles(): Promise<string[]> {
    const found: string[] = [];
    for (const column of await columns()) {
      const values = (await f.rows(
        `SELECT DISTINCT CAST("${column.column_name}" AS VARCHAR) AS v, ${
          column.data_type === 'BLOB' ? `hex("${column.column_name}")` : 'NULL'
        } AS h FROM "${column.table_name}"`,
      )) as { v: string | null; h: string | null }[];
      const text = values
        .map((r) => `${r.v ?? ''}\n${r.h ?? ''}`)
        .join('\n')
        .toLowerCase();
      for (const needle of needles)
        if (text.includes(needle.toLowerCase()))
          found.push(`${column.table_name}.${column.column_name}: ${needle}`);
      for (const bytes of binaryNeedles) {
        if (text.includes(bytes.toString('hex').slice(0, 32)))
          found.push(`${column.table_name}.${column.column_name}: author link bytes`);
      }
    }
    return found;
  }

  it('holds no user id, e-mail, alias, post or thread id, text, salary id, IP, fingerprint or network key', async () => {
    expect(new Set((await columns()).map((c) => c.table_name)).size).toBeGreaterThanOrEqual(16);
    // The scanner itself finds a planted identifier…
    await f.warehouse.connection.run('INSERT INTO warehouse_state VALUES ($1, $2)', ['planted', needles[1]!]);
    expect(await findNeedles()).toEqual([`warehouse_state.value: ${needles[1]}`]);
    await f.warehouse.connection.run("DELETE FROM warehouse_state WHERE name = 'planted'");
    // …and the ETL planted none.
    expect(await findNeedles()).toEqual([]);
  });

  it('keeps no time finer than an ISO week except the hour of person-free bot counts and releases', async () => {
    const timeColumns = (await columns()).filter((c) => /DATE|TIME/.test(c.data_type));
    const allowedHourly = ['fact_bot_hour.hour', 'pub_bot_decisions_hourly.hour', 'releases.created_at'];
    for (const column of timeColumns) {
      const name = `${column.table_name}.${column.column_name}`;
      if (column.data_type === 'DATE') {
        const bad = await f.rows(
          `SELECT DISTINCT "${column.column_name}" AS d FROM "${column.table_name}"
           WHERE isodow("${column.column_name}") <> 1 AND day("${column.column_name}") <> 1`,
        );
        expect(bad, name).toEqual([]);
      } else {
        expect(allowedHourly, `${name} is ${column.data_type}`).toContain(name);
        expect(column.data_type).toBe('TIMESTAMP');
        const bad = await f.rows(
          `SELECT "${column.column_name}" FROM "${column.table_name}"
           WHERE date_trunc('hour', "${column.column_name}") <> "${column.column_name}"`,
        );
        expect(bad, name).toEqual([]);
      }
    }
    // Week cells start on Mondays, month cells on the 1st.
    expect(await f.rows('SELECT DISTINCT isodow(week_start) AS d FROM fact_sentiment_week')).toEqual([
      { d: '1' },
    ]);
    expect(await f.rows('SELECT DISTINCT day(month) AS d FROM fact_topics_month')).toEqual([{ d: '1' }]);
  });

  it('never repeats a contributor tag across cells or tables: rows cannot be joined into a person', async () => {
    const tags = await f.rows(
      `SELECT tag, count(*) AS cells FROM (
         SELECT hex(contributor) AS tag FROM fact_sentiment_week
         UNION ALL SELECT hex(contributor) FROM fact_topics_month
         UNION ALL SELECT hex(contributor) FROM fact_salary_company
         UNION ALL SELECT hex(contributor) FROM fact_salary_city)
       GROUP BY tag HAVING count(*) > 1`,
    );
    expect(tags).toEqual([]);
    // …even though the same 12 people wrote every post and every salary report.
    expect(await f.rows('SELECT count(*) AS n FROM fact_salary_company')).toEqual([{ n: '12' }]);
  });

  it('leaves no identifier in the bytes of the DuckDB file either', () => {
    expect(fileBytes.length).toBeGreaterThan(100_000);
    for (const needle of needles) expect(fileBytes.includes(needle), needle).toBe(false);
  });

  it('reduces protection reasons to bare codes', () => {
    expect(reasonCode('ip:203.0.113.7')).toBe('ip');
    expect(reasonCode('fingerprint=abc')).toBe('fingerprint');
    expect(reasonCode('UA HeadlessChrome/120')).toBe('ua');
    expect(reasonCode('  ')).toBe('unspecified');
  });
});
