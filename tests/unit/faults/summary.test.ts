/**
 * What a fault sweep reports: validity (are the team's answers right?) kept
 * apart from liveness (does it answer at all?), each with its interval;
 * accuracy against the number of faulty agents per team and size, with the
 * classical bounds for that size; and both in the CLI's table and JSON.
 */
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../electron/core/analysis/intervals';
import { accuracyByFaults, sweptFaultKind } from '../../../electron/core/analysis/fault-sweep';
import { summarizeCells } from '../../../electron/core/analysis/summary';
import type { TrialResultRow } from '../../../electron/core/store/types';
import { renderSummaryTable, summaryJson } from '../../../electron/headless/summary-output';
import type { Results } from '../../../shared/domain/results';
import { expandCells, parseExperimentSpec } from '../../../shared/domain/spec';

function cellsOf(teams: Array<Record<string, unknown>>, faults?: Record<string, unknown>) {
  const parsed = parseExperimentSpec({ name: 'sweep', tasks: { suite: 'arithmetic', count: 10 }, agents: { model: 'sim:default' }, teams, ...(faults ? { faults } : {}) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return expandCells(parsed.value);
}

type Outcome = 'correct' | 'wrong' | 'none' | 'failed';
function rows(cellIndex: number, outcomes: Outcome[]): TrialResultRow[] {
  return outcomes.map((o, itemIndex) => ({
    cellIndex, itemIndex, repetition: 0, status: o === 'failed' ? 'failed' : 'done', correct: o === 'correct', criticalPathMs: 10, wallMs: 1,
    tokensIn: 1, tokensOut: 1, calls: 1, finalAnswer: o === 'correct' ? '2' : o === 'wrong' ? '3' : null, messages: 0, rounds: 1,
  }));
}

const repeat = (outcome: Outcome, n: number): Outcome[] => Array(n).fill(outcome);

describe('validity and liveness', () => {
  it('counts right answers among answers given, and answers given among all trials (failed ones as none)', () => {
    const cells = cellsOf([{ structure: 'vote', sizes: [5], aggregate: 'majority' }], { byzantine: [0, 2] });
    const [summary] = summarizeCells(cells, rows(0, [...repeat('correct', 6), ...repeat('wrong', 2), 'none', 'failed']));
    expect(summary).toMatchObject({ trials: 10, answered: 8, correct: 6, accuracy: 0.6, validity: 0.75, liveness: 0.8 });
    expect([summary!.validityLow, summary!.validityHigh]).toEqual(Object.values(wilsonInterval(6, 8)));
    expect([summary!.livenessLow, summary!.livenessHigh]).toEqual(Object.values(wilsonInterval(8, 10)));
    // A team that stays right by falling silent: full validity, low liveness.
    const [silent] = summarizeCells(cells, rows(0, [...repeat('correct', 2), ...repeat('none', 8)]));
    expect(silent).toMatchObject({ validity: 1, liveness: 0.2 });
    // Before any answer there is no validity to speak of.
    const [none] = summarizeCells(cells, rows(0, ['none', 'failed']));
    expect(none).toMatchObject({ validity: null, validityLow: null, liveness: 0 });
  });
});

describe('accuracy by faults', () => {
  it('draws one series per team and size against f, with the n/2 and n/3 bounds of that size', () => {
    const cells = cellsOf([{ structure: 'vote', sizes: [5, 7], aggregate: 'majority' }, { structure: 'debate', sizes: [5], rounds: 1 }], { byzantine: [0, 1, 2], mode: 'colluding' });
    const data = cells.flatMap((cell) => rows(cell.index, [...repeat('correct', 10 - cell.faults.byzantine * 3), ...repeat('wrong', cell.faults.byzantine * 3)]));
    const series = accuracyByFaults(summarizeCells(cells, data));
    expect(series.map((s) => s.label)).toEqual(['vote (majority) · n=5 · colluding', 'vote (majority) · n=7 · colluding', 'debate (full) · n=5 · colluding']);
    expect(series[0]).toMatchObject({ teamLabel: 'vote (majority)', size: 5, faultKind: 'byzantine', faultBounds: { majority: 2.5, agreement: 5 / 3 } });
    expect(series[1]!.faultBounds).toEqual({ majority: 3.5, agreement: 7 / 3 });
    expect(series[0]!.points.map((p) => [p.x, p.y])).toEqual([[0, 1], [1, 0.7], [2, 0.4]]);
    expect(series[0]!.points[1]).toMatchObject({ low: wilsonInterval(7, 10).low, high: wilsonInterval(7, 10).high, trials: 10 });
  });

  it('draws the fault-free cell as f = 0 of every mode\'s line, however its mode was stored', () => {
    const colluding = cellsOf([{ structure: 'vote', sizes: [5], aggregate: 'majority' }], { byzantine: [0, 1, 2], mode: 'colluding' });
    const independent = cellsOf([{ structure: 'vote', sizes: [5], aggregate: 'majority' }], { byzantine: [1, 2] });
    // A fault-free cell read back from the store carries no mode of its own.
    const cells = [{ ...colluding[0]!, faults: { ...colluding[0]!.faults, mode: 'independent' as const } }, ...colluding.slice(1), ...independent.map((cell, k) => ({ ...cell, index: 3 + k }))];
    const data = cells.flatMap((cell) => rows(cell.index, [...repeat('correct', 10 - cell.faults.byzantine * 3), ...repeat('wrong', cell.faults.byzantine * 3)]));
    const series = accuracyByFaults(summarizeCells(cells, data));
    expect(series.map((s) => [s.label, s.points.map((p) => p.x)])).toEqual([
      ['vote (majority) · n=5 · colluding', [0, 1, 2]],
      ['vote (majority) · n=5', [0, 1, 2]],
    ]);
  });

  it('counts Byzantine agents, else crashed agents, else stragglers; other faults split the series', () => {
    const crash = cellsOf([{ structure: 'vote', sizes: [5], aggregate: 'plurality' }], { crash: [0, 1, 2], drop: [0, 0.2] });
    const summaries = summarizeCells(crash, crash.flatMap((c) => rows(c.index, ['correct'])));
    expect(sweptFaultKind(summaries)).toBe('crash');
    expect(accuracyByFaults(summaries).map((s) => [s.label, s.points.map((p) => p.x)])).toEqual([
      ['vote (plurality) · n=5', [0, 1, 2]],
      ['vote (plurality) · n=5 · drop=0.2', [0, 1, 2]],
    ]);
    const slow = cellsOf([{ structure: 'vote', sizes: [3], aggregate: 'plurality' }], { stragglers: [0, 1], delay: { meanMs: 100 } });
    expect(sweptFaultKind(summarizeCells(slow, []))).toBe('stragglers');
    const none = cellsOf([{ structure: 'vote', sizes: [3], aggregate: 'plurality' }]);
    expect(accuracyByFaults(summarizeCells(none, rows(0, ['correct'])))).toEqual([]);
  });
});

describe('the CLI summary', () => {
  it('shows validity and liveness in the table, and faults with both in the JSON', () => {
    const cells = cellsOf([{ structure: 'vote', sizes: [5], aggregate: 'majority' }], { byzantine: [0, 3], mode: 'colluding' });
    const summaries = summarizeCells(cells, [...rows(0, [...repeat('correct', 3), 'none']), ...rows(1, ['wrong', 'none', 'none', 'failed'])]);
    const results: Results = { experimentId: 'e', name: 'sweep', status: 'completed', cells: summaries, accuracyBySize: [], costFrontier: [], latencyBySize: [], accuracyByFaults: [], method: 'm', hardware: [], comparisons: [], costMatched: [], failureFlags: [], comparisonNotes: [], theory: { condorcet: [], amdahl: [], usl: [], notes: [] }, jobs: null };
    const table = renderSummaryTable(results).split('\n');
    expect(table[1]).toMatch(/accuracy\s+95% CI\s+completed\s+failed\s+no answer\s+validity\s+liveness/);
    expect(table[3]).toMatch(/^vote \(majority\)\s+5\s+4\s+75\.0%.*\s100\.0%\s+75\.0%/);
    // Completed accuracy 0 of 3, one failed trial of 4, two without an answer; validity 0 of 1, liveness 1 of 4.
    expect(table[4]).toMatch(/^vote \(majority\) · f=3 colluding\s+5\s+4\s+0\.0%\s+\[.*\]\s+0\.0%\s+25\.0%\s+50\.0%\s+0\.0%\s+25\.0%/);
    const json = summaryJson(results);
    expect(json.cells[1]).toMatchObject({ teamLabel: 'vote (majority)', faults: { byzantine: 3, mode: 'colluding' }, validity: 0, liveness: 0.25, answered: 1 });
  });
});
