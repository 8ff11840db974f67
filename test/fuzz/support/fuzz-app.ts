// The server under fuzz: the real app (buildApp) on a fresh PostgreSQL database, a small published
// warehouse (so the data API answers instead of 503), callers of every kind — anonymous, a
// free-mail member, an employee, the operator — and the things valid requests point at: a company
// board, a thread with posts, a salary report, cursors. It also records which route answered each
// request, so a test can prove every route was reached.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { createCompany } from '../../../api/companies/repository.ts';
import { buildApp } from '../../../api/server.ts';
import { latestCode } from '../../api/identity/outbox-reader.ts';
import { bearer, createTestAccount } from '../../support/accounts.ts';
import { HEADERS } from '../../support/personas.ts';
import { writePublishedFixture } from '../../support/published-fixture.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';
import { digestOf, prepareDigest, type TableDigest } from './digest.ts';

export type CallerName = 'anonymous' | 'member' | 'employee' | 'operator';
export const CALLERS: readonly CallerName[] = ['anonymous', 'member', 'employee', 'operator'];

/** What valid requests need: ids that exist, cursors we issued, and makers of fresh ones. */
export interface FuzzWorld {
  companySlug: string;
  companyDomain: string;
  threadId: string;
  postId: string;
  salaryId: string;
  cursors: { threads: string; threadPosts: string; myPosts: string };
  /** A fresh reply by the employee: its id and deletion receipt. */
  newPost(): Promise<{ id: string; receipt: string }>;
  /** A fresh salary report by the employee. */
  newSalary(): Promise<string>;
  /** Headers of a brand-new signed-in member (for routes that end the caller's session or account). */
  newCaller(): Promise<Record<string, string>>;
  /** A signed-up account's e-mail and password, through register and verify. */
  newSignUp(): Promise<{ email: string; password: string }>;
  /** A registered address and its mailed code, not yet verified. */
  newCode(): Promise<{ email: string; code: string }>;
  /** A signed-up account's e-mail and the password-reset code mailed to it. */
  newResetCode(): Promise<{ email: string; code: string }>;
}

export interface FuzzApp {
  app: FastifyInstance;
  services: TestServices;
  callers: Record<CallerName, Record<string, string>>;
  world: FuzzWorld;
  /** "GET /v1/threads/:id" → how many requests that route answered. */
  hits: Map<string, number>;
  digest: TableDigest;
  /** table → "rows:md5" for every table but the request log (digest.ts says why). */
  snapshot(): Promise<Record<string, string>>;
  /** Asserts the server still answers a plain health check and a signed-in read. */
  expectAlive(): Promise<void>;
  close(): Promise<void>;
}

const BROWSER = HEADERS.chrome;
let serial = 0;
const unique = (prefix: string) => `${prefix}${process.pid}x${++serial}`;

