// Salary trend: a level that is suppressed in a year breaks its line there (no bridge that would
// read as "steady"), and the suppressed levels are named above that year.
import { describe, expect, it } from 'vitest';
import { salaryTrendSpec } from '../../../dashboards/specs/salary-trend.ts';
import { render } from '../chart-harness.ts';

const cell = (year: number, level: string, p50: number | null) => ({
  year,
  level,
  contributors: p50 === null ? null : 12,
  p25: p50,
  p50,
  p75: p50,
  p90: p50,
  suppressed: p50 === null,
});

describe('salary trend', () => {
  it('breaks the line at a suppressed year and names the level above it', async () => {
    const rows = [
      cell(2023, 'L3', 100_000),
      cell(2024, 'L3', null),
      cell(2025, 'L3', 110_000),
      cell(2023, 'L4', 120_000),
      cell(2024, 'L4', 125_000),
      cell(2025, 'L4', 130_000),
    ];
    const { svg, warnings } = await render(
      salaryTrendSpec({ k: 5, width: 500, companyName: 'Acme', jobFamily: 'engineering' }),
      { salary_trend: rows },
    );
    expect(warnings).toEqual([]);
    const lines = [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)].flatMap(
      (g) => [...(g[1] ?? '').matchAll(/ d="([^"]+)"/g)].map((m) => m[1]!),
    );
    // L4's line has three points (two segments); L3's has two separate points, no segment at all.
    const segments = lines.map((d) => (d.match(/L/g) ?? []).length).sort();
    expect(segments).toEqual([0, 2]);
    expect(svg).toMatch(/<text[^>]*>L3<\/text>/);
  });
});
