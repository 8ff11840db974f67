// Every chart in dashboards/charts.ts: valid Vega-Lite that compiles without warnings, data by
// name only, titled and labelled, tooltips, the colour-blind-safe palette, and marks drawn from
// real published rows (read from a fixture DuckDB file through the same code the API uses).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChartContext, type ChartDefinition, CHARTS, chartsOf } from '../../dashboards/charts.ts';
import type { ChartRow } from '../../dashboards/data/chart-rows.ts';
import { PublishedData } from '../../dashboards/data/published-data.ts';
import {
  DECISION_COLOURS,
  NEUTRAL,
  OKABE_ITO,
  SUPPRESSED_FILL,
  SUPPRESSED_GREY,
} from '../../dashboards/specs/palette.ts';
import { type FixtureSummary, writePublishedFixture } from '../support/published-fixture.ts';
import { collect, compileWarnings, hexColours, render } from './chart-harness.ts';

const ALLOWED_COLOURS = new Set(
  [
    ...Object.values(OKABE_ITO),
    ...Object.values(DECISION_COLOURS),
    ...Object.values(NEUTRAL),
    SUPPRESSED_FILL,
    SUPPRESSED_GREY,
  ].map((c) => c.toUpperCase()),
);

const minute = (m: number, second = 0) => Date.UTC(2026, 2, 2, 9, m, second);
const LIVE_ROWS: Record<string, ChartRow[]> = {
  live_bot_events: [0, 1, 2].flatMap((m) =>
    ['throttle', 'challenge', 'block'].flatMap((decision, i) =>
      Array.from({ length: i + m + 1 }, (_, n) => ({ occurredAt: minute(m, n), decision })),
    ),
  ),
  live_defence_counters: [
    { series: '429 rate-limited', value: 120 },
    { series: 'Challenges issued', value: 40 },
    { series: 'Challenges solved', value: 3 },
    { series: 'Trap hits', value: 7 },
  ],
  live_top_reasons: [
    { reason: 'bot-user-agent', events: 40 },
    { reason: 'trap-link', events: 12 },
  ],
  live_top_fingerprints: [
    { value: '3f9a0c1d2e3f40516273849a0b1c2d3e', events: 30 },
    { value: 'a81f0c1d2e3f40516273849a0b1c2d3e', events: 7 },
  ],
  live_top_network_keys: [
    { value: '77aa0c1d2e3f40516273849a0b1c2d3e', events: 55 },
    { value: '03bb0c1d2e3f40516273849a0b1c2d3e', events: 3 },
  ],
};

