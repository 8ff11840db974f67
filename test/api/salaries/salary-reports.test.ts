import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReporterBox } from '../../../api/salaries/reporter-links.ts';
import {
  bearer,
  createTestAccount,
  createTestCompany,
  type TestAccount,
  type TestCompany,
} from '../../support/accounts.ts';
import type { TestApp } from '../../support/app.ts';
import { expectStatus, openForumApp } from '../forum/forum-client.ts';

const report = {
  jobFamily: 'engineering',
  level: 'L4',
  city: ' shanghai ',
  yearsExperience: 6,
  base: 480000,
  bonus: 80000,
  equity: 100000,
  currency: 'CNY',
  year: 2025,
};

describe('salary reports', () => {
  let t: TestApp;
  let acme: TestCompany;
  let employee: TestAccount;
  let colleague: TestAccount;

  const submit = (token: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/v1/salaries', headers: bearer(token), payload: payload as object });
  const mine = async (token: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/me/salaries', headers: bearer(token) });
    expectStatus(res, 200);
    return res.json().items as { id: string; base: number; city: string; year: number }[];
  };

  beforeAll(async () => {
    t = await openForumApp();
    acme = await createTestCompany(t.services.db, t.services.clock, { slug: 'acme', name: 'Acme' });
    employee = await createTestAccount(t.services, { companyId: acme.id });
    colleague = await createTestAccount(t.services, { companyId: acme.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a report about the employer from the account, linked to the reporter only by tag and box', async () => {
    const res = await submit(employee.token, report);
    expectStatus(res, 201);
    const { id, replaced } = res.json();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(replaced).toBe(false);
    const { rows } = await t.services.db.query<Record<string, unknown>>(
      'SELECT * FROM salaries WHERE id = $1',
      [id],
    );
    const row = rows[0]!;
    expect(row).toMatchObject({
      company_id: acme.id,
      job_family: 'engineering',
      level: 'L4',
      city: 'Shanghai',
      years_experience: 6,
      base: 480000,
      bonus: 80000,
      equity: 100000,
      currency: 'CNY',
      year: 2025,
      submitted_year: 2026,
      deleted: false,
    });
    expect(openReporterBox(t.services.keys, 2026, id, row.reporter_box as Buffer)).toBe(employee.accountId);
    expect(JSON.stringify(row)).not.toContain(employee.accountId);
    expect(await mine(employee.token)).toEqual([
      {
        id,
        jobFamily: 'engineering',
        level: 'L4',
        city: 'Shanghai',
        yearsExperience: 6,
        base: 480000,
        bonus: 80000,
        equity: 100000,
        currency: 'CNY',
        year: 2025,
        submittedOn: '2026-03-02',
      },
    ]);
    expect(await mine(colleague.token)).toEqual([]);
  });

  it('replaces the earlier report of the same family and year, leaving a tombstone', async () => {
    const first = (await submit(colleague.token, { ...report, jobFamily: 'data', base: 300000 })).json();
    const second = await submit(colleague.token, { ...report, jobFamily: 'data', base: 320000 });
    expectStatus(second, 201);
    expect(second.json().replaced).toBe(true);
    const { rows } = await t.services.db.query<{
      reporter_tag: Buffer | null;
      deleted: boolean;
      reporter_box: Buffer;
    }>('SELECT reporter_tag, deleted, reporter_box FROM salaries WHERE id = $1', [first.id]);
    expect(rows[0]).toMatchObject({ reporter_tag: null, deleted: true });
    expect(rows[0]!.reporter_box).toBeInstanceOf(Buffer);
    const items = await mine(colleague.token);
    expect(items.map((i) => [i.id, i.base])).toEqual([[second.json().id, 320000]]);

    // Another year or another family is another report.
    expect(
      (await submit(colleague.token, { ...report, jobFamily: 'data', year: 2024 })).json().replaced,
    ).toBe(false);
    expect((await submit(colleague.token, { ...report, jobFamily: 'design' })).json().replaced).toBe(false);
    expect(await mine(colleague.token)).toHaveLength(3);
  });

  it('replaces exactly once when the same report arrives twice at once', async () => {
    const someone = await createTestAccount(t.services, { companyId: acme.id });
    const results = await Promise.all([
      submit(someone.token, { ...report, jobFamily: 'legal' }),
      submit(someone.token, { ...report, jobFamily: 'legal' }),
    ]);
    for (const res of results) expectStatus(res, 201);
    expect(await mine(someone.token)).toHaveLength(1);
  });

  it('deletes your own report (tombstone), and not anyone else’s', async () => {
    const { id } = (await submit(employee.token, { ...report, jobFamily: 'support' })).json();
    const byColleague = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/salaries/${id}`,
      headers: bearer(colleague.token),
    });
    expectStatus(byColleague, 404);
    const byOwner = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/salaries/${id}`,
      headers: bearer(employee.token),
    });
    expectStatus(byOwner, 204);
    const { rows } = await t.services.db.query('SELECT deleted, reporter_tag FROM salaries WHERE id = $1', [
      id,
    ]);
    expect(rows[0]).toEqual({ deleted: true, reporter_tag: null });
    expect((await mine(employee.token)).map((i) => i.id)).not.toContain(id);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/v1/me/salaries/${id}`,
      headers: bearer(employee.token),
    });
    expectStatus(again, 404);
  });

  it('accepts reports only from employees with an employer', async () => {
    for (const memberKind of ['verified', 'member'] as const) {
      const person = await createTestAccount(t.services, { memberKind });
      const res = await submit(person.token, report);
      expectStatus(res, 403);
      expect(res.json().error).toMatchObject({ code: 'EMPLOYEES_ONLY' });
      expect(res.json().error.message).toMatch(/verified employees/);
      expect(await mine(person.token)).toEqual([]);
    }
    expectStatus(await t.app.inject({ method: 'POST', url: '/v1/salaries', payload: report }), 401);
    expectStatus(await t.app.inject({ method: 'GET', url: '/v1/me/salaries' }), 401);
  });

  it('refuses malformed reports with a 400 that names the problem', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...report, jobFamily: 'astronaut' }, /jobFamily must be one of: engineering/],
      [{ ...report, level: 'L9' }, /level must be one of: L1/],
      [{ ...report, currency: 'XYZ' }, /currency must be one of/],
      [{ ...report, currency: 'cny' }, /currency must be one of/],
      [{ ...report, base: 0 }, /base must be >= 1/],
      [{ ...report, currency: 'USD', base: 10_000_001 }, /base may be at most 10,000,000 USD a year/],
      [{ ...report, base: 80_000_000 }, /base may be at most 72,000,000 CNY a year/],
      [{ ...report, base: 1e13 }, /base must be <= 250000000000/],
      [{ ...report, base: '480000' }, /base must be of type number/],
      [{ ...report, bonus: -1 }, /bonus must be >= 0/],
      [{ ...report, currency: 'USD', equity: 50_000_001 }, /equity may be at most 50,000,000 USD a year/],
      [{ ...report, base: 1000.123 }, /at most two decimals/],
      [{ ...report, yearsExperience: 61 }, /yearsExperience must be <= 60/],
      [{ ...report, yearsExperience: 2.5 }, /yearsExperience must be of type integer/],
      [{ ...report, year: 1999 }, /year must be >= 2000/],
      [{ ...report, year: 2027 }, /year must be from 2000 to 2026/],
      [{ ...report, city: '' }, /city is too short/],
      [{ ...report, city: 'x'.repeat(61) }, /city must be 1–60 characters/],
      [{ ...report, city: 'call 13812345678' }, /phone number/],
      [{ ...report, company: 'globex' }, /does not accept: "company"/],
      [{ ...report, base: undefined }, /missing the required field "base"/],
    ];
    for (const [payload, message] of cases) {
      const res = await submit(employee.token, payload);
      expectStatus(res, 400);
      expect(res.json().error.message, JSON.stringify(payload).slice(0, 80)).toMatch(message);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/salaries',
      headers: { ...bearer(employee.token), 'content-type': 'application/json' },
      payload: '{"jobFamily":',
    });
    expectStatus(malformed, 400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    const badId = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/salaries/nope',
      headers: bearer(employee.token),
    });
    expectStatus(badId, 400);
  });
});
