/** Per-cell summaries and chart-ready series, computed from finished trials. */
import type { CellSpec } from '../../../shared/domain/spec';
import type { CellSummary, ChartSeries } from '../../../shared/domain/results';
import type { TrialResultRow } from '../store/types';
import { mean, wilsonInterval } from './intervals';

export const SUMMARY_METHOD =
  'Accuracy is the share of trials whose team answer was correct; failed trials count as wrong. Bands and brackets are 95% Wilson score intervals over trials (repetitions of an item are treated as independent). Latency is the mean critical-path time: the longest chain of model calls, queue wait excluded.';

export function summarizeCells(cells: readonly CellSpec[], rows: readonly TrialResultRow[]): CellSummary[] {
  const byCell = new Map<number, TrialResultRow[]>();
  for (const row of rows) {
    const list = byCell.get(row.cellIndex);
    if (list) list.push(row);
    else byCell.set(row.cellIndex, [row]);
  }
  return cells.map((cell) => {
    const all = byCell.get(cell.index) ?? [];
    const done = all.filter((r) => r.status === 'done');
    const correct = all.filter((r) => r.status === 'done' && r.correct).length;
    const interval = all.length > 0 ? wilsonInterval(correct, all.length) : null;
    return {
      cellIndex: cell.index,
      structure: cell.structure,
      size: cell.size,
      aggregate: cell.aggregate,
      label: cell.label,
      trials: all.length,
      failed: all.length - done.length,
      correct,
      accuracy: all.length > 0 ? correct / all.length : null,
      ciLow: interval?.low ?? null,
      ciHigh: interval?.high ?? null,
      meanCriticalPathMs: mean(done.map((r) => r.criticalPathMs)),
      meanWallMs: mean(done.map((r) => r.wallMs)),
      meanTokens: mean(done.map((r) => r.tokensIn + r.tokensOut)),
      meanCalls: mean(done.map((r) => r.calls)),
    };
  });
}

/** One series per structure label, points ordered by team size. */
export function accuracyBySize(summaries: readonly CellSummary[]): ChartSeries[] {
  const series = new Map<string, ChartSeries>();
  for (const cell of summaries) {
    if (cell.accuracy === null || cell.ciLow === null || cell.ciHigh === null) continue;
    let entry = series.get(cell.label);
    if (!entry) {
      entry = { label: cell.label, structure: cell.structure, points: [] };
      series.set(cell.label, entry);
    }
    entry.points.push({ size: cell.size, accuracy: cell.accuracy, ciLow: cell.ciLow, ciHigh: cell.ciHigh, trials: cell.trials });
  }
  for (const entry of series.values()) entry.points.sort((a, b) => a.size - b.size);
  return [...series.values()];
}
