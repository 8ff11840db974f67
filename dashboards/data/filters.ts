// Query-string filters of the data API: every parameter must name a filterable column of the
// table (or `format`), and every value is checked against the column's kind before any SQL is
// built. Anything else is a 400 that says what is accepted, so SQL-ish input never gets near DuckDB.
import { badRequest } from '../../api/errors.ts';
import type { PublishedColumn, PublishedTable } from '../warehouse/published-tables.ts';

export type FilterValue = string | number | boolean;

export type Filter =
  | { readonly column: PublishedColumn; readonly op: 'in'; readonly values: readonly FilterValue[] }
  | { readonly column: PublishedColumn; readonly op: '>=' | '<='; readonly value: FilterValue };

export const FORMATS = ['arrow', 'csv', 'parquet'] as const;
export type DataFormat = (typeof FORMATS)[number];

export interface DataRequest {
  readonly filters: readonly Filter[];
  readonly format: DataFormat;
}

const MAX_LIST = 50;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
// Letters (any script), digits, spaces and the punctuation names really use; no quotes but the
// apostrophe, no ; = * / ( ) or dashes in pairs.
const NAME = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .,'’&-]{0,79}$/u;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?Z?)?$/;

function parseValue(column: PublishedColumn, raw: string, parameter: string): FilterValue {
  const refuse = (expected: string) =>
    badRequest('INVALID_FILTER', `Filter "${parameter}" must be ${expected}; got ${JSON.stringify(raw)}.`);
  switch (column.kind) {
    case 'integer': {
      if (!/^-?\d{1,9}$/.test(raw)) throw refuse('a whole number');
      return Number(raw);
    }
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw refuse('a number');
      return value;
    }
    case 'boolean': {
      if (raw !== 'true' && raw !== 'false') throw refuse('true or false');
      return raw === 'true';
    }
    case 'date': {
      if (!DATE.test(raw)) throw refuse('a date as YYYY-MM-DD');
      return raw;
    }
    case 'timestamp': {
      if (!TIMESTAMP.test(raw)) throw refuse('a UTC time as YYYY-MM-DD or YYYY-MM-DDTHH:MMZ');
      return raw.replace('T', ' ').replace('Z', '');
    }
    case 'text': {
      if (column.values) {
        if (!column.values.includes(raw)) throw refuse(`one of ${column.values.join(', ')}`);
        return raw;
      }
      if (column.name.endsWith('_slug')) {
        if (!SLUG.test(raw)) throw refuse('a slug: lower-case letters, digits and dashes');
        return raw;
      }
      if (column.name === 'iso_week') {
        if (!/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(raw)) throw refuse('an ISO week such as 2026-W05');
        return raw;
      }
      if (column.name === 'reason' || column.name === 'route_class') {
        if (!/^[A-Za-z0-9_.:-]{1,80}$/.test(raw)) throw refuse('letters, digits and _ . : -');
        return raw;
      }
      if (!NAME.test(raw) || raw.includes('--'))
        throw refuse("a name: letters, digits, spaces and . , ' & -");
      return raw;
    }
  }
}

/** Validates the query string of GET /v1/data/<table> into filters and a format. */
export function parseDataRequest(table: PublishedTable, query: Record<string, unknown>): DataRequest {
  const filters: Filter[] = [];
  let format: DataFormat = 'arrow';
  const filterable = table.columns.filter((c) => c.filter);
  const accepted = () =>
    [
      'format',
      ...filterable.flatMap((c) =>
        c.filter === 'range' ? [c.name, `${c.name}_from`, `${c.name}_to`] : [c.name],
      ),
    ].join(', ');

  for (const [parameter, rawValue] of Object.entries(query)) {
    if (typeof rawValue !== 'string') {
      throw badRequest(
        'INVALID_FILTER',
        `Give "${parameter}" once; for several values use a comma-separated list (${parameter}=a,b).`,
      );
    }
    if (parameter === 'format') {
      if (!(FORMATS as readonly string[]).includes(rawValue))
        throw badRequest('INVALID_FORMAT', `format must be one of ${FORMATS.join(', ')}.`);
      format = rawValue as DataFormat;
      continue;
    }
    const range = /^(.+)_(from|to)$/.exec(parameter);
    const column = filterable.find((c) => c.name === parameter);
    const rangeColumn = range
      ? filterable.find((c) => c.name === range[1] && c.filter === 'range')
      : undefined;
    if (column) {
      const raws = rawValue.split(',');
      if (raws.length > MAX_LIST)
        throw badRequest('INVALID_FILTER', `Filter "${parameter}" takes at most ${MAX_LIST} values.`);
      filters.push({ column, op: 'in', values: raws.map((raw) => parseValue(column, raw, parameter)) });
    } else if (range && rangeColumn) {
      filters.push({
        column: rangeColumn,
        op: range[2] === 'from' ? '>=' : '<=',
        value: parseValue(rangeColumn, rawValue, parameter),
      });
    } else {
      throw badRequest(
        'UNKNOWN_FILTER',
        `${table.name} cannot be filtered by "${parameter}". Accepted parameters: ${accepted()}.`,
      );
    }
  }
  return { filters, format };
}

/** The same filters always give the same text, whatever their order in the URL: a cache key. */
export function canonicalQuery(request: DataRequest): string {
  return request.filters
    .map((f) =>
      f.op === 'in' ? `${f.column.name}=${f.values.join(',')}` : `${f.column.name}${f.op}${f.value}`,
    )
    .sort()
    .join('&');
}
