// Biggest movers: the month-over-month change is a post-weighted mean, companies missing either
// month are not ranked, suppressed weeks carry no weight, and the chart sorts by the change.
import { describe, expect, it } from 'vitest';
import { biggestMoversSpec, monthStartMs } from '../../../dashboards/specs/biggest-movers.ts';
import { render } from '../chart-harness.ts';

const week = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const row = (company_name: string, week_start: number, posts: number | null, mean: number | null) => ({
  company_name,
  week_start,
  posts,
  mean_sentiment: mean,
  suppressed: posts === null,
});

function axisLabels(svg: string, role: 'axis-label'): string[] {
  const groups = [
    ...svg.matchAll(new RegExp(`<g class="mark-text role-${role}"[^>]*>([\\s\\S]*?)</g>`, 'g')),
  ];
  // The y axis (company names) is the one whose labels are not numbers.
  const labelSets = groups.map((g) =>
    [...(g[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!),
  );
  return labelSets.find((labels) => labels.some((l) => /[A-Za-z]/.test(l))) ?? [];
}

describe('biggest movers', () => {
  it('knows where a month starts', () => {
    expect(monthStartMs('2026-02')).toBe(Date.UTC(2026, 1, 1));
  });

  it('ranks post-weighted month-over-month changes and leaves out companies missing a month', async () => {
    const rows = [
      // Rising: January 0.0, February weighted (0.5*30 + 0.2*10)/40 = 0.425 (not 0.35 unweighted).
      row('Rising', week(2026, 1, 5), 20, 0),
      row('Rising', week(2026, 2, 2), 30, 0.5),
      row('Rising', week(2026, 2, 9), 10, 0.2),
      // A suppressed February week must not count as zero.
      row('Rising', week(2026, 2, 16), null, null),
      // Falling: 0.3 → −0.2.
      row('Falling', week(2026, 1, 12), 15, 0.3),
      row('Falling', week(2026, 2, 2), 15, -0.2),
      // Steady: 0.1 → 0.12.
      row('Steady', week(2026, 1, 19), 50, 0.1),
      row('Steady', week(2026, 2, 23), 50, 0.12),
      // New: only February, cannot be compared.
      row('New', week(2026, 2, 2), 40, 0.9),
    ];
    const { svg, warnings } = await render(biggestMoversSpec({ k: 5, width: 500, month: '2026-02' }), {
      sentiment_two_months: rows,
    });
    expect(warnings).toEqual([]);
    expect(axisLabels(svg, 'axis-label')).toEqual(['Rising', 'Steady', 'Falling']);
    expect(svg).not.toContain('>New<');
    expect(svg).toContain(
      'Company: Rising; Mood: Better; Previous month: +0.00; This month: +0.42; Change: +0.42"',
    );
  });

  it('shows at most `top` companies', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => [
      row(`C${i}`, week(2026, 1, 5), 10, 0),
      row(`C${i}`, week(2026, 2, 2), 10, i / 20),
    ]).flat();
    const { svg } = await render(biggestMoversSpec({ k: 5, width: 500, month: '2026-02', top: 5 }), {
      sentiment_two_months: rows,
    });
    expect(axisLabels(svg, 'axis-label')).toEqual(['C13', 'C12', 'C11', 'C10', 'C9']);
  });
});
