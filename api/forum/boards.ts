// Boards: every thread lives on one company's board or on the general board. Publicly a board is
// named by the company slug, or "general".
import type { Queryable } from '../db/index.ts';
import { notFound } from '../errors.ts';

export const GENERAL_BOARD = 'general';
/** Same rule as company slugs (api/companies/routes.ts). */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

export interface CompanyBoard {
  id: string;
  slug: string;
  name: string;
}

export async function companyBySlug(db: Queryable, slug: string): Promise<CompanyBoard> {
  const { rows } = await db.query<CompanyBoard>('SELECT id, slug, name FROM companies WHERE slug = $1', [
    slug,
  ]);
  if (!rows[0]) throw notFound(`The company "${slug}"`);
  return rows[0];
}

/** The public name of a thread's board from its company's slug (null: the general board). */
export const boardName = (companySlug: string | null): string => companySlug ?? GENERAL_BOARD;
