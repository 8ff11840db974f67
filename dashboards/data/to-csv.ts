// Query results → CSV (RFC 4180) for researchers' downloads: dates as YYYY-MM-DD, times as ISO UTC,
// empty for null, and text that a spreadsheet would run as a formula is defused with a leading '.
import type { JS } from '@duckdb/node-api';
import type { ColumnKind, PublishedColumn } from '../warehouse/published-tables.ts';
import type { QueryResult } from '../warehouse/warehouse-reader.ts';

export const CSV = 'text/csv; charset=utf-8';

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(kind: ColumnKind, value: JS): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return kind === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
  }
  if (kind === 'text') {
    const text = String(value);
    return quote(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  }
  return String(value);
}

export function toCsv(columns: readonly PublishedColumn[], result: QueryResult): string {
  const lines = [columns.map((c) => quote(c.name)).join(',')];
  for (let row = 0; row < result.rowCount; row++) {
    lines.push(columns.map((c, index) => cell(c.kind, result.columns[index]?.[row] ?? null)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
