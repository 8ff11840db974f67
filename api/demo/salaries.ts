// Salary reports: who reports when (one report per person × company × family × year, as the API
// allows), and the amounts, drawn log-normally from the city's pay anchor scaled by level, job
// family, company premium and the person, with bonus and equity habits that differ by company.
import { CITIES, FAMILY_PAY, JOB_FAMILIES, LEVEL_PAY, ROUNDING } from './catalog.ts';
import type { DemoEvents } from './climate.ts';
import type { Company } from './companies.ts';
import type { Crowd, People } from './people.ts';
import type { Prng } from './prng.ts';
import { type AmountField, amountBounds, type Currency } from '../salaries/salary-rules.ts';

const YEAR_MS = 365.25 * 86_400_000;
/** Market pay drift per year. */
const MARKET_GROWTH = 0.04;

export interface SalaryFigures {
  city: string;
  currency: string;
  base: number;
  bonus: number;
  equity: number;
  yearsExperience: number;
  jobFamily: string;
  level: string;
}

/** A round amount within the API's bounds for the currency. */
function amount(field: AmountField, value: number, step: number, currency: string): number {
  const rounded = Math.round(value / step) * step;
  return Math.min(
    amountBounds(field, currency as Currency).max,
    Math.max(field === 'base' ? step : 0, rounded),
  );
}

export function drawSalary(
  prng: Prng,
  people: People,
  person: number,
  company: Company,
  at: number,
  spanStart: number,
  events: DemoEvents,
): SalaryFigures {
  const city = CITIES[people.city[person]!]!;
  const level = people.level[person]!;
  const family = JOB_FAMILIES[people.family[person]!]!;
  const raised = company.index === events.payRise.company && at >= events.payRise.at;
  const drift = (1 + MARKET_GROWTH) ** ((at - spanStart) / YEAR_MS);
  const base =
    city.base *
    LEVEL_PAY[level - 1]! *
    FAMILY_PAY[family].base *
    Math.exp(company.premium + people.skill[person]! + prng.normal(0, 0.07)) *
    drift *
    (raised ? 1 + events.payRise.raise : 1);
  const bonusShare =
    company.bonusShare *
    FAMILY_PAY[family].bonus *
    (1 + 0.1 * (level - 1)) *
    (raised ? 1.15 : 1) *
    prng.logNormal(0, 0.35);
  const granted = company.equityShare > 0 && !(level <= 2 && prng.chance(0.3));
  const equityShare = granted ? company.equityShare * (0.4 + 0.3 * (level - 1)) * prng.logNormal(0, 0.45) : 0;
  const step = ROUNDING[city.currency] ?? 500;
  const years = people.experience[person]! + Math.max(0, at - people.createdAt[person]!) / YEAR_MS;
  return {
    city: city.name,
    currency: city.currency,
    base: amount('base', base, step, city.currency),
    bonus: amount('bonus', base * bonusShare, step, city.currency),
    equity: amount('equity', base * equityShare, step, city.currency),
    yearsExperience: Math.min(45, Math.round(years)),
    jobFamily: family,
    level: `L${level}`,
  };
}

/**
 * Picks who reports next: an employee with an account at `at` who has not yet reported for the
 * salary year. Returns -1 when every such employee already has (the report moves to a later week).
 */
export class ReporterPicker {
  readonly #crowd: Crowd;
  readonly #reported = new Set<number>();

  constructor(crowd: Crowd) {
    this.#crowd = crowd;
  }

  pick(prng: Prng, at: number, year: number): number {
    const active = this.#crowd.employeesAt(at);
    if (active === 0) return -1;
    for (let attempt = 0; attempt < 40; attempt++) {
      const person = this.#crowd.employeeAt(prng.int(active));
      if (this.#claim(person, year)) return person;
    }
    const from = prng.int(active);
    for (let k = 0; k < active; k++) {
      const person = this.#crowd.employeeAt((from + k) % active);
      if (this.#claim(person, year)) return person;
    }
    return -1;
  }

  #claim(person: number, year: number): boolean {
    // Each person has one company and one job family, so person × year is the API's unique key.
    const key = person * 4096 + (year - 2000);
    if (this.#reported.has(key)) return false;
    this.#reported.add(key);
    return true;
  }
}

/** The salary year a report is about: early in the year some report last year's pay. */
export function salaryYear(prng: Prng, at: number): number {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  return date.getUTCMonth() < 2 && prng.chance(0.5) ? year - 1 : year;
}
