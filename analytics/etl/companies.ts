// Company ids → slugs and names for a run. The warehouse keys cells by slug (companies are not
// people); a company created mid-run is fetched when first seen, never mistaken for "no company".
import type { Queryable } from '../../api/db/index.ts';

export class CompanyDirectory {
  readonly #db: Queryable;
  readonly #byId = new Map<string, { slug: string; name: string }>();
  readonly #nameBySlug = new Map<string, string>();

  constructor(db: Queryable) {
    this.#db = db;
  }

  /** Loads any of `ids` not yet known. */
  async ensure(ids: Iterable<string | null | undefined>): Promise<void> {
    const missing = [...new Set([...ids].filter((id): id is string => !!id && !this.#byId.has(id)))];
    if (missing.length === 0) return;
    const { rows } = await this.#db.query<{ id: string; slug: string; name: string }>(
      'SELECT id, slug, name FROM companies WHERE id = ANY($1::text[])',
      [missing],
    );
    for (const row of rows) {
      this.#byId.set(row.id, { slug: row.slug, name: row.name });
      this.#nameBySlug.set(row.slug, row.name);
    }
  }

  slugOf = (id: string): string | undefined => this.#byId.get(id)?.slug;
  nameOf = (slug: string): string => this.#nameBySlug.get(slug) ?? slug;
}
