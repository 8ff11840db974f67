// A cheap fingerprint of everything the app stores in PostgreSQL: row count and md5 of every row of
// every table in the public schema, so a test can prove a refused request changed nothing.
//
// Left out, on purpose, are the writes a refused request is *documented* to make:
// - bot_events: the scraper defence's accountability log (S6, api/protection/README.md) records
//   every non-allow decision about a request, refused or not, in monitor and enforce mode alike
//   (config.ts has no PROTECTION_MODE=off). A row there is the log doing its job, not the refused
//   request changing application state; it is also flushed in the background, so digests would race.
// - accounts.failed_logins / locked_until: the login back-off counts wrong passwords
//   (api/identity/login-backoff.ts) — counting refusals is its job.
// - email_codes.attempts, password_resets.attempts: a code allows 5 tries (README,
//   POST /v1/auth/verify and /v1/auth/password-reset/confirm).
// Every other column of every other table must stay byte-for-byte the same.
import type { Queryable } from '../../../api/db/index.ts';

export const DIGEST_EXCLUDED_TABLES: readonly string[] = ['bot_events'];
export const DIGEST_EXCLUDED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  accounts: ['failed_logins', 'locked_until'],
  email_codes: ['attempts'],
  password_resets: ['attempts'],
};

export interface TableDigest {
  readonly sql: string;
  readonly tables: readonly string[];
}

export async function prepareDigest(db: Queryable): Promise<TableDigest> {
  const { rows } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name
     FROM information_schema.columns c
     JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const columns = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of rows) {
    if (DIGEST_EXCLUDED_TABLES.includes(table)) continue;
    if (DIGEST_EXCLUDED_COLUMNS[table]?.includes(column)) continue;
    columns.set(table, [...(columns.get(table) ?? []), column]);
  }
  const tables = [...columns.keys()];
  const parts = tables.map((table) => {
    const row = `ROW(${columns
      .get(table)!
      .map((c) => `t."${c}"`)
      .join(', ')})::text`;
    return `(SELECT count(*) || ':' || coalesce(md5(string_agg(${row}, '|' ORDER BY ${row})), '') FROM "${table}" t) AS "${table}"`;
  });
  return { sql: `SELECT ${parts.join(', ')}`, tables };
}

/** table → "rows:md5" */
export async function digestOf(db: Queryable, digest: TableDigest): Promise<Record<string, string>> {
  const { rows } = await db.query<Record<string, string>>(digest.sql);
  return rows[0]!;
}
