// Salary reports by verified employees about their own employer. One report per person × company
// × job family × year: the reporter tag (api/salaries/reporter-links.ts) finds an earlier one, which
// becomes a tombstone (deleted, no tag) so the ETL can remove its contribution, and the new report
// takes its place. The same tags list and delete the caller's reports while their key lives.
import type { Queryable } from '../db/index.ts';
import { forbidden, notFound, unavailable } from '../errors.ts';
import type { SessionAccount } from '../identity/sessions.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { refusePersonalData } from '../forum/doxxing-guard.ts';
import {
  liveReporterTags,
  type ReportKey,
  reporterTag,
  sealReporter,
  submissionYearOf,
} from './reporter-links.ts';
import {
  checkAmount,
  checkReportYear,
  cleanCity,
  type Currency,
  FIRST_REPORT_YEAR,
  JOB_FAMILIES,
  type JobFamily,
  type Level,
} from './salary-rules.ts';

export interface SalaryInput {
  jobFamily: JobFamily;
  level: Level;
  city: string;
  yearsExperience: number;
  base: number;
  bonus?: number;
  equity?: number;
  currency: Currency;
  year: number;
}

export interface SalaryView {
  id: string;
  jobFamily: string;
  level: string;
  city: string;
  yearsExperience: number;
  base: number;
  bonus: number;
  equity: number;
  currency: string;
  year: number;
  submittedOn: string;
}

const UNIQUE_VIOLATION = '23505';
const ATTEMPTS = 3;

function employerOf(account: SessionAccount): string {
  if (account.memberKind !== 'employee' || account.companyId === null)
    throw forbidden(
      'EMPLOYEES_ONLY',
      'Salary reports come from verified employees, about their own employer. Verify with your work ' +
        'e-mail address first; personal addresses (gmail.com, qq.com, …) cannot report salaries.',
    );
  return account.companyId;
}

export async function submitSalary(
  services: Services,
  account: SessionAccount,
  input: SalaryInput,
): Promise<{ id: string; replaced: boolean }> {
  const companyId = employerOf(account);
  const now = services.clock.now();
  const city = cleanCity(input.city);
  refusePersonalData({ city });
  const report: ReportKey = { companyId, jobFamily: input.jobFamily, year: checkReportYear(input.year, now) };
  const amounts = {
    base: checkAmount('base', input.base, input.currency),
    bonus: checkAmount('bonus', input.bonus ?? 0, input.currency),
    equity: checkAmount('equity', input.equity ?? 0, input.currency),
  };
  const submittedYear = submissionYearOf(now);
  const id = newId(services.random);
  const tag = reporterTag(services.keys, submittedYear, account.id, report);
  const box = sealReporter(services.keys, submittedYear, id, account.id);
  if (!tag || !box) throw unavailable('Salary reports cannot be keyed right now. Try again in a minute.', 60);
  const earlier = liveReporterTags(services.keys, account.id, report);

  for (let attempt = 1; ; attempt++) {
    try {
      return await services.db.transaction(async (tx) => {
        const replaced = await tombstone(tx, earlier);
        await tx.query(
          `INSERT INTO salaries (id, reporter_tag, reporter_box, submitted_year, submitted_on, company_id, job_family,
                                 level, city, years_experience, base, bonus, equity, currency, year)
           VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
            id,
            tag,
            box,
            submittedYear,
            now.toISOString().slice(0, 10),
            companyId,
            input.jobFamily,
            input.level,
            city,
            input.yearsExperience,
            amounts.base,
            amounts.bonus,
            amounts.equity,
            input.currency,
            report.year,
          ],
        );
        return { id, replaced: replaced > 0 };
      });
    } catch (error) {
      // Two submissions of the same report at once: the loser retries and replaces the winner's.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Turns live reports with any of these tags into tombstones; returns how many. */
async function tombstone(tx: Queryable, tags: Buffer[]): Promise<number> {
  if (tags.length === 0) return 0;
  const { rowCount } = await tx.query(
    'UPDATE salaries SET deleted = true, reporter_tag = NULL WHERE reporter_tag = ANY($1::bytea[]) AND NOT deleted',
    [tags],
  );
  return rowCount;
}

/** Every tag the caller's reports about their employer can carry while keys live. */
function callerTags(services: Services, account: SessionAccount, companyId: string): Buffer[] {
  const tags: Buffer[] = [];
  const current = services.clock.now().getUTCFullYear();
  for (const jobFamily of JOB_FAMILIES)
    for (let year = FIRST_REPORT_YEAR; year <= current; year++)
      tags.push(...liveReporterTags(services.keys, account.id, { companyId, jobFamily, year }));
  return tags;
}

const VIEW_COLUMNS = `id, job_family, level, city, years_experience, base, bonus, equity, currency, year,
  to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on`;

interface SalaryRow {
  id: string;
  job_family: string;
  level: string;
  city: string;
  years_experience: number;
  base: number;
  bonus: number;
  equity: number;
  currency: string;
  year: number;
  submitted_on: string;
}

export async function listMySalaries(services: Services, account: SessionAccount): Promise<SalaryView[]> {
  if (account.memberKind !== 'employee' || account.companyId === null) return [];
  const tags = callerTags(services, account, account.companyId);
  if (tags.length === 0) return [];
  const { rows } = await services.db.query<SalaryRow>(
    `SELECT ${VIEW_COLUMNS} FROM salaries
      WHERE reporter_tag = ANY($1::bytea[]) AND NOT deleted
      ORDER BY year DESC, job_family`,
    [tags],
  );
  return rows.map((row) => ({
    id: row.id,
    jobFamily: row.job_family,
    level: row.level,
    city: row.city,
    yearsExperience: row.years_experience,
    base: row.base,
    bonus: row.bonus,
    equity: row.equity,
    currency: row.currency,
    year: row.year,
    submittedOn: row.submitted_on,
  }));
}

/** Deletes one of the caller's reports (a tombstone, as on replacement). 404 when not theirs. */
export async function deleteMySalary(
  services: Services,
  account: SessionAccount,
  salaryId: string,
): Promise<void> {
  await services.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      reporter_tag: Buffer | null;
      company_id: string;
      job_family: string;
      year: number;
    }>(
      'SELECT reporter_tag, company_id, job_family, year FROM salaries WHERE id = $1 AND NOT deleted FOR UPDATE',
      [salaryId],
    );
    const row = rows[0];
    const mine =
      row?.reporter_tag &&
      liveReporterTags(services.keys, account.id, {
        companyId: row.company_id,
        jobFamily: row.job_family,
        year: row.year,
      }).some((tag) => tag.equals(row.reporter_tag!));
    // Someone else's report and no report at all look the same: nobody learns which ids are salaries.
    if (!mine) throw notFound('This salary report of yours');
    await tx.query('UPDATE salaries SET deleted = true, reporter_tag = NULL WHERE id = $1', [salaryId]);
  });
}
