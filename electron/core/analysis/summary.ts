/** Per-cell summaries and chart-ready series, computed from finished trials. */
import type { CellSpec } from '../../../shared/domain/spec';
import type { CellSummary, ChartSeries, XYSeries } from '../../../shared/domain/results';
import type { TrialResultRow } from '../store/types';
import { mean } from './intervals';
import { asShare, cellOutcomes } from './outcomes';

const DEFINITIONS =
  'Accuracy is the share of all finished trials whose team answer was correct: a wrong answer, no answer and a failed trial are each not correct. Beside it, accuracy over completed trials leaves the failed ones out, and the failure and no-answer rates are each a share of all trials. Validity is the share of the team\'s answers that were correct (trials without an answer left out); liveness is the share of trials in which the team gave an answer at all (failed trials count as none).';
const CLUSTERED =
  'Bands and brackets are 95% intervals clustered by item (Korn–Graubard: Clopper–Pearson on the effective number of trials, since repetitions of an item are not independent).';
const WILSON = 'Bands and brackets are 95% Wilson score intervals over trials (each item was met once).';
const MIXED =
  'Bands and brackets are 95% intervals: clustered by item (Korn–Graubard) for cells that met an item more than once, since repetitions of an item are not independent; Wilson score intervals for cells that met each item once.';
const LATENCY = 'Latency is the mean critical-path time: the longest chain of model calls, queue wait excluded.';

/** The caption for any experiment: what each figure is and both interval methods. */
export const SUMMARY_METHOD = `${DEFINITIONS} ${MIXED} ${LATENCY}`;

/** The caption for these cells: it names the interval method the bands drawn use. */
export function summaryMethod(summaries: readonly CellSummary[]): string {
  const methods = new Set(summaries.filter((cell) => cell.trials > 0).map((cell) => cell.intervalMethod));
  const intervals = methods.size === 1 ? (methods.has('wilson') ? WILSON : CLUSTERED) : MIXED;
  return `${DEFINITIONS} ${intervals} ${LATENCY}`;
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
    const outcomes = cellOutcomes(all);
    const { accuracy, validity, liveness } = outcomes;
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
      completed: done.length,
      correct: done.filter((r) => r.correct).length,
      noAnswer: done.filter((r) => r.finalAnswer === null).length,
      items: outcomes.items,
      accuracy: accuracy.value,
      ciLow: accuracy.low,
      ciHigh: accuracy.high,
      intervalMethod: outcomes.method,
      designEffect: accuracy.designEffect,
      completedAccuracy: asShare(outcomes.completedAccuracy),
      failureRate: asShare(outcomes.failureRate),
      noAnswerRate: asShare(outcomes.noAnswerRate),
      // Validity and liveness, kept apart as distributed systems keep safety and liveness apart.
      answered: validity.trials,
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