export async function openFuzzApp(env: Record<string, string> = {}): Promise<FuzzApp> {
  const warehouseDir = mkdtempSync(join(tmpdir(), 'wc-fuzz-'));
  const fixture = await writePublishedFixture(join(warehouseDir, 'warehouse.duckdb'), {
    weeks: 8,
    years: [2024, 2025],
  });
  const services = await openTestServices({
    PROTECTION_MODE: 'monitor',
    WAREHOUSE_PATH: fixture.path,
    ...env,
  });
  const app = await buildApp(services, { logger: false });
  const hits = new Map<string, number>();
  app.addHook('onResponse', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return;
    const key = `${request.method === 'HEAD' ? 'GET' : request.method} ${url}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
  });
  await app.ready();

  const { db, clock, random } = services;
  const company = await createCompany(db, clock, random, {
    slug: 'acme',
    name: 'Acme',
    domains: ['acme.example'],
  });
  const member = await createTestAccount(services);
  const employee = await createTestAccount(services, { companyId: company.id });
  const callers: Record<CallerName, Record<string, string>> = {
    anonymous: { ...BROWSER },
    member: { ...BROWSER, ...bearer(member.token) },
    employee: { ...BROWSER, ...bearer(employee.token) },
    operator: { ...BROWSER, 'x-operator-token': services.secrets.OPERATOR_TOKEN },
  };

  const ok = async (options: InjectOptions, status: number) => {
    const res = await app.inject(options);
    expect(res.statusCode, `${options.method} ${options.url}: ${res.body}`).toBe(status);
    return res.json();
  };
  const threadIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const thread = await ok(
      {
        method: 'POST',
        url: '/v1/threads',
        headers: callers.employee,
        payload: { title: `Standup habits ${i}`, body: 'How long are your standups?', company: 'acme' },
      },
      201,
    );
    threadIds.push(thread.id);
  }
  const threadId = threadIds[0]!;
  const newPost = async () => {
    const post = await ok(
      {
        method: 'POST',
        url: `/v1/threads/${threadId}/posts`,
        headers: callers.employee,
        payload: { body: 'Fifteen minutes, standing.' },
      },
      201,
    );
    return { id: post.id as string, receipt: post.deletionReceipt as string };
  };
  const postId = (await newPost()).id;
  await newPost();
  const salaryYears = [2024, 2025];
  const newSalary = async () =>
    (
      await ok(
        {
          method: 'POST',
          url: '/v1/salaries',
          headers: callers.employee,
          payload: {
            jobFamily: 'engineering',
            level: 'L4',
            city: 'Berlin',
            yearsExperience: 5,
            base: 70_000,
            currency: 'EUR',
            year: salaryYears[serial++ % 2],
          },
        },
        201,
      )
    ).id as string;
  const salaryId = await newSalary();
  const cursorOf = async (url: string) =>
    (await ok({ method: 'GET', url, headers: callers.employee }, 200)).nextCursor as string;
  const cursors = {
    threads: await cursorOf('/v1/threads?company=acme&limit=1'),
    threadPosts: await cursorOf(`/v1/threads/${threadId}?limit=1`),
    myPosts: await cursorOf('/v1/me/posts?limit=1'),
  };
  for (const [name, cursor] of Object.entries(cursors)) expect(cursor, name).toMatch(/^[\w-]+$/);

  const newCode = async () => {
    const email = `${unique('p')}@acme.example`;
    await ok(
      { method: 'POST', url: '/v1/auth/register', payload: { email, password: 'correct horse battery' } },
      202,
    );
    return { email, code: await latestCode(services, email) };
  };
  const world: FuzzWorld = {
    companySlug: company.slug,
    companyDomain: 'acme.example',
    threadId,
    postId,
    salaryId,
    cursors,
    newPost,
    newSalary,
    async newCaller() {
      const account = await createTestAccount(services);
      return { ...BROWSER, ...bearer(account.token) };
    },
    async newSignUp() {
      const { email, code } = await newCode();
      await ok({ method: 'POST', url: '/v1/auth/verify', payload: { email, code } }, 201);
      return { email, password: 'correct horse battery' };
    },
    newCode,
    async newResetCode() {
      const { email } = await world.newSignUp();
      await ok({ method: 'POST', url: '/v1/auth/password-reset', payload: { email } }, 202);
      return { email, code: await latestCode(services, email) };
    },
  };

  const digest = await prepareDigest(db);
  return {
    app,
    services,
    callers,
    world,
    hits,
    digest,
    // Work an accepted sign-up or reset does after its answer lands before the snapshot.
    snapshot: async () => {
      await services.background.idle();
      return digestOf(db, digest);
    },
    async expectAlive() {
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode, health.body).toBe(200);
      const read = await app.inject({
        method: 'GET',
        url: `/v1/threads/${threadId}`,
        headers: callers.member,
      });
      expect(read.statusCode, read.body).toBe(200);
    },
    async close() {
      await app.close();
      await services.close();
      rmSync(warehouseDir, { recursive: true, force: true });
    },
  };
}
