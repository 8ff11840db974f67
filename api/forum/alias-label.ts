// The label shown on a post: what kind of member wrote it, then the thread alias words.
// "Employee of X" narrows the crowd to X's staff, so it appears only when X has at least
// MIN_EMPLOYER_CROWD employee accounts and the author did not hide it on this post.
import type { Queryable } from '../db/index.ts';
import type { SessionAccount } from '../identity/sessions.ts';

export interface AuthorStanding {
  memberKind: SessionAccount['memberKind'];
  /** The employer's display name, for employees. */
  companyName: string | null;
  /** Employee accounts of that employer (the crowd an "Employee of X" label hides in). */
  crowdSize: number;
}

export const ALIAS_SEPARATOR = ' · ';

export function aliasLabel(
  standing: AuthorStanding,
  words: string,
  options: { hideEmployer: boolean; minEmployerCrowd: number },
): string {
  let who: string;
  if (standing.memberKind === 'employee') {
    const showEmployer =
      standing.companyName !== null &&
      !options.hideEmployer &&
      standing.crowdSize >= options.minEmployerCrowd;
    who = showEmployer ? `Employee of ${standing.companyName}` : 'Verified employee';
  } else {
    who = standing.memberKind === 'verified' ? 'Verified member' : 'Member';
  }
  return `${who}${ALIAS_SEPARATOR}${words}`;
}

export async function loadAuthorStanding(db: Queryable, account: SessionAccount): Promise<AuthorStanding> {
  if (account.memberKind !== 'employee' || account.companyId === null)
    return { memberKind: account.memberKind, companyName: null, crowdSize: 0 };
  const { rows } = await db.query<{ name: string; crowd: number }>(
    `SELECT c.name,
            (SELECT count(*) FROM accounts a WHERE a.company_id = c.id AND a.member_kind = 'employee') AS crowd
       FROM companies c WHERE c.id = $1`,
    [account.companyId],
  );
  const row = rows[0];
  return { memberKind: 'employee', companyName: row?.name ?? null, crowdSize: row?.crowd ?? 0 };
}