describe('chart specs', () => {
  let dir: string;
  let fixture: FixtureSummary;
  let data: PublishedData;
  const context = (width?: number | 'container'): ChartContext => ({
    k: 5,
    width,
    company: { slug: 'acme', name: 'Acme Corp' },
    jobFamily: 'engineering',
    year: fixture.latestYear,
    level: 'L4',
    month: fixture.latestMonth,
  });

  async function rowsOf(chart: ChartDefinition): Promise<ChartRow[]> {
    const source = chart.source(context(640));
    if (source.kind !== 'table') return LIVE_ROWS[chart.dataName] ?? [];
    return data.chartRows(
      source.table,
      Object.fromEntries(Object.entries(source.filters).map(([k, v]) => [k, String(v)])),
    );
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-charts-'));
    fixture = await writePublishedFixture(join(dir, 'warehouse.duckdb'));
    data = new PublishedData({ warehousePath: fixture.path, kAnon: 5 });
  });
  afterAll(() => {
    data.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every chart of the three pages, each with a unique id', () => {
    expect(new Set(CHARTS.map((c) => c.id)).size).toBe(CHARTS.length);
    expect(chartsOf('salaries').map((c) => c.id)).toEqual([
      'salary-bands',
      'pay-split',
      'salary-trend',
      'city-comparison',
      'company-comparison',
    ]);
    expect(chartsOf('sentiment').map((c) => c.id)).toEqual([
      'sentiment-trend',
      'weekly-posts',
      'share-negative',
      'topic-heatmap',
      'biggest-movers',
    ]);
    expect(chartsOf('operator').length).toBeGreaterThanOrEqual(6);
  });

  for (const chart of CHARTS) {
    describe(chart.id, () => {
      it('compiles with Vega-Lite without a single warning at a fixed width', () => {
        expect(compileWarnings(chart.spec(context(640)))).toEqual([]);
      });

      it('at page width only notes that it keeps one band per row', () => {
        const warnings = compileWarnings(chart.spec(context('container')));
        expect(warnings.filter((w) => w !== 'Dropping "fit-y" because spec has discrete height.')).toEqual(
          [],
        );
      });

      it('reads its rows by name and inlines no data', () => {
        const spec = chart.spec(context(640));
        expect(spec.data).toEqual({ name: chart.dataName });
        expect(collect(spec, 'values')).toEqual([]);
        expect(collect(spec, 'url')).toEqual([]);
        expect(collect(spec, 'datasets')).toEqual([]);
      });

      it('has a title, a subtitle, titled axes and tooltips', () => {
        const spec = chart.spec(context(640)) as { title: { text: string; subtitle: string[] } };
        expect(spec.title.text.length).toBeGreaterThan(5);
        expect(spec.title.subtitle.length).toBeGreaterThan(0);
        for (const line of spec.title.subtitle) expect(line.length).toBeLessThanOrEqual(62);
        const positional = [...collect(spec, 'x'), ...collect(spec, 'y')].filter(
          (e): e is { field: string; title?: string } =>
            typeof e === 'object' && e !== null && 'field' in e && 'type' in e,
        );
        expect(positional.length).toBeGreaterThan(0);
        // The first positional encoding of each axis carries the axis title.
        expect(positional.some((e) => typeof e.title === 'string' && e.title.length > 0)).toBe(true);
        expect(collect(spec, 'tooltip').length).toBeGreaterThan(0);
      });

      it('uses only the colour-blind-safe palette', () => {
        for (const colour of hexColours(chart.spec(context(640)))) expect(ALLOWED_COLOURS).toContain(colour);
      });

      it('draws marks from published rows', async () => {
        const rows = await rowsOf(chart);
        expect(rows.length).toBeGreaterThan(0);
        const { marks, warnings, svg } = await render(chart.spec(context(640)), { [chart.dataName]: rows });
        expect(warnings).toEqual([]);
        expect(marks).toBeGreaterThan(0);
        expect(svg).toContain('<svg');
      });
    });
  }

  it('writes "fewer than k reports" where a cell is suppressed, never a zero-length bar', async () => {
    for (const id of ['salary-bands', 'city-comparison', 'company-comparison']) {
      const chart = CHARTS.find((c) => c.id === id)!;
      const rows = await rowsOf(chart);
      const suppressed = rows.filter((r) => r.suppressed === true);
      expect(suppressed.length, id).toBeGreaterThan(0);
      expect(suppressed.every((r) => r.p50 === null)).toBe(true);
      const { svg } = await render(chart.spec(context(640)), { [chart.dataName]: rows });
      const notes = svg.match(/fewer than 5 reports<\/text>/g) ?? [];
      expect(notes.length, id).toBe(suppressed.length);
    }
  });

  it('marks suppressed heat-map cells "<k" and says what that means', async () => {
    const chart = CHARTS.find((c) => c.id === 'topic-heatmap')!;
    const rows = await rowsOf(chart);
    const { svg } = await render(chart.spec(context(640)), { [chart.dataName]: rows });
    expect(svg).toContain('&lt;5</text>');
    expect(JSON.stringify(chart.spec(context(640)))).toContain('fewer than 5 reports');
  });

  it('words suppressed cells with the release k', () => {
    const spec = CHARTS.find((c) => c.id === 'salary-bands')!.spec({ ...context(640), k: 11 });
    expect(JSON.stringify(spec)).toContain('fewer than 11 reports');
    expect(JSON.stringify(spec)).not.toContain('fewer than 5 reports');
  });
});
