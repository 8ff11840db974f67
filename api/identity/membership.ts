// What an e-mail domain proves: "employee" of the company that owns it, "member" for a free-mail
// address (proves nothing), "verified" for any other work domain. Nothing about an unlisted work
// domain is kept: the account holds only the kind.
import { type CompanyRef, findCompanyByDomain } from '../companies/repository.ts';
import type { Queryable } from '../db/index.ts';
import { isFreeMailDomain } from './free-mail.ts';

export type MemberKind = 'employee' | 'verified' | 'member';

export interface Membership {
  kind: MemberKind;
  company: CompanyRef | null;
}

export async function membershipFor(db: Queryable, domain: string): Promise<Membership> {
  const company = await findCompanyByDomain(db, domain);
  if (company) return { kind: 'employee', company };
  return { kind: isFreeMailDomain(domain) ? 'member' : 'verified', company: null };
}
