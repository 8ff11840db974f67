// HTML for the dashboard pages: one layout (navigation, release line, vendor scripts from this
// server only), the filter form that also works without JavaScript, and chart placeholders.
import type { ChartModel, DataSource, FilterModel, PageModel } from './page-model.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON safe inside <script type="application/json">: no "</script>" or "<!--" can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Everything from this origin; vega compiles expressions with Function, hence unsafe-eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What the pages load: specs arrive compiled to Vega, so the vega-lite bundle is not needed. */
export const VENDOR_SCRIPTS = ['vega.min.js', 'vega-embed.min.js', 'apache-arrow.min.js'];

const NAV = [
  { href: '/dashboards/salaries', label: 'Salaries' },
  { href: '/dashboards/sentiment', label: 'Sentiment' },
  { href: '/dashboards/operator', label: 'Operators' },
];

export function layout(options: {
  title: string;
  page: string;
  script: string | null;
  body: string;
  /** Data the page will fetch first: fetched while the chart libraries load. */
  preload?: readonly string[];
}): string {
  const nav = NAV.map(
    (item) =>
      `<a href="${item.href}"${item.href.endsWith(`/${options.page}`) ? ' aria-current="page"' : ''}>${item.label}</a>`,
  ).join('');
  const scripts = options.script
    ? [
        ...VENDOR_SCRIPTS.map((file) => `<script defer src="/dashboards/vendor/${file}"></script>`),
        `<script type="module" src="/dashboards/assets/${options.script}"></script>`,
      ].join('\n')
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Watercooler dashboards</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboards/assets/dashboard.css">
${(options.preload ?? []).map((url) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeHtml(url)}">`).join('\n')}
${scripts}
</head>
<body data-page="${escapeHtml(options.page)}">
<header class="site"><a class="brand" href="/dashboards">Watercooler</a><nav aria-label="Dashboards">${nav}</nav></header>
<main>
${options.body}
</main>
</body>
</html>
`;
}

function filterForm(page: string, filters: readonly FilterModel[]): string {
  if (filters.length === 0) return '';
  const fields = filters
    .map((filter) => {
      const options = filter.choices
        .map(
          (choice) =>
            `<option value="${escapeHtml(choice.value)}"${choice.value === filter.value ? ' selected' : ''}>${escapeHtml(choice.label)}</option>`,
        )
        .join('');
      return `<label>${escapeHtml(filter.label)}<select name="${escapeHtml(filter.name)}">${options}</select></label>`;
    })
    .join('\n');
  return `<form class="filters" method="get" action="/dashboards/${page}">
${fields}
<button type="submit">Apply</button>
</form>`;
}

export function downloadLinks(data: Readonly<Record<string, DataSource>>): string {
  const urls = [
    ...new Set(
      Object.values(data)
        .filter((s) => s.kind === 'table')
        .map((s) => s.url),
    ),
  ];
  if (urls.length === 0) return '';
  const withFormat = (url: string, format: string) =>
    `${url}${url.includes('?') ? '&' : '?'}format=${format}`;
  return ` Download: ${urls
    .map(
      (url) =>
        `<a href="${escapeHtml(withFormat(url, 'csv'))}">CSV</a> · <a href="${escapeHtml(withFormat(url, 'parquet'))}">Parquet</a>`,
    )
    .join('; ')}`;
}

export function chartFigure(chart: ChartModel): string {
  return `<figure class="chart" data-chart="${escapeHtml(chart.id)}" data-state="loading">
<div class="chart-body"><p class="chart-message">Loading ${escapeHtml(chart.title.toLowerCase())}…</p></div>
<figcaption><span class="chart-title">${escapeHtml(chart.title)}</span>.<span class="downloads">${downloadLinks(chart.data)}</span></figcaption>
</figure>`;
}

export function releaseLine(model: Pick<PageModel, 'k' | 'releaseId'>): string {
  const release =
    model.releaseId !== null ? `Release ${escapeHtml(String(model.releaseId))}` : 'No release yet';
  return `<p class="release">${release} · cells with fewer than ${model.k} reports, and cells hidden to protect them, are suppressed · <a href="/v1/data">Data dictionary</a></p>`;
}

export function researcherPage(model: PageModel): string {
  const tableUrls = model.charts.flatMap((chart) =>
    Object.values(chart.data).flatMap((source) => (source.kind === 'table' ? [source.url] : [])),
  );
  return layout({
    title: model.title,
    page: model.page,
    script: 'researcher.js',
    preload: [...new Set(tableUrls)],
    body: `<h1>${escapeHtml(model.title)}</h1>
<p class="intro">${escapeHtml(model.intro)}</p>
${releaseLine(model)}
${filterForm(model.page, model.filters)}
<p class="notice" role="status"${model.notice ? '' : ' hidden'}>${escapeHtml(model.notice ?? '')}</p>
<div class="charts" id="charts">
${model.charts.map(chartFigure).join('\n')}
</div>
<script type="application/json" id="page-model">${jsonForScript(model)}</script>`,
  });
}

export function unavailablePage(title: string, page: string, message: string): string {
  return layout({
    title,
    page,
    script: null,
    body: `<h1>${escapeHtml(title)}</h1>
<p class="notice" role="status">${escapeHtml(message)}</p>
<p><a href="/v1/data">Data dictionary</a></p>`,
  });
}

export function operatorPage(): string {
  return layout({
    title: 'Scraper defence',
    page: 'operator',
    script: 'operator.js',
    body: `<h1>Scraper defence</h1>
<section id="token-gate" class="token-gate">
<p>This page is for operators. Enter the operator token (OPERATOR_TOKEN); it is kept in this tab only and sent as X-Operator-Token.</p>
<form id="token-form" autocomplete="off">
<label>Operator token<input type="password" name="token" required minlength="8" autocomplete="off"></label>
<button type="submit">Open</button>
</form>
<p id="token-message" class="error" role="alert"></p>
</section>
<section id="operator-panels" hidden>
<p class="intro" id="operator-intro"></p>
<p class="notice" role="status" hidden></p>
<p><button type="button" id="refresh-now">Refresh now</button> <button type="button" id="forget-token">Forget token</button> <span id="refreshed-at" class="muted"></span></p>
<div class="charts" id="charts"></div>
<section id="allow-list" class="panel" data-state="loading">
<h2>Allow-list</h2>
<p class="muted">Fingerprint ids and account tags listed here pass every protection layer (S6). Copy them from the top lists above or from bot events.</p>
<div class="allow-list-body"><p class="chart-message">Loading…</p></div>
<form id="allow-form" autocomplete="off">
<label>Kind<select name="kind"><option value="fingerprint">Fingerprint id</option><option value="account">Account tag</option></select></label>
<label>Value (hex)<input name="value" required maxlength="64"></label>
<label>Note<input name="note" maxlength="500"></label>
<button type="submit">Allow</button>
</form>
<p id="allow-message" class="muted" role="status"></p>
</section>
</section>`,
  });
}

export function indexPage(): string {
  return layout({
    title: 'Dashboards',
    page: 'index',
    script: null,
    body: `<h1>Dashboards</h1>
<ul class="index">
<li><a href="/dashboards/salaries">Salaries</a>: pay by level, base/bonus/equity, cities, trends, companies.</li>
<li><a href="/dashboards/sentiment">Workplace sentiment</a>: weekly mood, topics, biggest movers.</li>
<li><a href="/dashboards/operator">Scraper defence</a>: for operators (token needed).</li>
<li><a href="/v1/data">Data dictionary</a>: every published table, as Arrow, CSV or Parquet.</li>
</ul>`,
  });
}
