// Query results → the row objects charts are drawn from, shaped exactly as the browser gets them
// from Arrow: dates and times as epoch milliseconds, counts as numbers. Used by the static reports.
import type { JS } from '@duckdb/node-api';
import type { PublishedColumn } from '../warehouse/published-tables.ts';
import type { QueryResult } from '../warehouse/warehouse-reader.ts';

export type ChartValue = string | number | boolean | null;
export type ChartRow = Record<string, ChartValue>;

function chartValue(value: JS): ChartValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function toChartRows(columns: readonly PublishedColumn[], result: QueryResult): ChartRow[] {
  const rows: ChartRow[] = [];
  for (let row = 0; row < result.rowCount; row++) {
    const out: ChartRow = {};
    columns.forEach((column, index) => {
      out[column.name] = chartValue(result.columns[index]?.[row] ?? null);
    });
    rows.push(out);
  }
  return rows;
}
