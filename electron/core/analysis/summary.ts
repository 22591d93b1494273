/** Per-cell summaries and chart-ready series, computed from finished trials. */
import type { CellSpec } from '../../../shared/domain/spec';
import type { CellSummary, ChartSeries, XYSeries } from '../../../shared/domain/results';
import type { TrialResultRow } from '../store/types';
import { mean, wilsonInterval } from './intervals';

export const SUMMARY_METHOD =
  'Accuracy is the share of all trials whose team answer was correct: a wrong answer, no answer and a failed trial are each not correct, and the table (and each point\'s tooltip) counts trials without an answer and failed trials apart. Validity is the share of the team\'s answers that were correct (trials without an answer left out); liveness is the share of trials in which the team gave an answer at all (failed trials count as none). Bands and brackets are 95% Wilson score intervals over trials (repetitions of an item are treated as independent). Latency is the mean critical-path time: the longest chain of model calls, queue wait excluded.';

/** A share with its 95% Wilson interval; nulls when nothing was counted. */
function share(successes: number, trials: number): { value: number | null; low: number | null; high: number | null } {
  if (trials <= 0) return { value: null, low: null, high: null };
  const { low, high } = wilsonInterval(successes, trials);
  return { value: successes / trials, low, high };
}

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
    // Validity and liveness, kept apart as distributed systems keep safety and liveness apart.
    const answered = done.filter((r) => r.finalAnswer !== null).length;
    const validity = share(correct, answered);
    const liveness = share(answered, all.length);
    return {
      cellIndex: cell.index,
      structure: cell.structure,
      params: cell.params,
      size: cell.size,
      aggregate: cell.aggregate,
      label: cell.label,
      teamLabel: cell.teamLabel,
      faults: cell.faults,
      trials: all.length,
      failed: all.length - done.length,
      correct,
      noAnswer: done.filter((r) => r.finalAnswer === null).length,
      accuracy: all.length > 0 ? correct / all.length : null,
      ciLow: interval?.low ?? null,
      ciHigh: interval?.high ?? null,
      answered,
      validity: validity.value,
      validityLow: validity.low,
      validityHigh: validity.high,
      liveness: liveness.value,
      livenessLow: liveness.low,
      livenessHigh: liveness.high,
      meanCriticalPathMs: mean(done.map((r) => r.criticalPathMs)),
      meanWallMs: mean(done.map((r) => r.wallMs)),
      meanTokens: mean(done.map((r) => r.tokensIn + r.tokensOut)),
      meanCalls: mean(done.map((r) => r.calls)),
      meanMessages: mean(done.flatMap((r) => (r.messages === null ? [] : [r.messages]))),
      meanRounds: mean(done.flatMap((r) => (r.rounds === null ? [] : [r.rounds]))),
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
    entry.points.push({ size: cell.size, accuracy: cell.accuracy, ciLow: cell.ciLow, ciHigh: cell.ciHigh, trials: cell.trials, noAnswer: cell.noAnswer, failed: cell.failed });
  }
  for (const entry of series.values()) entry.points.sort((a, b) => a.size - b.size);
  return [...series.values()];
}

function xySeries(summaries: readonly CellSummary[], point: (cell: CellSummary) => { x: number; y: number; low?: number; high?: number } | null): XYSeries[] {
  const series = new Map<string, XYSeries>();
  for (const cell of summaries) {
    const xy = point(cell);
    if (xy === null) continue;
    let entry = series.get(cell.label);
    if (!entry) series.set(cell.label, (entry = { label: cell.label, structure: cell.structure, points: [] }));
    entry.points.push({ ...xy, size: cell.size, trials: cell.trials, noAnswer: cell.noAnswer, failed: cell.failed });
  }
  for (const entry of series.values()) entry.points.sort((a, b) => a.x - b.x);
  return [...series.values()];
}

/** Accuracy against mean tokens per trial: which structure buys accuracy cheapest. */
export function costFrontier(summaries: readonly CellSummary[]): XYSeries[] {
  return xySeries(summaries, (cell) =>
    cell.accuracy === null || cell.meanTokens === null || cell.ciLow === null || cell.ciHigh === null
      ? null
      : { x: cell.meanTokens, y: cell.accuracy, low: cell.ciLow, high: cell.ciHigh },
  );
}

/** Mean critical-path latency against team size. */
export function latencyBySize(summaries: readonly CellSummary[]): XYSeries[] {
  return xySeries(summaries, (cell) => (cell.meanCriticalPathMs === null ? null : { x: cell.size, y: cell.meanCriticalPathMs }));
}
