// Shared by the dashboard pages: fetch each chart's named datasets (Arrow IPC from the data API,
// JSON from the operator API), turn them into plain rows, and draw the chart with vega-embed.
// Every figure reports its state in data-state (loading, drawn, empty, unavailable, error) and
// counts its draws in data-renders, so people and tests can tell what happened.

const ARROW = 'application/vnd.apache.arrow.stream';

/** A source that answered, but not with data: its status and the server's own words. */
export class SourceError extends Error {
  constructor(url, status, message) {
    super(message);
    this.url = url;
    this.status = status;
  }
}

async function errorFrom(url, response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body?.error?.message) message = body.error.message;
  } catch {
    // Not JSON: the status line says enough.
  }
  return new SourceError(url, response.status, message);
}

/** Arrow IPC bytes → row objects; counts arrive as numbers, dates and times as epoch ms. */
export function rowsFromArrow(bytes) {
  const table = window.Arrow.tableFromIPC(new Uint8Array(bytes));
  const names = table.schema.fields.map((field) => field.name);
  const columns = names.map((name) => table.getChild(name));
  const rows = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row = {};
    for (let c = 0; c < names.length; c++) {
      const value = columns[c].get(i);
      row[names[c]] = typeof value === 'bigint' ? Number(value) : (value ?? null);
    }
    rows[i] = row;
  }
  return rows;
}

async function fetchTable(url, headers) {
  const response = await fetch(url, { headers: { accept: ARROW, ...headers } });
  if (!response.ok) throw await errorFrom(url, response);
  return rowsFromArrow(await response.arrayBuffer());
}

async function fetchFrom(url, headers, accept) {
  let response;
  try {
    response = await fetch(url, { headers: { accept, ...headers } });
  } catch {
    throw new SourceError(url, 0, 'the server could not be reached');
  }
  if (!response.ok) throw await errorFrom(url, response);
  return accept === 'application/json' ? response.json() : response.text();
}

/** Prometheus text → { metric: total over all label sets }. */
export function metricTotals(text) {
  const totals = {};
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) totals[match[1]] = (totals[match[1]] ?? 0) + value;
  }
  return totals;
}

const FETCHERS = {
  table: (url, headers) => fetchTable(url, headers),
  live: (url, headers) => fetchFrom(url, headers, 'application/json'),
  metrics: (url, headers) => fetchFrom(url, headers, 'text/plain'),
};

/** Rows of one data source; `cache` shares a fetch between charts that read the same URL. */
export async function loadSource(source, { headers = {}, cache = new Map() } = {}) {
  if (!cache.has(source.url)) cache.set(source.url, FETCHERS[source.kind](source.url, headers));
  const loaded = await cache.get(source.url);
  if (source.kind === 'table') return loaded;
  if (source.kind === 'metrics') {
    const totals = metricTotals(loaded);
    return source.series.map(({ metric, label }) => ({ series: label, value: totals[metric] ?? 0 }));
  }
  const rows = loaded?.[source.pick];
  if (!Array.isArray(rows)) {
    throw new SourceError(source.url, 200, `the answer has no "${source.pick}" list`);
  }
  return rows.map((row) => {
    const copy = { ...row };
    for (const field of source.timeFields) copy[field] = copy[field] == null ? null : Date.parse(copy[field]);
    return copy;
  });
}

export function figureFor(container, chart) {
  let figure = container.querySelector(`figure[data-chart="${CSS.escape(chart.id)}"]`);
  if (!figure) {
    figure = document.createElement('figure');
    figure.className = 'chart';
    figure.dataset.chart = chart.id;
    const body = document.createElement('div');
    body.className = 'chart-body';
    const caption = document.createElement('figcaption');
    const title = document.createElement('span');
    title.className = 'chart-title';
    title.textContent = chart.title;
    caption.append(title);
    figure.append(body, caption);
    container.append(figure);
  }
  return figure;
}

function showMessage(figure, state, text) {
  figure._view?.finalize();
  figure._view = undefined;
  figure.dataset.state = state;
  const message = document.createElement('p');
  message.className = state === 'error' || state === 'unavailable' ? 'chart-message error' : 'chart-message';
  message.textContent = text;
  figure.querySelector('.chart-body').replaceChildren(message);
}

