// Query-string filters: only columns the table publishes as filterable, values checked by kind,
// SQL-ish input refused before any SQL is built, and a stable canonical form.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../api/errors.ts';
import { parseDataRequest } from '../../../dashboards/data/filters.ts';
import { publishedTable } from '../../../dashboards/warehouse/published-tables.ts';

const salaries = publishedTable('pub_salary_by_company')!;
const cities = publishedTable('pub_salary_by_city')!;
const weekly = publishedTable('pub_sentiment_weekly')!;

function refusal(table: typeof salaries, query: Record<string, unknown>): AppError {
  try {
    parseDataRequest(table, query);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('data API filters', () => {
  it('parses lists, ranges, booleans and the format', () => {
    const request = parseDataRequest(salaries, {
      company_slug: 'acme,globex',
      level: 'L4',
      year_from: '2024',
      year_to: '2025',
      suppressed: 'false',
      format: 'csv',
    });
    expect(request.format).toBe('csv');
    expect(request.filters.map((f) => [f.column.name, f.op, f.op === 'in' ? f.values : f.value])).toEqual([
      ['company_slug', 'in', ['acme', 'globex']],
      ['level', 'in', ['L4']],
      ['year', '>=', 2024],
      ['year', '<=', 2025],
      ['suppressed', 'in', [false]],
    ]);
  });

  it('defaults to Arrow', () => {
    expect(parseDataRequest(salaries, {}).format).toBe('arrow');
  });

  it('accepts city names in any script, with spaces and apostrophes', () => {
    for (const city of ['São Paulo', '北京', "Xi'an", 'Saint-Étienne', 'New York']) {
      expect(parseDataRequest(cities, { city }).filters).toHaveLength(1);
    }
  });

  it('refuses columns that are not filterable or do not exist, naming what is accepted', () => {
    const unknown = refusal(salaries, { password: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('UNKNOWN_FILTER');
    expect(unknown.message).toContain('company_slug');
    expect(refusal(salaries, { p50: '100000' }).code).toBe('UNKNOWN_FILTER');
    expect(refusal(salaries, { level_from: 'L1' }).code).toBe('UNKNOWN_FILTER');
    expect(refusal(salaries, { sql: 'SELECT 1' }).code).toBe('UNKNOWN_FILTER');
  });

  it('refuses SQL-ish values with a 400', () => {
    const attempts: [typeof salaries, Record<string, string>][] = [
      [salaries, { company_slug: "acme' OR '1'='1" }],
      [salaries, { company_slug: 'acme;DROP TABLE releases' }],
      [salaries, { year: '2025 OR 1=1' }],
      [salaries, { year: '1e3' }],
      [salaries, { job_family: 'engineering--' }],
      [salaries, { level: "L4'" }],
      [salaries, { suppressed: '1' }],
      [cities, { city: "x' OR 'a'='a" }],
      [cities, { city: 'Paris; SELECT * FROM facts' }],
      [cities, { city: 'Paris--' }],
      [cities, { city: 'a/*b*/' }],
      [weekly, { week_start_from: "2026-01-01' OR true" }],
      [weekly, { week_start: '2026-13-01' }],
      [weekly, { iso_week: '2026-W99' }],
    ];
    for (const [table, query] of attempts) {
      const error = refusal(table, query);
      expect(error.statusCode, JSON.stringify(query)).toBe(400);
      expect(error.code).toBe('INVALID_FILTER');
    }
  });

  it('refuses a parameter given twice and an unknown format', () => {
    expect(refusal(salaries, { company_slug: ['acme', 'globex'] }).code).toBe('INVALID_FILTER');
    expect(refusal(salaries, { format: 'json' }).code).toBe('INVALID_FORMAT');
  });

  it('caps list length', () => {
    const many = Array.from({ length: 51 }, (_, i) => `c${i}`).join(',');
    expect(refusal(salaries, { company_slug: many }).message).toContain('at most 50');
  });
});
