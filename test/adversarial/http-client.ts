// One simulated client over real HTTP (node:http, keep-alive): a header set sent in its own order
// (order is evidence), a client address presented through X-Forwarded-For (the server trusts the
// loopback proxy), an optional session and challenge pass. Every answer is tallied into the
// persona's Tally, which many clients of one persona (sybils, colleagues) may share.
import { Agent, request as httpRequest } from 'node:http';
import type { HeaderSet } from '../support/personas.ts';
import type { Tally } from './tally.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several routes
  body: any;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One request over the shared keep-alive agent (the Chromium persona has its own transport). */
function sendHttp(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  payload?: object,
): Promise<Answer> {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  const all = body === undefined ? headers : { ...headers, 'content-type': 'application/json' };
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, headers: all, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON (robots.txt, HTML): keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export type Transport = (
  method: string,
  path: string,
  headers: Record<string, string>,
  payload?: object,
) => Promise<Answer>;

export const httpTransport =
  (baseUrl: string): Transport =>
  (method, path, headers, payload) =>
    sendHttp(baseUrl, method, path, headers, payload);

export class SimClient {
  pass: string | undefined;

  constructor(
    readonly transport: Transport,
    readonly tally: Tally,
    public headers: HeaderSet,
    public address: string,
    public token?: string,
  ) {}

  async request(method: 'GET' | 'POST', path: string, payload?: object): Promise<Answer> {
    const headers: Record<string, string> = { ...this.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.pass) headers['x-watercooler-pass'] = this.pass;
    headers['x-forwarded-for'] = this.address;
    const answer = await this.transport(method, path, headers, payload);
    this.tally.record(answer);
    return answer;
  }

  /** One page of a thread; the posts it shows count as harvested. */
  async readThread(id: string, cursor?: string | null): Promise<Answer> {
    const query = cursor ? `?limit=50&cursor=${encodeURIComponent(cursor)}` : '?limit=50';
    const answer = await this.request('GET', `/v1/threads/${id}${query}`);
    if (answer.status === 200) this.tally.harvest(answer.body.posts as { id: string }[]);
    return answer;
  }
}

/** Seconds to wait from a 429's Retry-After (at least one). */
export const retryAfterSeconds = (answer: Answer): number =>
  Math.max(1, Number(answer.headers['retry-after'] ?? 60) || 60);

export const errorCode = (answer: Answer): string | undefined =>
  typeof answer.body === 'object' && answer.body !== null ? answer.body.error?.code : undefined;