/** Marks drawn in a figure: every item of a data mark in the SVG (axes and legends excluded). */
export function countMarks(figure) {
  return figure.querySelectorAll('svg g.role-mark > *').length;
}

/** The (Vega) spec with each named dataset's rows filled in. */
function withRows(spec, datasets) {
  return {
    ...spec,
    data: (spec.data ?? []).map((entry) =>
      entry.name in datasets ? { ...entry, values: datasets[entry.name] } : entry,
    ),
  };
}

/** Words into lines of at most `width` characters. */
function wrapWords(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Chart titles do not wrap by themselves; on a narrow column (a phone) the title and subtitle
 * are re-wrapped to the pixels available so no words are cut off.
 */
function fitTitle(spec, pixels) {
  const title = spec.title;
  if (!title || typeof title !== 'object' || pixels >= 560) return spec;
  const text = [title.text].flat().join(' ');
  const subtitle = [title.subtitle ?? []].flat().join(' ');
  return {
    ...spec,
    title: {
      ...title,
      text: wrapWords(text, Math.max(20, Math.floor(pixels / 9))),
      subtitle: wrapWords(subtitle, Math.max(24, Math.floor(pixels / 6.6))),
    },
  };
}

let firstChartMarked = false;

export async function drawChart(figure, chart, datasets) {
  const rows = Object.values(datasets);
  if (rows.every((r) => r.length === 0)) {
    const live = Object.values(chart.data).some((s) => s.kind !== 'table');
    showMessage(
      figure,
      'empty',
      live ? 'Nothing recorded in this window yet.' : 'No published figures for this selection.',
    );
    return;
  }
  figure._view?.finalize();
  const target = document.createElement('div');
  target.className = 'chart-view';
  const body = figure.querySelector('.chart-body');
  body.replaceChildren(target);
  const spec = withRows(fitTitle(structuredClone(chart.spec), body.clientWidth), datasets);
  const result = await window.vegaEmbed(target, spec, {
    mode: 'vega',
    actions: false,
    renderer: 'svg',
    tooltip: { theme: 'light' },
  });
  figure._view = result.view;
  figure.dataset.state = 'drawn';
  figure.dataset.renders = String(Number(figure.dataset.renders ?? 0) + 1);
  figure.dataset.marks = String(countMarks(figure));
  if (!firstChartMarked) {
    firstChartMarked = true;
    performance.mark('first-chart-drawn');
  }
}

/**
 * Fetches every chart's data at once and draws each chart as soon as its data is in, one chart
 * at a time, so the first chart appears as early as it can instead of all of them sharing the
 * main thread. Each chart stands alone: an unavailable source leaves the others drawn.
 * `onUnauthorized` runs when a source answers 401; `isCurrent` turns false when a newer
 * selection has started drawing, so a slow answer never paints over a newer one.
 */
export async function drawCharts(
  container,
  charts,
  { headers = {}, onUnauthorized, isCurrent = () => true } = {},
) {
  const cache = new Map();
  let drawing = Promise.resolve();
  const draw = async (chart, loaded) => {
    if (!isCurrent()) return;
    const figure = figureFor(container, chart);
    try {
      if (loaded.error) throw loaded.error;
      await drawChart(figure, chart, loaded.datasets);
    } catch (error) {
      if (error instanceof SourceError) {
        if (error.status === 401 && onUnauthorized) onUnauthorized(error);
        const live = Object.values(chart.data).some((s) => s.kind !== 'table');
        const path = error.url.split('?')[0];
        showMessage(
          figure,
          'unavailable',
          live
            ? `Live data unavailable: GET ${path} answered ${error.status || 'nothing'} (${error.message}).`
            : `Data unavailable: ${error.message}`,
        );
      } else {
        showMessage(figure, 'error', `This chart could not be drawn: ${error?.message ?? error}`);
      }
    }
  };
  await Promise.all(
    charts.map((chart) => {
      figureFor(container, chart).dataset.state = 'loading';
      return Promise.all(
        Object.entries(chart.data).map(async ([name, source]) => [
          name,
          await loadSource(source, { headers, cache }),
        ]),
      )
        .then(
          (entries) => ({ datasets: Object.fromEntries(entries) }),
          (error) => ({ error }),
        )
        .then((loaded) => {
          drawing = drawing.then(() => draw(chart, loaded));
          return drawing;
        });
    }),
  );
}
