import { describe, expect, it } from 'vitest';
import { CITIES, LEVELS } from '../../../api/demo/catalog.ts';
import { chooseEvents } from '../../../api/demo/climate.ts';
import { makeCompanies } from '../../../api/demo/companies.ts';
import { Crowd, EMPLOYEE, makePeople } from '../../../api/demo/people.ts';
import { Prng } from '../../../api/demo/prng.ts';
import { drawSalary, ReporterPicker } from '../../../api/demo/salaries.ts';
import { newId } from '../../../api/ids.ts';
import { amountBounds, type Currency } from '../../../api/salaries/salary-rules.ts';

const START = Date.parse('2024-03-02T00:00:00Z');
const END = Date.parse('2026-03-02T10:00:00Z');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function world(count: number) {
  const root = new Prng('salaries');
  const ids = root.fork('ids');
  const companies = makeCompanies(ids, (p) => newId(p.random));
  const people = makePeople(root.fork('people'), ids, (p) => newId(p.random), companies, count, START, END);
  const events = chooseEvents(root.fork('events'), companies, START, END);
  return { root, companies, people, events };
}

describe('demo salaries', () => {
  const { root, companies, people, events } = world(30_000);
  const employees = Array.from({ length: people.count }, (_, i) => i).filter(
    (i) => people.kind[i] === EMPLOYEE,
  );
  const at = Date.parse('2025-06-01T00:00:00Z');
  const prng = root.fork('draws');
  const reports = employees.map((i) => ({
    ...drawSalary(prng, people, i, companies[people.company[i]!]!, at, START, events),
    family: people.family[i],
  }));

  it('rises with level in every currency (median base and median total)', () => {
    for (const currency of ['CNY', 'USD', 'INR', 'GBP']) {
      const mine = reports.filter((r) => r.currency === currency);
      let previousBase = 0;
      let previousTotal = 0;
      for (const level of LEVELS) {
        const atLevel = mine.filter((r) => r.level === level);
        expect(atLevel.length).toBeGreaterThan(10);
        const base = median(atLevel.map((r) => r.base));
        const total = median(atLevel.map((r) => r.base + r.bonus + r.equity));
        expect(base).toBeGreaterThan(previousBase);
        expect(total).toBeGreaterThan(previousTotal);
        previousBase = base;
        previousTotal = total;
      }
    }
  });

  it('pays in the city’s currency, in round amounts, within the API’s bounds', () => {
    for (const r of reports) {
      const city = CITIES.find((c) => c.name === r.city)!;
      expect(r.currency).toBe(city.currency);
      expect(r.base % (r.currency === 'INR' ? 10_000 : r.currency === 'CNY' ? 1000 : 500)).toBe(0);
      expect(r.base).toBeGreaterThan(0);
      const currency = r.currency as Currency;
      expect(r.base).toBeLessThanOrEqual(amountBounds('base', currency).max);
      expect(r.bonus).toBeGreaterThanOrEqual(0);
      expect(r.bonus).toBeLessThanOrEqual(amountBounds('bonus', currency).max);
      expect(r.equity).toBeGreaterThanOrEqual(0);
      expect(r.equity).toBeLessThanOrEqual(amountBounds('equity', currency).max);
      expect(r.yearsExperience).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives sales a larger share of pay as bonus than engineering', () => {
    const share = (family: string) =>
      median(reports.filter((r) => r.jobFamily === family).map((r) => r.bonus / r.base));
    expect(share('sales')).toBeGreaterThan(2 * share('engineering'));
  });

  it('raises pay at the pay-rise company from the day of the rise', () => {
    const person = employees.find((i) => people.company[i] === events.payRise.company)!;
    const company = companies[events.payRise.company]!;
    const before = drawSalary(
      new Prng('same'),
      people,
      person,
      company,
      events.payRise.at - 1,
      START,
      events,
    );
    const after = drawSalary(new Prng('same'), people, person, company, events.payRise.at, START, events);
    expect(after.base / before.base).toBeGreaterThan(1.08);
    expect(after.base / before.base).toBeLessThan(1.16);
  });

  it('lets each employee report once per salary year, then says nobody is left', () => {
    const small = world(60);
    const crowd = new Crowd(small.people, small.companies.length);
    const picker = new ReporterPicker(crowd);
    const pick = new Prng('pick');
    const employeeCount = crowd.employeesAt(END);
    const seen = new Set<number>();
    for (let k = 0; k < employeeCount; k++) {
      const person = picker.pick(pick, END, 2025);
      expect(person).toBeGreaterThanOrEqual(0);
      expect(small.people.kind[person]).toBe(EMPLOYEE);
      expect(seen.has(person)).toBe(false);
      seen.add(person);
    }
    expect(picker.pick(pick, END, 2025)).toBe(-1);
    expect(picker.pick(pick, END, 2026)).toBeGreaterThanOrEqual(0);
  });
});
