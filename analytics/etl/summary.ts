// What one ETL run did: rows per outcome, batches, and where the time went. Returned by runEtl and
// printed by the CLI; the benchmark reads the stage times.
import type { ClaimKind } from './claims.ts';
import { Outcome, type OutcomeCode } from './deidentify.ts';

export interface EtlProgress {
  phase: ClaimKind | 'recover' | 'rebuild';
  done: number;
  total: number;
}

export type ProgressListener = (progress: EtlProgress) => void;

export const STAGES = ['extract', 'arrow', 'enrich', 'deidentify', 'claim', 'load', 'finish'] as const;
export type Stage = (typeof STAGES)[number];

export interface RowCounts {
  loaded: number;
  /** Deleted (or the author left) before it was ever loaded. */
  deleted: number;
  /** General board or canary thread: no company cell. */
  noCompany: number;
  /** The author/reporter link had died: nobody to count. */
  unattributable: number;
  /** Every cell it belongs to had closed (key died) before it was loaded. */
  closed: number;
  unconvertibleCurrency: number;
  removed: number;
  /** Its contribution could not be removed: the link or the cell key had died. It stays counted. */
  unremovable: number;
}

export interface EtlSummary {
  posts: RowCounts;
  salaries: RowCounts;
  botEvents: { loaded: number };
  batches: number;
  /** Batches claimed by an earlier, interrupted run and finished by this one. */
  recoveredBatches: number;
  tombstonesDeleted: number;
  authorBoxesCleared: number;
  rebuild?: RebuildSummary;
  stagesMs: Record<Stage, number>;
  totalMs: number;
}

export interface RebuildSummary {
  /** Post cells starting on or after this day were re-derived (others are kept as they are). */
  postCellsFrom: string;
  /** Salary cells of these submission years were re-derived. */
  salaryKeyYears: number[];
  postsRederived: number;
  salariesRederived: number;
  enrichmentChanged: number;
  rowsDeleted: number;
}

export const emptyCounts = (): RowCounts => ({
  loaded: 0,
  deleted: 0,
  noCompany: 0,
  unattributable: 0,
  closed: 0,
  unconvertibleCurrency: 0,
  removed: 0,
  unremovable: 0,
});

export function emptySummary(): EtlSummary {
  return {
    posts: emptyCounts(),
    salaries: emptyCounts(),
    botEvents: { loaded: 0 },
    batches: 0,
    recoveredBatches: 0,
    tombstonesDeleted: 0,
    authorBoxesCleared: 0,
    stagesMs: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    totalMs: 0,
  };
}

/** Adds a load batch's outcomes to the counts. */
export function countLoad(counts: RowCounts, outcome: Uint8Array): void {
  for (const code of outcome) {
    switch (code as OutcomeCode) {
      case Outcome.contributed:
        counts.loaded++;
        break;
      case Outcome.deleted:
        counts.deleted++;
        break;
      case Outcome.noCompany:
      case Outcome.canary:
        counts.noCompany++;
        break;
      case Outcome.unattributable:
        counts.unattributable++;
        break;
      case Outcome.closed:
        counts.closed++;
        break;
      case Outcome.unconvertibleCurrency:
        counts.unconvertibleCurrency++;
        break;
      case Outcome.notContributing:
        break;
    }
  }
}

/** Adds a removal batch's outcomes: contributed = removed, anything else = could not be removed. */
export function countRemoval(counts: RowCounts, outcome: Uint8Array): void {
  for (const code of outcome) {
    if (code === Outcome.contributed) counts.removed++;
    else if (code !== Outcome.notContributing) counts.unremovable++;
  }
}

/** A stopwatch that adds into summary.stagesMs. Timing only: no window or expiry depends on it. */
export function timer(summary: EtlSummary) {
  return async <T>(stage: Stage, fn: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      summary.stagesMs[stage] += performance.now() - started;
    }
  };
}
