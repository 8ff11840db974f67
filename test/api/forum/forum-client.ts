// Small HTTP helpers for forum, salary and privacy tests: an app, opening a thread, replying,
// reading, all through app.inject.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { bearer } from '../../support/accounts.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';

/**
 * A test app whose scraper defence records but never acts (PROTECTION_MODE=monitor): these tests
 * drive hundreds of requests from inject's bare client and are about the forum, not the defence.
 * Canary threads are still made, so listings hold "placeholder" items.
 */
export function openForumApp(
  env: Record<string, string> = {},
  options: Parameters<typeof openTestApp>[1] = {},
): Promise<TestApp> {
  return openTestApp({ PROTECTION_MODE: 'monitor', ...env }, options);
}

export interface CreatedPost {
  id: string;
  threadId: string;
  position: number;
  alias: string;
  createdAt: string;
  deletionReceipt: string;
}

export interface CreatedThread {
  id: string;
  title: string;
  board: string;
  createdAt: string;
  post: CreatedPost;
}

export async function openThread(
  app: FastifyInstance,
  token: string,
  body: { title?: string; body?: string; company?: string; hideEmployer?: boolean } = {},
): Promise<CreatedThread> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/threads',
    headers: bearer(token),
    payload: { title: 'A thread about work', body: 'Some words about work.', ...body },
  });
  expectStatus(res, 201);
  return res.json();
}

export async function reply(
  app: FastifyInstance,
  token: string,
  threadId: string,
  body: { body?: string; hideEmployer?: boolean } = {},
): Promise<CreatedPost> {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/threads/${threadId}/posts`,
    headers: bearer(token),
    payload: { body: 'A reply.', ...body },
  });
  expectStatus(res, 201);
  return res.json();
}

export async function getJson(app: FastifyInstance, token: string, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: bearer(token) });
  expectStatus(res, 200);
  return res.json();
}

/** Fails with the response body in the message, which says far more than "expected 400 to be 201". */
export function expectStatus(res: LightMyRequestResponse, status: number): void {
  expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
}
