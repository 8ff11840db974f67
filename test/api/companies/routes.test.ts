// GET /v1/companies and the operator's POST /v1/operator/companies over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FICTIONAL_COMPANIES, seedCompanies } from '../../../api/companies/seed.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';

describe('companies routes', () => {
  let t: TestApp;
  let operator: Record<string, string>;
  beforeAll(async () => {
    t = await openTestApp();
    await seedCompanies(t.services.db, t.services.clock, t.services.random);
    operator = { 'x-operator-token': t.services.secrets.OPERATOR_TOKEN };
  });
  afterAll(async () => {
    await t.close();
  });

  const add = (payload: unknown, headers: Record<string, string> = operator) =>
    t.app.inject({ method: 'POST', url: '/v1/operator/companies', payload: payload as object, headers });

  it('lists the seeded companies with slug, name and domains only, no member counts', async () => {
    // An employee of Acme exists: no count of that may show.
    await t.services.db.query(
      `INSERT INTO accounts (id, email_hash, password_hash, member_kind, company_id, created_on)
       SELECT 'acct-1', '\\x01', '$argon2id$x', 'employee', id, '2026-03-02' FROM companies WHERE slug = 'acme-cloud'`,
    );
    const res = await t.app.inject({ method: 'GET', url: '/v1/companies' });
    expect(res.statusCode).toBe(200);
    const { companies } = res.json();
    expect(companies).toHaveLength(FICTIONAL_COMPANIES.length);
    expect(companies).toContainEqual({
      slug: 'acme-cloud',
      name: 'Acme Cloud',
      domains: ['acme.example', 'acmecloud.example'],
    });
    for (const company of companies) expect(Object.keys(company).sort()).toEqual(['domains', 'name', 'slug']);
    expect(res.body).not.toMatch(/count|members|employees/i);
  });

  it('refuses a missing or wrong operator token with 401, before looking at the body', async () => {
    const body = { slug: 'sneaky', name: 'Sneaky', domains: ['sneaky.example'] };
    const missing = await add(body, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('OPERATOR_ONLY');
    expect(
      (await add(body, { 'x-operator-token': `${t.services.secrets.OPERATOR_TOKEN}x` })).statusCode,
    ).toBe(401);
    expect((await add({ nonsense: true }, {})).statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/v1/companies' });
    expect(list.body).not.toContain('sneaky');
  });

  it('adds a company with the right token, domains lower-cased and de-duplicated', async () => {
    const res = await add({
      slug: 'nimbus-works',
      name: '  Nimbus Works ',
      domains: ['Nimbus.Example', 'nimbus.example.', 'nbw.example'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      slug: 'nimbus-works',
      name: 'Nimbus Works',
      domains: ['nbw.example', 'nimbus.example'],
    });
    const list = (await t.app.inject({ method: 'GET', url: '/v1/companies' })).json();
    expect(list.companies).toContainEqual({
      slug: 'nimbus-works',
      name: 'Nimbus Works',
      domains: ['nbw.example', 'nimbus.example'],
    });
  });

  it('answers 409 with a clear message for a duplicate slug or a domain already owned', async () => {
    const slug = await add({ slug: 'acme-cloud', name: 'Acme Again', domains: ['acme-again.example'] });
    expect(slug.statusCode).toBe(409);
    expect(slug.json().error).toEqual({
      code: 'SLUG_TAKEN',
      message: 'A company with the slug "acme-cloud" already exists. Choose another slug.',
    });
    const domain = await add({ slug: 'acme-two', name: 'Acme Two', domains: ['ACME.example'] });
    expect(domain.statusCode).toBe(409);
    expect(domain.json().error.code).toBe('DOMAIN_TAKEN');
    expect(domain.json().error.message).toMatch(/acme\.example already belongs to the company "acme-cloud"/);
  });

  describe('malformed input gets a 4xx with a readable message', () => {
    const good = { slug: 'okay-co', name: 'Okay Co', domains: ['okay.example'] };
    const cases: Array<[string, unknown, RegExp]> = [
      ['missing domains', { slug: good.slug, name: good.name }, /missing the required field "domains"/],
      ['unknown field', { ...good, employees: 5 }, /does not accept: "employees"/],
      ['domains not an array', { ...good, domains: 'okay.example' }, /body.domains must be of type array/],
      ['no domains', { ...good, domains: [] }, /body.domains/],
      ['slug with spaces', { ...good, slug: 'Okay Co' }, /body.slug is not in the expected format/],
      ['oversize name', { ...good, name: 'n'.repeat(121) }, /body.name is too long/],
      ['blank name', { ...good, name: '   ' }, /body.name must contain more than spaces/],
      ['not a domain', { ...good, domains: ['okay'] }, /"okay" is not an e-mail domain/],
      ['free-mail domain', { ...good, domains: ['gmail.com'] }, /gmail.com is a free-mail provider/],
      ['number name', { ...good, name: 7 }, /body.name must be of type string/],
    ];
    it.each(cases)('%s', async (_what, payload, message) => {
      const res = await add(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(message);
    });

    it('bad JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/operator/companies',
        headers: { ...operator, 'content-type': 'application/json' },
        payload: '{"slug":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('MALFORMED_JSON');
    });
  });
});
