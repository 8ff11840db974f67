// `npm run report -- --out DIR`: renders every warehouse chart of the dashboards to SVG on the
// server, plus an index.html, for papers and e-mail. Same specs, same published tables, same
// suppression as the pages; live operator panels are left out (they have no data at rest).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ConfigError, loadConfig } from '../api/config.ts';
import { AppError } from '../api/errors.ts';
import { type ChartContext, type ChartDefinition, CHARTS } from './charts.ts';
import { PublishedData } from './data/published-data.ts';
import { escapeHtml } from './pages/html.ts';
import { UNUSED_CONTEXT } from './pages/page-model.ts';
import { resolveSalaries } from './pages/salaries.ts';
import { resolveSentiment } from './pages/sentiment.ts';
import { renderSvg } from './report/render-svg.ts';
import { parseCommandLine } from '../api/command-line.ts';

export const USAGE = `Usage: npm run report -- --out DIR [options]

Renders every dashboard chart to DIR/<chart>.svg and writes DIR/index.html.

Options:
  --out DIR          where to write (created if missing)            (required)
  --warehouse FILE   the DuckDB warehouse       (default: WAREHOUSE_PATH or ./data/warehouse.duckdb)
  --company SLUG     company for the per-company charts (default: the one with most reports)
  --family FAMILY    job family, e.g. engineering                    (default: engineering)
  --year YYYY        salary year                                     (default: the latest)
  --level L1..L8     level for the company comparison                (default: L4)
  --month YYYY-MM    month for the topic heat map and biggest movers (default: the latest)
  --operator         also render the operators' defence charts (operator-only data)
  --width PX         chart width in pixels                           (default: 720)
  --help             show this text
`;

export interface ReportOptions {
  out: string;
  warehouse: string;
  kAnon: number;
  company?: string;
  family?: string;
  year?: string;
  level?: string;
  month?: string;
  operator?: boolean;
  width?: number;
}

export interface ReportResult {
  files: string[];
  notices: string[];
}

async function rowsFor(data: PublishedData, chart: ChartDefinition, context: ChartContext) {
  const source = chart.source(context);
  if (source.kind !== 'table') return null;
  const query = Object.fromEntries(
    Object.entries(source.filters).map(([name, value]) => [name, String(value)]),
  );
  return data.chartRows(source.table, query);
}

export async function runReport(options: ReportOptions): Promise<ReportResult> {
  const width = options.width ?? 720;
  const data = new PublishedData({ warehousePath: options.warehouse, kAnon: options.kAnon });
  try {
    const salaries = await resolveSalaries(data, options, width);
    const sentiment = await resolveSentiment(data, options, width);
    const contexts: Record<ChartDefinition['page'], ChartContext> = {
      salaries: salaries.context,
      sentiment: sentiment.context,
      operator: { ...UNUSED_CONTEXT, k: salaries.context.k, width, company: { slug: '', name: '' } },
    };
    mkdirSync(options.out, { recursive: true });
    const figures: { id: string; title: string; page: string; description: string }[] = [];
    const files: string[] = [];
    for (const chart of CHARTS) {
      if (chart.page === 'operator' && !options.operator) continue;
      const context = contexts[chart.page];
      const rows = await rowsFor(data, chart, context);
      if (rows === null) continue;
      const spec = chart.spec(context);
      const { svg, warnings } = await renderSvg(spec, { [chart.dataName]: rows });
      if (warnings.length > 0)
        throw new Error(`Chart ${chart.id} compiled with warnings: ${warnings.join('; ')}`);
      const file = join(options.out, `${chart.id}.svg`);
      writeFileSync(file, svg);
      files.push(file);
      figures.push({
        id: chart.id,
        title: chart.title,
        page: chart.page,
        description: typeof spec.description === 'string' ? spec.description : chart.title,
      });
    }
    const index = join(options.out, 'index.html');
    writeFileSync(
      index,
      reportIndex({
        figures,
        releaseId: salaries.releaseId,
        k: salaries.context.k,
        context: salaries.context,
        month: sentiment.context.month,
      }),
    );
    files.push(index);
    return { files, notices: [...salaries.notices, ...sentiment.notices] };
  } finally {
    data.close();
  }
}

function reportIndex(report: {
  figures: { id: string; title: string; page: string; description: string }[];
  releaseId: number | string | null;
  k: number;
  context: ChartContext;
  month: string;
}): string {
  const sections = ['salaries', 'sentiment', 'operator']
    .map((page) => {
      const figures = report.figures.filter((f) => f.page === page);
      if (figures.length === 0) return '';
      const heading = { salaries: 'Salaries', sentiment: 'Workplace sentiment', operator: 'Scraper defence' }[
        page
      ];
      return `<h2>${heading}</h2>\n${figures
        .map(
          (f) =>
            `<figure id="${escapeHtml(f.id)}"><img src="${escapeHtml(f.id)}.svg" alt="${escapeHtml(f.description)}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`,
        )
        .join('\n')}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Watercooler report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }
figure { margin: 1.5rem 0; } img { max-width: 100%; height: auto; } figcaption, .meta { color: #5a5a5f; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>Watercooler report</h1>
<p class="meta">Release ${escapeHtml(String(report.releaseId ?? 'none'))}. Every published cell has at least ${report.k} distinct contributors; smaller cells read “fewer than ${report.k} reports”. Company: ${escapeHtml(report.context.company.name)}; job family: ${escapeHtml(report.context.jobFamily)}; year: ${report.context.year}; month: ${escapeHtml(report.month)}.</p>
${sections}
</body>
</html>
`;
}

async function main(argv: string[]): Promise<number> {
  const values = parseCommandLine(
    {
      out: { type: 'string' },
      warehouse: { type: 'string' },
      company: { type: 'string' },
      family: { type: 'string' },
      year: { type: 'string' },
      level: { type: 'string' },
      month: { type: 'string' },
      operator: { type: 'boolean' },
      width: { type: 'string' },
    },
    USAGE,
    argv,
  );
  if (typeof values === 'number') return values;
  if (typeof values.out !== 'string') {
    process.stderr.write(`--out DIR is required.\n\n${USAGE}`);
    return 2;
  }
  const width = values.width === undefined ? undefined : Number(values.width);
  if (width !== undefined && !(Number.isInteger(width) && width >= 200 && width <= 4000)) {
    process.stderr.write('--width must be a whole number of pixels from 200 to 4000.\n');
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`Configuration error: ${(error as ConfigError).message}\n`);
    return 2;
  }
  const out = resolve(values.out);
  try {
    const result = await runReport({
      out,
      warehouse: typeof values.warehouse === 'string' ? resolve(values.warehouse) : config.warehousePath,
      kAnon: config.kAnon,
      company: values.company as string | undefined,
      family: values.family as string | undefined,
      year: values.year as string | undefined,
      level: values.level as string | undefined,
      month: values.month as string | undefined,
      operator: values.operator === true,
      width,
    });
    for (const notice of result.notices) process.stderr.write(`Note: ${notice}\n`);
    process.stdout.write(`Wrote ${result.files.length - 1} charts and index.html to ${out}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`The report failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
