// Primary suppression (P6): a cell is published only with at least K_ANON distinct contributors.
// Counts are the true ones (before any noise), so the threshold itself is never noisy.

export interface ProtectedCell {
  contributors: number;
  suppressed: boolean;
  /** A pseudo cell is a derivable total (a month's posts), not a published row. */
  pseudo?: boolean;
  /** Cells suppressed together with this one (a month total is hidden only with all its topic cells). */
  alsoSuppress?: number[];
}

export function primarySuppression(cells: ProtectedCell[], k: number): number {
  let suppressed = 0;
  for (const cell of cells) {
    if (!cell.pseudo && cell.contributors < k && !cell.suppressed) {
      cell.suppressed = true;
      suppressed++;
    }
  }
  return suppressed;
}
