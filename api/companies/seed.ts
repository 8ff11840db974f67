// The fictional companies an empty embedded database starts with, so a newcomer can register
// with e.g. someone@acme.example and see a company board. All names are made up; every domain is
// under .example (RFC 2606), which no real mailbox can have.
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { newId, type Random } from '../ids.ts';

export interface SeedCompany {
  slug: string;
  name: string;
  domains: string[];
}

export const FICTIONAL_COMPANIES: readonly SeedCompany[] = [
  { slug: 'acme-cloud', name: 'Acme Cloud', domains: ['acme.example', 'acmecloud.example'] },
  { slug: 'bluefin-analytics', name: 'Bluefin Analytics', domains: ['bluefin.example'] },
  { slug: 'copperleaf-games', name: 'Copperleaf Games', domains: ['copperleaf.example'] },
  { slug: 'dunmore-logistics', name: 'Dunmore Logistics', domains: ['dunmore.example'] },
  { slug: 'emberline-robotics', name: 'Emberline Robotics', domains: ['emberline.example'] },
  { slug: 'fernwood-health', name: 'Fernwood Health', domains: ['fernwood.example'] },
  { slug: 'glasswing-payments', name: 'Glasswing Payments', domains: ['glasswing.example', 'gwpay.example'] },
  { slug: 'harbor-lane-retail', name: 'Harbor Lane Retail', domains: ['harborlane.example'] },
  { slug: 'ironbark-energy', name: 'Ironbark Energy', domains: ['ironbark.example'] },
  { slug: 'juniper-peak-software', name: 'Juniper Peak Software', domains: ['juniperpeak.example'] },
  { slug: 'kestrel-mobility', name: 'Kestrel Mobility', domains: ['kestrel.example'] },
  { slug: 'lumenfold-media', name: 'Lumenfold Media', domains: ['lumenfold.example'] },
  { slug: 'mossgate-insurance', name: 'Mossgate Insurance', domains: ['mossgate.example'] },
  { slug: 'northwind-semiconductors', name: 'Northwind Semiconductors', domains: ['northwind-semi.example'] },
  { slug: 'orchid-river-foods', name: 'Orchid River Foods', domains: ['orchidriver.example'] },
  { slug: 'pinecrest-bank', name: 'Pinecrest Bank', domains: ['pinecrest.example'] },
  { slug: 'quillstone-education', name: 'Quillstone Education', domains: ['quillstone.example'] },
  { slug: 'redtail-aerospace', name: 'Redtail Aerospace', domains: ['redtail.example'] },
  { slug: 'saltmarsh-biotech', name: 'Saltmarsh Biotech', domains: ['saltmarsh.example'] },
  { slug: 'tidewater-telecom', name: 'Tidewater Telecom', domains: ['tidewater.example'] },
  { slug: 'umberfield-consulting', name: 'Umberfield Consulting', domains: ['umberfield.example'] },
  { slug: 'velvet-hill-travel', name: 'Velvet Hill Travel', domains: ['velvethill.example'] },
  { slug: 'willowmere-data', name: 'Willowmere Data', domains: ['willowmere.example'] },
  { slug: 'yellowpine-ecommerce', name: 'Yellowpine E-commerce', domains: ['yellowpine.example'] },
  { slug: 'zhuque-interactive', name: 'Zhuque Interactive', domains: ['zhuque.example'] },
  { slug: 'qingshan-fintech', name: 'Qingshan Fintech', domains: ['qingshan.example'] },
  { slug: 'longmen-cloud', name: 'Longmen Cloud', domains: ['longmen.example'] },
  { slug: 'baiyun-hardware', name: 'Baiyun Hardware', domains: ['baiyun.example'] },
];

/** Inserts the fictional set when there are no companies yet; returns how many it added. */
export async function seedCompanies(
  db: Db,
  clock: Clock,
  random: Random,
  companies: readonly SeedCompany[] = FICTIONAL_COMPANIES,
): Promise<number> {
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ n: number }>('SELECT count(*) AS n FROM companies');
    if ((existing.rows[0]?.n ?? 0) > 0) return 0;
    const now = clock.now();
    let added = 0;
    for (const company of companies) {
      const id = newId(random);
      // ON CONFLICT: two instances starting on one empty database at once must not fail start-up.
      const inserted = await tx.query(
        'INSERT INTO companies (id, slug, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING',
        [id, company.slug, company.name, now],
      );
      if (inserted.rowCount === 0) continue;
      await tx.query(
        `INSERT INTO company_domains (domain, company_id) SELECT unnest($1::text[]), $2
           ON CONFLICT (domain) DO NOTHING`,
        [company.domains, id],
      );
      added += 1;
    }
    return added;
  });
}
