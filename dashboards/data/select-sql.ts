// Builds the one SELECT the data API runs for a table: columns named from the allow-list and cast
// to their published kind (so Arrow, CSV and Parquet agree whatever types the ETL used), and
// filters as $n parameters. Each pub_ table holds exactly one release (publication replaces all
// of them and adds the releases row in one transaction), so no release filter is needed by default.
import type { DuckDBValue } from '@duckdb/node-api';
import type { ColumnKind, PublishedTable } from '../warehouse/published-tables.ts';
import type { Filter } from './filters.ts';

const SQL_TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/** Identifiers only ever come from published-tables.ts; quoting is belt and braces. */
export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface Statement {
  readonly sql: string;
  readonly params: readonly DuckDBValue[];
}

function condition(filter: Filter, params: DuckDBValue[]): string {
  const column = quoteIdentifier(filter.column.name);
  const type = SQL_TYPE[filter.column.kind];
  const bind = (value: DuckDBValue) => {
    params.push(value);
    return `CAST($${params.length} AS ${type})`;
  };
  // Compare as the published kind, so a text filter works whether the ETL stored text or numbers.
  const subject = `CAST(${column} AS ${type})`;
  if (filter.op === 'in') return `${subject} IN (${filter.values.map(bind).join(', ')})`;
  return `${subject} ${filter.op} ${bind(filter.value)}`;
}

export function selectStatement(table: PublishedTable, filters: readonly Filter[]): Statement {
  const params: DuckDBValue[] = [];
  const name = quoteIdentifier(table.name);
  const columns = table.columns
    .map((c) => `CAST(${quoteIdentifier(c.name)} AS ${SQL_TYPE[c.kind]}) AS ${quoteIdentifier(c.name)}`)
    .join(', ');
  const where = filters.map((f) => condition(f, params));
  const sql = [
    `SELECT ${columns} FROM ${name}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY ${table.orderBy.map(quoteIdentifier).join(', ')}`,
  ]
    .filter(Boolean)
    .join(' ');
  return { sql, params };
}
