// Sends one request to the fuzzed app and checks what every answer must satisfy: no 5xx, a readable
// JSON error on a 4xx, and — for a refused request — not one byte changed in the database.
import type { HTTPMethods } from 'fastify';
import { expect } from 'vitest';
import { type Answer, expectSafeAnswer } from './answers.ts';
import type { FuzzApp } from './fuzz-app.ts';
import { fillPath, type ValidRequest } from './route-catalog.ts';
import type { RouteEntry } from './route-table.ts';

export interface Probe {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface ProbeStats {
  requests: number;
  refused: number;
  byStatus: Map<number, number>;
}

export const newStats = (): ProbeStats => ({ requests: 0, refused: 0, byStatus: new Map() });

export function summarise(name: string, stats: ProbeStats): string {
  const statuses = [...stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  return `${name}: ${stats.requests} requests, ${stats.refused} refused with nothing written (${statuses.join(' ')})`;
}

/** Sends the probe; a 4xx must leave every table as it was. */
export async function sendProbe(
  fuzz: FuzzApp,
  probe: Probe,
  stats: ProbeStats,
  what: string,
): Promise<Answer> {
  const before = await fuzz.snapshot();
  const res = await fuzz.app.inject({
    method: probe.method,
    url: probe.url,
    headers: probe.headers,
    ...(probe.payload === undefined ? {} : { payload: probe.payload }),
  });
  const answer: Answer = { statusCode: res.statusCode, headers: res.headers, body: res.body };
  stats.requests++;
  stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
  const label = `${what}: ${probe.method} ${probe.url.slice(0, 200)}`;
  expectSafeAnswer(answer, probe.method, label);
  if (res.statusCode >= 400) {
    expect(await fuzz.snapshot(), `${label} was refused (${res.statusCode}) but wrote`).toEqual(before);
    stats.refused++;
  }
  return answer;
}

/** The headers of a valid request's caller (a fresh member when the route ends its caller). */
export async function callerHeaders(fuzz: FuzzApp, valid: ValidRequest): Promise<Record<string, string>> {
  return valid.caller === 'fresh' ? fuzz.world.newCaller() : { ...fuzz.callers[valid.caller] };
}

/** The valid request of the catalog as a probe (params and query encoded). */
export async function validProbe(fuzz: FuzzApp, route: RouteEntry, valid: ValidRequest): Promise<Probe> {
  const params = Object.fromEntries(
    Object.entries(valid.params ?? {}).map(([k, v]) => [k, encodeURIComponent(v)]),
  );
  const query = new URLSearchParams(valid.query ?? {}).toString();
  const headers = { ...(await callerHeaders(fuzz, valid)), ...(valid.headers ?? {}) };
  const body = valid.body === undefined ? undefined : JSON.stringify(valid.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: route.method,
    url: `${fillPath(route.url, params)}${query ? `?${query}` : ''}`,
    headers,
    payload: body,
  };
}

/** Sends every probe; each must be refused (4xx) readably, and the batch must write nothing at all. */
export async function expectAllRefused(
  fuzz: FuzzApp,
  probes: readonly Probe[],
  stats: ProbeStats,
  what: string,
): Promise<Answer[]> {
  const before = await fuzz.snapshot();
  const answers: Answer[] = [];
  for (const probe of probes) {
    const answer = await sendProbe(fuzz, probe, stats, what);
    expect(
      answer.statusCode,
      `${what}: ${probe.method} ${probe.url.slice(0, 200)} → ${answer.body.slice(0, 200)}`,
    ).toBeGreaterThanOrEqual(400);
    answers.push(answer);
  }
  expect(await fuzz.snapshot(), `${what}: the batch wrote`).toEqual(before);
  await fuzz.expectAlive();
  return answers;
}
