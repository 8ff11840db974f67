// Operator page: asks for the operator token once per tab (sessionStorage), sends it as
// X-Operator-Token on every request, and refuses to show anything until the server accepts it.
// Live panels refresh on a timer; the allow-list can be read, added to and trimmed here.
import { drawCharts, figureFor, loadSource, SourceError } from './charts.js';

const TOKEN_KEY = 'watercooler.operatorToken';
const gate = document.getElementById('token-gate');
const tokenForm = document.getElementById('token-form');
const tokenMessage = document.getElementById('token-message');
const panels = document.getElementById('operator-panels');
const container = document.getElementById('charts');
const notice = panels.querySelector('.notice');
const allowList = document.getElementById('allow-list');
const allowForm = document.getElementById('allow-form');
const allowMessage = document.getElementById('allow-message');
let model = null;
let refreshTimer = null;

const tokenHeaders = () => ({ 'x-operator-token': sessionStorage.getItem(TOKEN_KEY) ?? '' });

function lock(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(refreshTimer);
  refreshTimer = null;
  model = null;
  container.replaceChildren();
  panels.hidden = true;
  gate.hidden = false;
  document.body.dataset.operator = 'locked';
  tokenMessage.textContent = message ?? '';
}

async function unlock() {
  document.body.dataset.operator = 'checking';
  const response = await fetch('/dashboards/operator/model.json', {
    headers: { accept: 'application/json', ...tokenHeaders() },
  });
  if (response.status === 401) {
    lock('The server refused this token. Check OPERATOR_TOKEN and try again.');
    return;
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    lock(body?.error?.message ?? `The operator page could not load (${response.status}).`);
    return;
  }
  model = await response.json();
  gate.hidden = true;
  panels.hidden = false;
  document.body.dataset.operator = 'unlocked';
  document.getElementById('operator-intro').textContent = model.intro;
  notice.textContent = model.notice ?? '';
  notice.hidden = !model.notice;
  const onUnauthorized = () => lock('The server no longer accepts this token.');
  await Promise.all([
    drawCharts(container, model.charts, { headers: tokenHeaders(), onUnauthorized }),
    loadAllowList(),
  ]);
  stamp();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(refreshLive, (model.refreshSeconds ?? 15) * 1000);
}

function stamp() {
  document.getElementById('refreshed-at').textContent = `Updated ${new Date().toLocaleTimeString()}`;
}

/** Live charts: new rows into the existing views (no flicker); charts that failed get a full draw. */
async function refreshLive() {
  if (!model || document.hidden) return;
  const cache = new Map();
  const live = model.charts.filter((chart) => Object.values(chart.data).some((s) => s.kind !== 'table'));
  await Promise.all(
    live.map(async (chart) => {
      const figure = figureFor(container, chart);
      if (!figure._view) {
        await drawCharts(container, [chart], { headers: tokenHeaders() });
        return;
      }
      try {
        for (const [name, source] of Object.entries(chart.data)) {
          figure._view.data(name, await loadSource(source, { headers: tokenHeaders(), cache }));
        }
        await figure._view.runAsync();
        figure.dataset.renders = String(Number(figure.dataset.renders ?? 0) + 1);
      } catch (error) {
        if (error instanceof SourceError && error.status === 401)
          lock('The server no longer accepts this token.');
        else await drawCharts(container, [chart], { headers: tokenHeaders() });
      }
    }),
  );
  stamp();
}

function allowListMessage(text, state) {
  allowList.dataset.state = state;
  const p = document.createElement('p');
  p.className = state === 'unavailable' ? 'chart-message error' : 'chart-message';
  p.textContent = text;
  allowList.querySelector('.allow-list-body').replaceChildren(p);
}

async function allowListRequest(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...tokenHeaders(),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    lock('The server no longer accepts this token.');
    throw new SourceError(url, 401, 'refused');
  }
  if (!response.ok) {
    const error = await response.json().catch(() => null);
    throw new SourceError(url, response.status, error?.error?.message ?? response.statusText);
  }
  return response.status === 204 ? null : response.json().catch(() => null);
}

async function loadAllowList() {
  if (!model?.allowListUrl) return;
  let body;
  try {
    body = await allowListRequest('GET', model.allowListUrl);
  } catch (error) {
    if (error.status !== 401) {
      allowListMessage(
        `Allow-list unavailable: GET ${model.allowListUrl} answered ${error.status || 'nothing'} (${error.message}).`,
        'unavailable',
      );
    }
    return;
  }
  const entries = Array.isArray(body?.entries) ? body.entries : [];
  if (entries.length === 0) {
    allowListMessage('The allow-list is empty.', 'drawn');
    return;
  }
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>Kind</th><th>Value</th><th>Note</th><th>Added</th><th></th></tr></thead>';
  const tbody = document.createElement('tbody');
  for (const entry of entries) {
    const tr = document.createElement('tr');
    for (const text of [entry.kind, entry.value, entry.note ?? '', entry.createdAt ?? '']) {
      const td = document.createElement('td');
      td.textContent = String(text);
      tr.append(td);
    }
    const td = document.createElement('td');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', async () => {
      try {
        await allowListRequest(
          'DELETE',
          `${model.allowListUrl}/${encodeURIComponent(entry.kind)}/${encodeURIComponent(entry.value)}`,
        );
        allowMessage.textContent = 'Removed.';
      } catch (error) {
        allowMessage.textContent = `Not removed: ${error.message}`;
      }
      await loadAllowList();
    });
    td.append(remove);
    tr.append(td);
    tbody.append(tr);
  }
  table.append(tbody);
  allowList.dataset.state = 'drawn';
  allowList.querySelector('.allow-list-body').replaceChildren(table);
}

allowForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(allowForm);
  const kind = String(form.get('kind') ?? 'fingerprint');
  const value = String(form.get('value') ?? '').trim();
  const note = String(form.get('note') ?? '').trim();
  try {
    await allowListRequest('POST', model.allowListUrl, note ? { kind, value, note } : { kind, value });
    allowMessage.textContent = 'Allow-listed.';
    allowForm.reset();
  } catch (error) {
    allowMessage.textContent = `Not added: ${error.message}`;
  }
  await loadAllowList();
});

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = String(new FormData(tokenForm).get('token') ?? '').trim();
  tokenForm.reset();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  tokenMessage.textContent = '';
  void unlock();
});

document.getElementById('forget-token').addEventListener('click', () => lock('Token forgotten.'));
document.getElementById('refresh-now').addEventListener('click', () => void refreshLive());

if (sessionStorage.getItem(TOKEN_KEY)) void unlock();
else lock();
