// Salary report → reporter (P3), under the salary-chain key of the submission year:
//   reporter_tag = HMAC(key, "reporter-tag" ‖ account ‖ company ‖ family ‖ year) — one report per
//                  person × company × family × year; finds it again to replace, list or delete;
//   reporter_box = AES-256-GCM(account id), aad = salary id — lets the ETL count contributors.
// The key dies 90 days after the submission year ends; then neither links anyone.
import type { Queryable } from '../db/index.ts';
import { keyedHash, seal, subkey, unseal } from '../keys/crypto.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { periodStart } from '../keys/periods.ts';

export interface ReportKey {
  companyId: string;
  jobFamily: string;
  year: number;
}

function yearKey(keys: KeyStore, submittedYear: number): Buffer | null {
  return keys.keyForPeriod('salary', submittedYear);
}

/** The tag under one submission year's key, or null when that key is gone. */
export function reporterTag(
  keys: KeyStore,
  submittedYear: number,
  accountId: string,
  report: ReportKey,
): Buffer | null {
  const key = yearKey(keys, submittedYear);
  return key
    ? keyedHash(subkey(key, 'reporter-tag'), accountId, report.companyId, report.jobFamily, report.year)
    : null;
}

/** Tags under every live submission-year key: to find an earlier report of the same thing. */
export function liveReporterTags(keys: KeyStore, accountId: string, report: ReportKey): Buffer[] {
  return keys
    .livePeriods('salary')
    .map((year) => reporterTag(keys, year, accountId, report))
    .filter((tag): tag is Buffer => tag !== null);
}

export function sealReporter(
  keys: KeyStore,
  submittedYear: number,
  salaryId: string,
  accountId: string,
): Buffer | null {
  const key = yearKey(keys, submittedYear);
  return key ? seal(subkey(key, 'reporter-box'), accountId, salaryId) : null;
}

export function openReporterBox(
  keys: KeyStore,
  submittedYear: number,
  salaryId: string,
  box: Buffer,
): string | null {
  const key = yearKey(keys, submittedYear);
  return key ? unseal(subkey(key, 'reporter-box'), box, salaryId) : null;
}

/**
 * Account deletion: the account's live salary reports become tombstones (no tag; the ETL removes
 * their contribution, then the box goes). Finds them by decrypting each live box.
 */
export async function deleteAccountSalaries(
  db: Queryable,
  keys: KeyStore,
  accountId: string,
): Promise<number> {
  let deleted = 0;
  for (const year of keys.livePeriods('salary')) {
    const { rows } = await db.query<{ id: string; reporter_box: Buffer }>(
      'SELECT id, reporter_box FROM salaries WHERE submitted_year = $1 AND reporter_box IS NOT NULL AND NOT deleted',
      [year],
    );
    const mine = rows
      .filter((row) => openReporterBox(keys, year, row.id, row.reporter_box) === accountId)
      .map((r) => r.id);
    if (mine.length > 0)
      deleted += (await db.query('DELETE FROM salaries WHERE id = ANY($1::text[])', [mine])).rowCount;
  }
  return deleted;
}

export const submissionYearOf = (at: Date): number => at.getUTCFullYear();
export const salaryYearStart = (year: number): Date => periodStart('year', year);
