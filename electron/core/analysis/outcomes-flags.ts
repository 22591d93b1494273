/**
 * Cells whose failure rate stands apart from the other cells'. A failed
 * trial counts as not correct in strict accuracy, so a cell that fails more
 * looks worse at answering than it is; the flag says so, with what to do.
 *
 * Each cell's failed and completed trials are set against the other cells'
 * pooled, in Fisher's exact test (two-sided), and the p-values are
 * Holm-adjusted across the cells tested; a cell is flagged when its adjusted
 * p-value is below 0.05 and it fails more often than the others. (A cell that
 * fails less is not flagged: when one cell fails far more than the rest, every
 * other cell fails less than the pooled rest, and the table's failure column
 * shows the rates anyway.) The test treats trials as independent: failures
 * are mostly of calls (a server's error, a timeout), not of items; where they
 * gather on some items the p-value is too small, so the flag is a prompt to
 * look, not a result.
 */
import type { FailureFlag } from '../../../shared/domain/analysis';
import type { CellSummary } from '../../../shared/domain/results';
import { fisherExact } from './exact-tests';
import { holm } from './holm';

const pct = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const pValueText = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

function message(cell: CellSummary, rate: number, othersRate: number, pAdjusted: number): string {
  return `${cell.label} (n = ${cell.size}) failed ${pct(rate)} of its trials against ${pct(othersRate)} in the other cells (Fisher's exact test, Holm-adjusted ${pValueText(pAdjusted)}). Its strict accuracy (${pct(cell.accuracy)}) counts every failed trial as not correct; over completed trials it is ${pct(cell.completedAccuracy.value)}. Read both before comparing it with other cells, and open its failed trials to see why they failed (a timeout, a server error, a leader that could not split the task): if the cause is the setup rather than the team, fix it and resume with retry-failed.`;
}

/**
 * Cells flagged: Fisher's exact test against the other cells pooled, Holm
 * across every cell tested, adjusted p < 0.05, failing more than the others.
 */
export function failureFlags(summaries: readonly CellSummary[]): FailureFlag[] {
  const tested = summaries.filter((cell) => cell.trials > 0);
  const totalFailed = tested.reduce((sum, cell) => sum + cell.failed, 0);
  const totalTrials = tested.reduce((sum, cell) => sum + cell.trials, 0);
  if (tested.length < 2 || totalFailed === 0) return [];
  const rows = tested.map((cell) => {
    const othersFailed = totalFailed - cell.failed;
    const othersTrials = totalTrials - cell.trials;
    const pValue = fisherExact({ a: cell.failed, b: cell.trials - cell.failed, c: othersFailed, d: othersTrials - othersFailed });
    return { cell, othersFailed, othersTrials, pValue };
  });
  const adjusted = holm(rows.map((r) => r.pValue));
  return rows.flatMap(({ cell, othersFailed, othersTrials, pValue }, i) => {
    const pAdjusted = adjusted[i]!;
    const failureRate = cell.failed / cell.trials;
    const othersRate = othersTrials === 0 ? 0 : othersFailed / othersTrials;
    if (!(pAdjusted < 0.05) || !(failureRate > othersRate)) return [];
    return [
      {
        cellIndex: cell.cellIndex,
        label: cell.label,
        failed: cell.failed,
        trials: cell.trials,
        failureRate,
        othersRate,
        othersFailed,
        othersTrials,
        pValue,
        pAdjusted,
        message: message(cell, failureRate, othersRate, pAdjusted),
      } satisfies FailureFlag,
    ];
  });
}
