// The subtraction attacker of P6, working from published tables only: it writes every sum it knows
// (published totals minus published parts) as a linear equation over the suppressed cells and
// solves the system. Whatever it pins down to one value, it has recovered.

export interface AttackEquation {
  /** Suppressed cells in the equation, with their coefficients. */
  unknowns: Map<string, number>;
  /** What the unknowns' weighted sum must equal, from published numbers. */
  constant: number;
}

/** Gaussian elimination with right-hand sides: every unknown that the system determines, with its value. */
export function solveAttack(equations: readonly AttackEquation[]): Map<string, number> {
  const ids = [...new Set(equations.flatMap((e) => [...e.unknowns.keys()]))];
  const col = new Map(ids.map((id, i) => [id, i]));
  const rows = equations
    .filter((e) => e.unknowns.size > 0)
    .map((e) => {
      const line = new Float64Array(ids.length + 1);
      for (const [id, coef] of e.unknowns) line[col.get(id)!]! += coef;
      line[ids.length] = e.constant;
      return line;
    });
  const eps = 1e-9;
  const pivots: [number, number][] = [];
  let r = 0;
  for (let c = 0; c < ids.length && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && Math.abs(row[c]!) > eps);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let k = 0; k <= ids.length; k++) pivot[k]! /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![c]!) <= eps) continue;
      const factor = rows[i]![c]!;
      for (let k = 0; k <= ids.length; k++) rows[i]![k]! -= factor * pivot[k]!;
    }
    pivots.push([r, c]);
    r++;
  }
  const solved = new Map<string, number>();
  for (const [row, c] of pivots) {
    const line = rows[row]!;
    let others = 0;
    for (let k = 0; k < ids.length; k++) if (k !== c && Math.abs(line[k]!) > eps) others++;
    if (others === 0) solved.set(ids[c]!, line[ids.length]!);
  }
  return solved;
}

export interface PublishedSalaryTables {
  byCompany: {
    company_slug: string;
    job_family: string;
    level: string;
    year: number;
    contributors: number | null;
    suppressed: boolean;
  }[];
  byCity: {
    city: string;
    job_family: string;
    year: number;
    contributors: number | null;
    suppressed: boolean;
  }[];
  split: {
    company_slug: string;
    job_family: string;
    year: number;
    contributors: number | null;
    suppressed: boolean;
  }[];
}

export const companyCellId = (r: { company_slug: string; job_family: string; level: string; year: number }) =>
  `level:${r.company_slug}/${r.job_family}/${r.level}/${r.year}`;
export const splitCellId = (r: { company_slug: string; job_family: string; year: number }) =>
  `split:${r.company_slug}/${r.job_family}/${r.year}`;
export const cityCellId = (r: { city: string; job_family: string; year: number }) =>
  `city:${r.city}/${r.job_family}/${r.year}`;

/** Σ levels = split per company × family × year; Σ cities = Σ splits per family × year. */
export function salaryAttackEquations(t: PublishedSalaryTables): AttackEquation[] {
  const equations: AttackEquation[] = [];
  const add = (
    terms: { id: string; coef: number; row: { contributors: number | null; suppressed: boolean } }[],
  ) => {
    const unknowns = new Map<string, number>();
    let constant = 0;
    for (const term of terms) {
      if (term.row.suppressed) unknowns.set(term.id, (unknowns.get(term.id) ?? 0) + term.coef);
      else constant -= term.coef * Number(term.row.contributors);
    }
    equations.push({ unknowns, constant });
  };
  for (const split of t.split) {
    const levels = t.byCompany.filter(
      (l) =>
        l.company_slug === split.company_slug && l.job_family === split.job_family && l.year === split.year,
    );
    add([
      ...levels.map((l) => ({ id: companyCellId(l), coef: 1, row: l })),
      { id: splitCellId(split), coef: -1, row: split },
    ]);
  }
  for (const key of new Set(t.split.map((s) => `${s.job_family}\u0000${s.year}`))) {
    const [family, year] = key.split('\u0000');
    add([
      ...t.byCity
        .filter((c) => c.job_family === family && String(c.year) === year)
        .map((c) => ({ id: cityCellId(c), coef: 1, row: c })),
      ...t.split
        .filter((s) => s.job_family === family && String(s.year) === year)
        .map((s) => ({ id: splitCellId(s), coef: -1, row: s })),
    ]);
  }
  return equations;
}
