// Complementary suppression (P6): the subtraction attack, by hand on small tables and end to end
// on published tables, recovers a suppressed cell without it and nothing with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtectedCell } from '../../../analytics/publish/kanon.ts';
import {
  complementarySuppression,
  determinedCells,
  type Equation,
} from '../../../analytics/publish/suppress.ts';
import {
  companyCellId,
  type PublishedSalaryTables,
  salaryAttackEquations,
  solveAttack,
  splitCellId,
} from '../support/attacker.ts';
import { type EtlFixture, openEtlFixture } from '../support/fixture.ts';
import { addCompany, addSalary } from '../support/seed.ts';

const cellsOf = (contributors: number[], suppressed: number[]): ProtectedCell[] =>
  contributors.map((c, i) => ({ contributors: c, suppressed: suppressed.includes(i) }));
/** row = Σ members, as "members − total = 0" */
const sumIs = (total: number, members: number[], values: number[]): Equation => ({
  terms: [
    ...members.map((m) => ({ cell: m, coef: 1 as const, value: values[m]! })),
    { cell: total, coef: -1 as const, value: values[total]! },
  ],
});

describe('complementarySuppression', () => {
  it('suppresses a second cell when a margin would give the first away', () => {
    // cells 0..2 add up to cell 3; cell 1 is below k.
    const values = [9, 2, 7, 18];
    const cells = cellsOf(values, [1]);
    const equations = [sumIs(3, [0, 1, 2], values)];
    expect(determinedCells(cells, equations)).toEqual([1]);
    expect(complementarySuppression(cells, equations)).toBe(1);
    expect(cells.map((c) => c.suppressed)).toEqual([false, true, true, false]);
    expect(determinedCells(cells, equations)).toEqual([]);
  });

  it('does not leave unknowns that must all be 1', () => {
    // 1 + 1 = 2 with both suppressed: each at least 1, so each exactly 1.
    const values = [1, 1, 8, 10];
    const cells = cellsOf(values, [0, 1]);
    complementarySuppression(cells, [sumIs(3, [0, 1, 2], values)]);
    expect(cells.filter((c) => c.suppressed)).toHaveLength(3);
  });

  it('closes a system of equations that pins a cell down only in combination', () => {
    // x0 + x1 = t3, x1 + x2 = t4, x0 + x2 = t5: three equations, three unknowns, each with two.
    const values = [3, 2, 4, 5, 6, 7];
    const cells = cellsOf(values, [0, 1, 2]);
    const equations = [sumIs(3, [0, 1], values), sumIs(4, [1, 2], values), sumIs(5, [0, 2], values)];
    expect(determinedCells(cells, equations).sort()).toEqual([0, 1, 2]);
    complementarySuppression(cells, equations);
    expect(determinedCells(cells, equations)).toEqual([]);
  });

  it('hides a pseudo total together with the cells it is read from', () => {
    const cells: ProtectedCell[] = [
      { contributors: 2, suppressed: true },
      { contributors: 9, suppressed: false, pseudo: true, alsoSuppress: [2, 3] },
      { contributors: 6, suppressed: false },
      { contributors: 7, suppressed: false },
    ];
    complementarySuppression(cells, [
      {
        terms: [
          { cell: 0, coef: 1, value: 2 },
          { cell: 1, coef: -1, value: 2 },
        ],
      },
    ]);
    expect(cells.map((c) => c.suppressed)).toEqual([true, true, true, true]);
  });
});

describe('the subtraction attack on published salary tables', { timeout: 120_000 }, () => {
  let f: EtlFixture;
  let truth: Map<string, number>;

  beforeAll(async () => {
    f = await openEtlFixture();
    const { db, keys } = f.services;
    let n = 0;
    const report = async (companyId: string, level: string, city: string, base: number) =>
      addSalary(db, keys, {
        accountId: `person-${n++}`,
        companyId,
        level,
        city,
        base,
        at: new Date('2026-02-10T00:00:00Z'),
      });
    // Acme: L4 ×6, L5 ×5, L7 ×1 (the one L7 a small group would out). Globex and Initech: bigger.
    const acme = await addCompany(db, 'acme');
    for (let i = 0; i < 6; i++) await report(acme, 'L4', 'Springfield', 100_000 + i * 1000);
    for (let i = 0; i < 5; i++) await report(acme, 'L5', 'Springfield', 140_000 + i * 1000);
    await report(acme, 'L7', 'Springfield', 480_000);
    for (const slug of ['globex', 'initech']) {
      const id = await addCompany(db, slug);
      for (let i = 0; i < 7; i++)
        await report(id, 'L4', i < 5 ? 'Springfield' : 'Shelbyville', 95_000 + i * 1000);
      for (let i = 0; i < 6; i++) await report(id, 'L5', 'Springfield', 150_000 + i * 1000);
    }
    await f.etl();
    truth = new Map(
      (
        await f.rows(
          'SELECT company_slug, job_family, level, year, count(*) AS n FROM fact_salary_company GROUP BY ALL',
        )
      ).map((r) => [companyCellId(r as never), Number(r.n)]),
    );
    for (const r of await f.rows(
      'SELECT company_slug, job_family, year, count(*) AS n FROM fact_salary_company GROUP BY ALL',
    ))
      truth.set(splitCellId(r as never), Number(r.n));
  }, 180_000);
  afterAll(() => f.close());

  const published = async (): Promise<PublishedSalaryTables> => {
    const typed = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({
        ...r,
        year: Number(r.year),
        contributors: r.contributors === null ? null : Number(r.contributors),
      }));
    return {
      byCompany: typed(
        await f.rows('SELECT * FROM pub_salary_by_company'),
      ) as PublishedSalaryTables['byCompany'],
      byCity: typed(await f.rows('SELECT * FROM pub_salary_by_city')) as PublishedSalaryTables['byCity'],
      split: typed(await f.rows('SELECT * FROM pub_salary_split')) as PublishedSalaryTables['split'],
    };
  };
  const acmeL7 = companyCellId({ company_slug: 'acme', job_family: 'engineering', level: 'L7', year: 2025 });

  it('without complementary suppression, the lone L7 falls out of the margins', async () => {
    await f.publish({ complementary: false });
    const tables = await published();
    expect(tables.byCompany.find((r) => companyCellId(r) === acmeL7)?.suppressed).toBe(true);
    const recovered = solveAttack(salaryAttackEquations(tables));
    expect(recovered.get(acmeL7)).toBe(1);
    expect(recovered.get(acmeL7)).toBe(truth.get(acmeL7));
  });

  it('with it, no suppressed cell can be derived from anything published', async () => {
    const release = await f.publish();
    expect(release.complementarySuppressed).toBeGreaterThan(0);
    const tables = await published();
    expect(tables.byCompany.find((r) => companyCellId(r) === acmeL7)?.suppressed).toBe(true);
    expect([...solveAttack(salaryAttackEquations(tables)).keys()]).toEqual([]);
    // Every suppressed row carries no statistic at all.
    for (const row of (await f.rows('SELECT * FROM pub_salary_by_company WHERE suppressed')) as Record<
      string,
      unknown
    >[])
      expect([row.contributors, row.p25, row.p50, row.p75, row.p90]).toEqual([null, null, null, null, null]);
  });
});
