// Complementary suppression (P6): no suppressed cell may follow from what is published. Each
// Equation says that a signed sum of cells is zero (e.g. the level cells of a company × family × year
// minus its split cell); published cells in it are known, suppressed ones unknown. The attacker's
// three tools are all closed off here, iterating until nothing changes:
//   1. an equation with one unknown gives it by subtraction → suppress a second cell in it;
//   2. unknowns that are each ≥ 1 and sum to their count are all 1 → suppress one more;
//   3. several equations combined (Gaussian elimination over each connected set of unknowns) pin
//      one down → suppress another cell in an equation that holds it.
// Complements are the published cells with the fewest contributors, real rows before pseudo totals.
import type { ProtectedCell } from './kanon.ts';

export interface Term {
  cell: number;
  coef: 1 | -1;
  /** The additive statistic the equation is about (contributors, posts), true value. */
  value: number;
}

export interface Equation {
  terms: Term[];
}

const EPS = 1e-9;

export function complementarySuppression(cells: ProtectedCell[], equations: readonly Equation[]): number {
  let added = 0;
  const suppress = (index: number): void => {
    const cell = cells[index]!;
    if (cell.suppressed) return;
    cell.suppressed = true;
    added++;
    for (const other of cell.alsoSuppress ?? []) {
      if (!cells[other]!.suppressed) {
        cells[other]!.suppressed = true;
        added++;
      }
    }
  };
  const complementIn = (equation: Equation): boolean => {
    let best: Term | undefined;
    for (const term of equation.terms) {
      const cell = cells[term.cell]!;
      if (cell.suppressed) continue;
      if (!best || better(cell, term, cells[best.cell]!, best)) best = term;
    }
    if (!best) return false;
    suppress(best.cell);
    return true;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const unknown = equation.terms.filter((t) => cells[t.cell]!.suppressed);
      if (unknown.length === 0) continue;
      if (unknown.length === 1 || allOnes(unknown)) changed = complementIn(equation) || changed;
    }
    if (changed) continue;
    for (const index of determinedCells(cells, equations)) {
      const holding = equations.find(
        (e) => e.terms.some((t) => t.cell === index) && e.terms.some((t) => !cells[t.cell]!.suppressed),
      );
      if (holding && complementIn(holding)) {
        changed = true;
        break;
      }
    }
  }
  return added;
}

function better(cell: ProtectedCell, term: Term, bestCell: ProtectedCell, bestTerm: Term): boolean {
  if (!!cell.pseudo !== !!bestCell.pseudo) return !cell.pseudo;
  if (cell.contributors !== bestCell.contributors) return cell.contributors < bestCell.contributors;
  return term.value < bestTerm.value;
}

/** Same-signed unknowns, each at least 1, whose sum equals their number: every one of them is 1. */
function allOnes(unknown: Term[]): boolean {
  if (unknown.length < 2) return false;
  const sign = unknown[0]!.coef;
  if (unknown.some((t) => t.coef !== sign)) return false;
  return Math.abs(unknown.reduce((sum, t) => sum + t.value, 0) - unknown.length) < EPS;
}

/**
 * Suppressed cells whose value the equations determine (any linear combination isolating one of
 * them). Works per connected set of unknowns; the right-hand sides do not matter for this.
 */
export function determinedCells(cells: readonly ProtectedCell[], equations: readonly Equation[]): number[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const rows: Term[][] = [];
  for (const equation of equations) {
    const unknown = equation.terms.filter((t) => cells[t.cell]!.suppressed);
    if (unknown.length === 0) continue;
    rows.push(unknown);
    for (const term of unknown) if (!parent.has(term.cell)) parent.set(term.cell, term.cell);
    for (const term of unknown.slice(1)) {
      const a = find(unknown[0]!.cell);
      const b = find(term.cell);
      if (a !== b) parent.set(a, b);
    }
  }
  const components = new Map<number, Term[][]>();
  for (const row of rows) {
    const root = find(row[0]!.cell);
    if (!components.has(root)) components.set(root, []);
    components.get(root)!.push(row);
  }
  const determined: number[] = [];
  for (const component of components.values()) determined.push(...solvedUnknowns(component));
  return determined;
}

/** Gaussian elimination to reduced row echelon form; a pivot row with a single entry pins its unknown. */
function solvedUnknowns(rows: Term[][]): number[] {
  const columns = [...new Set(rows.flatMap((row) => row.map((t) => t.cell)))];
  const at = new Map(columns.map((cell, i) => [cell, i]));
  const matrix = rows.map((row) => {
    const line = new Float64Array(columns.length);
    for (const term of row) line[at.get(term.cell)!]! += term.coef;
    return line;
  });
  let pivotRow = 0;
  const pivots: [number, number][] = [];
  for (let col = 0; col < columns.length && pivotRow < matrix.length; col++) {
    let best = -1;
    for (let r = pivotRow; r < matrix.length; r++) {
      if (
        Math.abs(matrix[r]![col]!) > EPS &&
        (best < 0 || Math.abs(matrix[r]![col]!) > Math.abs(matrix[best]![col]!))
      )
        best = r;
    }
    if (best < 0) continue;
    [matrix[pivotRow], matrix[best]] = [matrix[best]!, matrix[pivotRow]!];
    const pivot = matrix[pivotRow]!;
    const scale = pivot[col]!;
    for (let c = 0; c < columns.length; c++) pivot[c]! /= scale;
    for (let r = 0; r < matrix.length; r++) {
      if (r === pivotRow) continue;
      const factor = matrix[r]![col]!;
      if (Math.abs(factor) <= EPS) continue;
      const line = matrix[r]!;
      for (let c = 0; c < columns.length; c++) line[c]! -= factor * pivot[c]!;
    }
    pivots.push([pivotRow, col]);
    pivotRow++;
  }
  const solved: number[] = [];
  for (const [r, col] of pivots) {
    const line = matrix[r]!;
    let others = 0;
    for (let c = 0; c < columns.length; c++) if (c !== col && Math.abs(line[c]!) > EPS) others++;
    if (others === 0) solved.push(columns[col]!);
  }
  return solved;
}
