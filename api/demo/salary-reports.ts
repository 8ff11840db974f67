// Salary reports as the API allows them, one per person × company × family × year. They leave
// here pending: reporter_tag and reporter_box (reporterTag(), sealReporter() under the salary key
// of the submission year) are added by api/demo/links.ts.
import { newId } from '../ids.ts';
import type { DemoEvents } from './climate.ts';
import type { Company } from './companies.ts';
import { emptyPendingSalaries, type PendingSalaries } from './links.ts';
import type { People } from './people.ts';
import type { Prng } from './prng.ts';
import { drawSalary, type ReporterPicker, salaryYear } from './salaries.ts';

export interface SalaryDeps {
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
  #rows = emptyPendingSalaries();

  constructor(deps: SalaryDeps) {
    this.#deps = deps;
  }

  /** One report at `at`; false when every employee with an account has already reported for the year. */
  report(at: number): boolean {
    const { people, companies, events, reporters, spanStart, prng, ids } = this.#deps;
    const year = salaryYear(prng, at);
    const person = reporters.pick(prng, at, year);
    if (person < 0) return false;
    const company = companies[people.company[person]!]!;
    const figures = drawSalary(prng, people, person, company, at, spanStart, events);
    const rows = this.#rows;
    rows.id.push(newId(ids.random));
    rows.at.push(at);
    rows.accountId.push(people.ids[person]!);
    rows.companyId.push(company.id);
    rows.year.push(year);
    rows.jobFamily.push(figures.jobFamily);
    rows.level.push(figures.level);
    rows.city.push(figures.city);
    rows.yearsExperience.push(figures.yearsExperience);
    rows.base.push(figures.base);
    rows.bonus.push(figures.bonus);
    rows.equity.push(figures.equity);
    rows.currency.push(figures.currency);
    return true;
  }

  take(): PendingSalaries {
    const rows = this.#rows;
    this.#rows = emptyPendingSalaries();
    return rows;
  }
}
