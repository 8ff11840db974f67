import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCompany,
  findCompanyByDomain,
  findCompanyBySlug,
  listCompanies,
  verifiedEmployeeCount,
} from '../../../api/companies/repository.ts';
import { newId } from '../../../api/ids.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

describe('companies repository', () => {
  let s: TestServices;
  beforeAll(async () => {
    s = await openTestServices();
    await createCompany(s.db, s.clock, s.random, {
      slug: 'acme-cloud',
      name: 'Acme Cloud',
      domains: ['acme.example'],
    });
    await createCompany(s.db, s.clock, s.random, {
      slug: 'acme-research',
      name: 'Acme Research',
      domains: ['research.acme.example', 'acmelabs.example'],
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('lists companies with their domains, sorted by name', async () => {
    const companies = await listCompanies(s.db);
    expect(companies.map(({ slug, name, domains }) => ({ slug, name, domains }))).toEqual([
      { slug: 'acme-cloud', name: 'Acme Cloud', domains: ['acme.example'] },
      {
        slug: 'acme-research',
        name: 'Acme Research',
        domains: ['acmelabs.example', 'research.acme.example'],
      },
    ]);
    expect(companies[0]!.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('finds the owner of an e-mail domain, the most specific owner first, subdomains included', async () => {
    expect((await findCompanyByDomain(s.db, 'acme.example'))?.slug).toBe('acme-cloud');
    expect((await findCompanyByDomain(s.db, 'sh.acme.example'))?.slug).toBe('acme-cloud');
    expect((await findCompanyByDomain(s.db, 'research.acme.example'))?.slug).toBe('acme-research');
    expect((await findCompanyByDomain(s.db, 'x.research.acme.example'))?.slug).toBe('acme-research');
    expect(await findCompanyByDomain(s.db, 'notacme.example')).toBeNull();
    expect(await findCompanyByDomain(s.db, 'example')).toBeNull();
  });

  it('refuses a taken slug or domain with a 409 naming it, and adds nothing', async () => {
    await expect(
      createCompany(s.db, s.clock, s.random, {
        slug: 'acme-cloud',
        name: 'Other',
        domains: ['other.example'],
      }),
    ).rejects.toMatchObject({ statusCode: 409, code: 'SLUG_TAKEN' });
    await expect(
      createCompany(s.db, s.clock, s.random, {
        slug: 'other',
        name: 'Other',
        domains: ['other.example', 'acmelabs.example'],
      }),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'DOMAIN_TAKEN',
      message: expect.stringMatching(/acmelabs\.example.*acme-research/),
    });
    expect(await findCompanyBySlug(s.db, 'other')).toBeNull();
    expect(await findCompanyByDomain(s.db, 'other.example')).toBeNull();
  });

  it('counts verified employees only', async () => {
    const acme = (await findCompanyBySlug(s.db, 'acme-cloud'))!;
    const insert = (kind: string, companyId: string | null) =>
      s.db.query(
        `INSERT INTO accounts (id, email_hash, password_hash, member_kind, company_id, created_on)
         VALUES ($1, $2, '$argon2id$x', $3, $4, '2026-03-02')`,
        [newId(), Buffer.from(newId()), kind, companyId],
      );
    expect(await verifiedEmployeeCount(s.db, acme.id)).toBe(0);
    await insert('employee', acme.id);
    await insert('employee', acme.id);
    await insert('verified', null);
    await insert('member', null);
    expect(await verifiedEmployeeCount(s.db, acme.id)).toBe(2);
    const count = await verifiedEmployeeCount(s.db, acme.id);
    expect(typeof count).toBe('number');
  });
});
