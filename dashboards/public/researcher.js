// Salaries and sentiment pages: draw the charts from the embedded page model; when a filter
// changes, put it in the URL (shareable), fetch the new model and redraw. Back/forward works too.
import { drawCharts } from './charts.js';

const container = document.getElementById('charts');
const form = document.querySelector('form.filters');
const notice = document.querySelector('.notice');
let model = JSON.parse(document.getElementById('page-model').textContent);

function filterParams() {
  const params = new URLSearchParams();
  for (const filter of model.filters) {
    const select = form.elements.namedItem(filter.name);
    if (select?.value) params.set(filter.name, select.value);
  }
  return params;
}

function withFormat(url, format) {
  return `${url}${url.includes('?') ? '&' : '?'}format=${format}`;
}

function updateDownloads() {
  for (const chart of model.charts) {
    const links = container.querySelector(`figure[data-chart="${CSS.escape(chart.id)}"] .downloads`);
    if (!links) continue;
    const urls = [...new Set(Object.values(chart.data).map((source) => source.url))];
    const parts = [document.createTextNode(' Download: ')];
    urls.forEach((url, i) => {
      if (i > 0) parts.push(document.createTextNode('; '));
      for (const [format, label] of [
        ['csv', 'CSV'],
        ['parquet', 'Parquet'],
      ]) {
        const a = document.createElement('a');
        a.href = withFormat(url, format);
        a.textContent = label;
        parts.push(a);
        if (format === 'csv') parts.push(document.createTextNode(' · '));
      }
    });
    links.replaceChildren(...parts);
  }
}

function showNotice(text) {
  notice.textContent = text ?? '';
  notice.hidden = !text;
}

function syncForm() {
  for (const filter of model.filters) {
    const select = form.elements.namedItem(filter.name);
    if (select && select.value !== filter.value) select.value = filter.value;
  }
}

/** Each selection's load gets a number; only the newest may change the page. */
let generation = 0;

async function load(params) {
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  document.body.dataset.loading = 'true';
  try {
    const response = await fetch(`${location.pathname}/model.json?${params}`, {
      headers: { accept: 'application/json' },
    });
    const body = await response.json();
    if (!isCurrent()) return;
    if (!response.ok) {
      showNotice(body?.error?.message ?? `The page could not be updated (${response.status}).`);
      return;
    }
    model = body;
    syncForm();
    showNotice(model.notice);
    updateDownloads();
    await drawCharts(container, model.charts, { isCurrent });
  } finally {
    if (isCurrent()) delete document.body.dataset.loading;
  }
}

form?.addEventListener('change', () => {
  const params = filterParams();
  history.pushState(null, '', `${location.pathname}?${params}`);
  void load(params);
});
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  form.dispatchEvent(new Event('change'));
});
window.addEventListener('popstate', () => {
  const known = new Set(model.filters.map((f) => f.name));
  const params = new URLSearchParams(
    [...new URLSearchParams(location.search)].filter(([name]) => known.has(name)),
  );
  void load(params);
});

void drawCharts(container, model.charts);
