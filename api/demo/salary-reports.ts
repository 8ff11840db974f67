// Salary report rows through the API's rules: reporter_tag from reporterTag() and reporter_box from
// sealReporter() under the salary-chain key of the submission year, one report per
// person × company × family × year. The caller sets the clock to the submission time first.
import { newId } from '../ids.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { reporterTag, sealReporter, submissionYearOf } from '../salaries/reporter-links.ts';
import { BulkTable, type BufferedRows } from './bulk-insert.ts';
import type { DemoEvents } from './climate.ts';
import type { Company } from './companies.ts';
import { missingKey } from './setup-error.ts';
import type { People } from './people.ts';
import type { Prng } from './prng.ts';
import { drawSalary, type ReporterPicker, salaryYear } from './salaries.ts';

export interface SalaryDeps {
  keys: KeyStore;
  people: People;
  companies: readonly Company[];
  events: DemoEvents;
  reporters: ReporterPicker;
  spanStart: number;
  prng: Prng;
  ids: Prng;
}

export class SalaryWriter {
  readonly #deps: SalaryDeps;
  readonly #rows = new BulkTable('salaries', [
    ['id', 'text'],
    ['reporter_tag', 'bytea'],
    ['reporter_box', 'bytea'],
    ['submitted_year', 'int4'],
    ['submitted_on', 'date'],
    ['company_id', 'text'],
    ['job_family', 'text'],
    ['level', 'text'],
    ['city', 'text'],
    ['years_experience', 'int4'],
    ['base', 'numeric'],
    ['bonus', 'numeric'],
    ['equity', 'numeric'],
    ['currency', 'text'],
    ['year', 'int4'],
  ]);

  constructor(deps: SalaryDeps) {
    this.#deps = deps;
  }

  /** One report at `at`; false when every employee with an account has already reported for the year. */
  report(at: number): boolean {
    const { keys, people, companies, events, reporters, spanStart, prng, ids } = this.#deps;
    const year = salaryYear(prng, at);
    const person = reporters.pick(prng, at, year);
    if (person < 0) return false;
    const company = companies[people.company[person]!]!;
    const figures = drawSalary(prng, people, person, company, at, spanStart, events);
    const id = newId(ids.random);
    const when = new Date(at);
    const submittedYear = submissionYearOf(when);
    const accountId = people.ids[person]!;
    const tag = reporterTag(keys, submittedYear, accountId, {
      companyId: company.id,
      jobFamily: figures.jobFamily,
      year,
    });
    const box = sealReporter(keys, submittedYear, id, accountId);
    if (!tag || !box) throw missingKey('salary', when);
    this.#rows.push(
      id,
      tag,
      box,
      submittedYear,
      when.toISOString().slice(0, 10),
      company.id,
      figures.jobFamily,
      figures.level,
      figures.city,
      figures.yearsExperience,
      figures.base,
      figures.bonus,
      figures.equity,
      figures.currency,
      year,
    );
    return true;
  }

  take(): BufferedRows {
    return this.#rows.take();
  }
}
