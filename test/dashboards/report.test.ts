// `npm run report`: every warehouse chart rendered to SVG on the server, with suppressed cells
// worded, plus an index.html that shows them all; --help and bad arguments at the command line.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARTS } from '../../dashboards/charts.ts';
import { runReport } from '../../dashboards/report.ts';
import { type FixtureSummary, writePublishedFixture } from '../support/published-fixture.ts';
import { countSvgMarks } from './chart-harness.ts';

const run = promisify(execFile);

describe('static report', () => {
  let dir: string;
  let fixture: FixtureSummary;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-report-'));
    fixture = await writePublishedFixture(join(dir, 'warehouse.duckdb'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders every researcher chart to SVG with marks, and an index that shows them', async () => {
    const out = join(dir, 'out');
    const result = await runReport({ out, warehouse: fixture.path, kAnon: 5 });
    const researcherCharts = CHARTS.filter((c) => c.page !== 'operator');
    expect(result.files).toHaveLength(researcherCharts.length + 1);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const chart of researcherCharts) {
      const svg = readFileSync(join(out, `${chart.id}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(countSvgMarks(svg), chart.id).toBeGreaterThan(0);
      expect(index).toContain(`<img src="${chart.id}.svg"`);
    }
    expect(readFileSync(join(out, 'salary-bands.svg'), 'utf8')).toContain('fewer than 5 reports</text>');
    expect(index).toContain(`Release ${fixture.releaseId}`);
    expect(existsSync(join(out, 'bot-decisions-hourly.svg'))).toBe(false);
  });

  it('adds the operator charts only when asked, and follows the chosen filters', async () => {
    const out = join(dir, 'operator');
    const result = await runReport({
      out,
      warehouse: fixture.path,
      kAnon: 5,
      operator: true,
      company: 'globex',
      family: 'sales',
      width: 500,
    });
    expect(existsSync(join(out, 'bot-decisions-hourly.svg'))).toBe(true);
    expect(existsSync(join(out, 'warehouse-top-reasons.svg'))).toBe(true);
    expect(result.notices).toEqual([]);
    const bands = readFileSync(join(out, 'salary-bands.svg'), 'utf8');
    expect(bands).toContain('Pay by level at Globex: Sales');
  });

  it('prints its usage with --help and refuses a missing --out', { timeout: 120_000 }, async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'dashboards/report.ts', ...args]);
    const [help, missing] = await Promise.all([cli('--help'), cli().catch((error) => error)]);
    expect(help.stdout).toContain('Usage: npm run report -- --out DIR');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out DIR is required');
  });
});
