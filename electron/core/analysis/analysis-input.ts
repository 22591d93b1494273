/** What an experiment's analysis reads: its cells, their summaries, the finished trials and (only when asked) every call. */
import type { CellSummary } from '../../../shared/domain/results';
import type { CellSpec } from '../../../shared/domain/spec';
import type { AnalysisCall, TrialResultRow } from '../store/types';

export interface AnalysisInput {
  cells: readonly CellSpec[];
  summaries: readonly CellSummary[];
  trials: readonly TrialResultRow[];
  /** Every call with its answer; read from the database on first use, since most figures never need it. */
  calls: () => readonly AnalysisCall[];
}

/** Calls read at most once, on first use. */
export function lazyCalls(read: () => AnalysisCall[]): () => readonly AnalysisCall[] {
  let calls: AnalysisCall[] | null = null;
  return () => (calls ??= read());
}
