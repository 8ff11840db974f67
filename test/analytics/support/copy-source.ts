// Copies the source tables row for row (same ids, same author/reporter boxes) from one database to
// another, so a "clean" ETL run and an interrupted one can be compared on identical data.
import type { Queryable } from '../../../api/db/index.ts';

const TABLES = ['companies', 'threads', 'posts', 'salaries', 'bot_events'] as const;

export async function copySource(from: Queryable, to: Queryable): Promise<void> {
  for (const table of TABLES) {
    const { rows } = await from.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
    const overriding = table === 'bot_events' ? 'OVERRIDING SYSTEM VALUE' : '';
    for (const { row } of rows) {
      await to.query(
        `INSERT INTO ${table} ${overriding} SELECT * FROM json_populate_record(NULL::${table}, $1::json)`,
        [row],
      );
    }
  }
}
