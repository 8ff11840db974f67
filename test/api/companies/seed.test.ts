import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, listCompanies } from '../../../api/companies/repository.ts';
import { FICTIONAL_COMPANIES, seedCompanies } from '../../../api/companies/seed.ts';
import { isFreeMailDomain } from '../../../api/identity/free-mail.ts';
import { isValidDomain } from '../../../api/companies/domains.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

describe('seedCompanies', () => {
  let s: TestServices;
  beforeAll(async () => {
    s = await openTestServices();
  });
  afterAll(async () => {
    await s.close();
  });

  it('is a fictional set on .example domains, each slug and domain unique', () => {
    expect(FICTIONAL_COMPANIES.length).toBeGreaterThanOrEqual(12);
    expect(FICTIONAL_COMPANIES.length).toBeLessThanOrEqual(40);
    const domains = FICTIONAL_COMPANIES.flatMap((c) => c.domains);
    expect(new Set(domains).size).toBe(domains.length);
    expect(new Set(FICTIONAL_COMPANIES.map((c) => c.slug)).size).toBe(FICTIONAL_COMPANIES.length);
    for (const domain of domains) {
      expect(domain).toMatch(/\.example$/);
      expect(isValidDomain(domain) && !isFreeMailDomain(domain)).toBe(true);
    }
  });

  it('fills an empty table once and leaves a non-empty one alone', async () => {
    expect(await seedCompanies(s.db, s.clock, s.random)).toBe(FICTIONAL_COMPANIES.length);
    expect(await seedCompanies(s.db, s.clock, s.random)).toBe(0);
    const listed = await listCompanies(s.db);
    expect(listed).toHaveLength(FICTIONAL_COMPANIES.length);
    expect(listed.find((c) => c.slug === 'acme-cloud')?.domains).toEqual([
      'acme.example',
      'acmecloud.example',
    ]);
  });

  it('does not seed a database where an operator already added companies', async () => {
    const other = await openTestServices();
    try {
      await createCompany(other.db, other.clock, other.random, {
        slug: 'mine',
        name: 'Mine',
        domains: ['mine.example'],
      });
      expect(await seedCompanies(other.db, other.clock, other.random)).toBe(0);
      expect(await listCompanies(other.db)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
