// Companies and the e-mail domains they own: list, look up by an e-mail's domain, create.
// Slugs and domains are unique; a domain belongs to at most one company.
import type { Clock } from '../clock.ts';
import type { Db, Queryable } from '../db/index.ts';
import { conflict } from '../errors.ts';
import { newId, type Random } from '../ids.ts';
import { domainSuffixes } from './domains.ts';

export interface CompanyRef {
  id: string;
  slug: string;
  name: string;
}

export interface Company extends CompanyRef {
  domains: string[];
}

export interface NewCompany {
  slug: string;
  name: string;
  /** Already normalised and validated (domains.ts). */
  domains: readonly string[];
}

export async function listCompanies(db: Queryable): Promise<Company[]> {
  const { rows } = await db.query<Company>(
    `SELECT c.id, c.slug, c.name,
            COALESCE(array_agg(d.domain ORDER BY d.domain) FILTER (WHERE d.domain IS NOT NULL), '{}') AS domains
       FROM companies c LEFT JOIN company_domains d ON d.company_id = c.id
      GROUP BY c.id
      ORDER BY lower(c.name), c.slug`,
  );
  return rows;
}

/** The company owning an e-mail domain or one of its parents (the most specific owner wins). */
export async function findCompanyByDomain(db: Queryable, domain: string): Promise<CompanyRef | null> {
  const { rows } = await db.query<CompanyRef>(
    `SELECT c.id, c.slug, c.name
       FROM company_domains d JOIN companies c ON c.id = d.company_id
      WHERE d.domain = ANY($1::text[])
      ORDER BY length(d.domain) DESC
      LIMIT 1`,
    [domainSuffixes(domain)],
  );
  return rows[0] ?? null;
}

export async function findCompanyById(db: Queryable, id: string): Promise<CompanyRef | null> {
  const { rows } = await db.query<CompanyRef>('SELECT id, slug, name FROM companies WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function findCompanyBySlug(db: Queryable, slug: string): Promise<CompanyRef | null> {
  const { rows } = await db.query<CompanyRef>('SELECT id, slug, name FROM companies WHERE slug = $1', [slug]);
  return rows[0] ?? null;
}

const UNIQUE_VIOLATION = '23505';

/** Inserts a company with its domains; 409 when the slug or a domain is taken. */
export async function createCompany(
  db: Db,
  clock: Clock,
  random: Random,
  input: NewCompany,
): Promise<Company> {
  const id = newId(random);
  try {
    await db.transaction(async (tx) => {
      await refuseTaken(tx, input);
      await tx.query('INSERT INTO companies (id, slug, name, created_at) VALUES ($1, $2, $3, $4)', [
        id,
        input.slug,
        input.name,
        clock.now(),
      ]);
      await tx.query('INSERT INTO company_domains (domain, company_id) SELECT unnest($1::text[]), $2', [
        [...input.domains],
        id,
      ]);
    });
  } catch (error) {
    // Two operators adding the same thing at once: the loser of the race gets the same 409.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      await refuseTaken(db, input);
      throw conflict(
        'COMPANY_EXISTS',
        'That slug or one of those domains was just taken. Check GET /v1/companies.',
      );
    }
    throw error;
  }
  return { id, slug: input.slug, name: input.name, domains: [...input.domains].sort() };
}

async function refuseTaken(db: Queryable, input: NewCompany): Promise<void> {
  const slug = await db.query('SELECT 1 FROM companies WHERE slug = $1', [input.slug]);
  if (slug.rows.length > 0)
    throw conflict(
      'SLUG_TAKEN',
      `A company with the slug "${input.slug}" already exists. Choose another slug.`,
    );
  const { rows } = await db.query<{ domain: string; slug: string }>(
    `SELECT d.domain, c.slug FROM company_domains d JOIN companies c ON c.id = d.company_id
      WHERE d.domain = ANY($1::text[]) ORDER BY d.domain`,
    [[...input.domains]],
  );
  const owned = rows[0];
  if (owned)
    throw conflict(
      'DOMAIN_TAKEN',
      `The domain ${owned.domain} already belongs to the company "${owned.slug}". A domain can belong to one company only.`,
    );
}

/** Accounts verified as employees of a company: the crowd an "Employee of X" alias hides in. */
export async function verifiedEmployeeCount(db: Queryable, companyId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM accounts WHERE company_id = $1 AND member_kind = 'employee'",
    [companyId],
  );
  return rows[0]?.n ?? 0;
}
