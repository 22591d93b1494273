/** Paired comparisons between cells, cost-matched baselines and failure flags for an experiment. */
import type { CostMatchedBaseline, FailureFlag, PairedComparison } from '../../../../shared/domain/analysis';
import type { CellSummary } from '../../../../shared/domain/results';
import type { CellSpec } from '../../../../shared/domain/spec';
import type { TrialResultRow } from '../../store/types';
import type { AnalysisInput } from '../analysis-input';
import { adjustBaselines, costMatchedBaseline, samplesForTokens } from '../cost-matched';
import { ownAnswers, poolableVoters, withVoterAnswers, type AnswerPool } from '../cost-matched-pool';
import { failureFlags } from '../outcomes-flags';
import { singleBaseline, smallerBaseline } from './baselines';
import { adjustWithinKinds, compareCells, type ComparisonRequest } from './compare';
import { groupByCell } from './pairing';

export interface CellComparisons {
  comparisons: PairedComparison[];
  costMatched: CostMatchedBaseline[];
  failureFlags: FailureFlag[];
  /** Why a comparison or a baseline was not made, in words. */
  comparisonNotes: string[];
}

interface Context {
  input: AnalysisInput;
  rows: Map<number, TrialResultRow[]>;
  summaries: Map<number, CellSummary>;
  measured: (cellIndex: number) => boolean;
}

function contextOf(input: AnalysisInput): Context {
  const rows = groupByCell(input.trials);
  return { input, rows, summaries: new Map(input.summaries.map((s) => [s.cellIndex, s])), measured: (cellIndex) => (rows.get(cellIndex)?.length ?? 0) > 0 };
}

export function compareExperimentCells(input: AnalysisInput): CellComparisons {
  const context = contextOf(input);
  const notes: string[] = [];
  const measuredCells = input.cells.filter((cell) => context.measured(cell.index));
  const requests: ComparisonRequest[] = [];
  for (const cell of measuredCells) {
    const single = singleBaseline(cell, input.cells, context.measured);
    const singleCell = single && input.cells.find((c) => c.index === single.cellIndex);
    if (single && singleCell) requests.push({ kind: 'vs-single', cell, baseline: singleCell, reason: single.reason });
    const smaller = smallerBaseline(cell, input.cells, context.measured);
    const smallerCell = smaller && input.cells.find((c) => c.index === smaller.cellIndex);
    if (smaller && smallerCell) requests.push({ kind: 'vs-smaller', cell, baseline: smallerCell, reason: smaller.reason });
  }
  const comparisons = requests.flatMap((request) => {
    const result = compareCells(request, context.rows.get(request.cell.index) ?? [], context.rows.get(request.baseline.index) ?? []);
    if (result === null) notes.push(`${request.cell.label} (n = ${request.cell.size}) and ${request.baseline.label} share no trial (item and repetition), so they were not compared.`);
    return result === null ? [] : [result];
  });
  const costMatched = costMatchedBaselines(context, measuredCells, notes);
  const teams = measuredCells.filter((cell) => cell.structure !== 'single');
  if (teams.length > 0 && !comparisons.some((c) => c.kind === 'vs-single')) {
    notes.push('No fault-free single-agent cell of the teams\' model has finished trials, so no team was compared with one agent; add { "structure": "single" } to the spec\'s teams.');
  }
  return { comparisons: adjustWithinKinds(comparisons), costMatched: adjustBaselines(costMatched), failureFlags: failureFlags(input.summaries), comparisonNotes: notes };
}

function costMatchedBaselines(context: Context, measuredCells: readonly CellSpec[], notes: string[]): CostMatchedBaseline[] {
  const { input } = context;
  const pools = new Map<number, { own: AnswerPool; extended: AnswerPool | null }>();
  const poolFor = (single: CellSpec, k: number, items: readonly number[]): AnswerPool => {
    let entry = pools.get(single.index);
    if (!entry) pools.set(single.index, (entry = { own: ownAnswers(single, context.rows.get(single.index) ?? []), extended: null }));
    const short = items.some((item) => (entry.own.answers.get(item)?.length ?? 0) < k);
    if (!short || poolableVoters(single, input.cells).size === 0) return entry.own;
    // Read every call only when the single agent's own repetitions fall short of k somewhere.
    entry.extended ??= withVoterAnswers(entry.own, single, input.cells, input.calls());
    return entry.extended;
  };
  const baselines: CostMatchedBaseline[] = [];
  for (const team of measuredCells) {
    if (team.structure === 'single') continue;
    const choice = singleBaseline(team, input.cells, context.measured);
    const single = choice && input.cells.find((c) => c.index === choice.cellIndex);
    if (!single) continue;
    const teamSummary = context.summaries.get(team.index);
    const singleSummary = context.summaries.get(single.index);
    if (!teamSummary || !singleSummary) continue;
    const k = samplesForTokens(teamSummary.meanTokens, singleSummary.meanTokens);
    if (k === null) {
      notes.push(`${team.label} (n = ${team.size}): no cost-matched baseline, since no completed trial counted tokens for it or for ${single.label}.`);
      continue;
    }
    const teamRows = context.rows.get(team.index) ?? [];
    const items = [...new Set(teamRows.map((row) => row.itemIndex))];
    const baseline = costMatchedBaseline({ team, teamSummary, teamRows, single, singleSummary, samples: k, pool: poolFor(single, k, items) });
    if (baseline) baselines.push(baseline);
    else notes.push(`${team.label} (n = ${team.size}): no cost-matched baseline, since ${single.label} answered none of its items.`);
  }
  return baselines;
}

export type PickedComparison = { ok: true; comparison: PairedComparison } | { ok: false; code: 'not_found' | 'invalid_request'; message: string };

/**
 * A cell against a cell the user picked, on the trials they share. One
 * question asked on its own: pAdjusted is the p-value itself. A problem
 * (no such cell, the same cell twice, nothing shared) comes back in words.
 */
export function comparePickedCells(input: AnalysisInput, cellIndex: number, baselineCellIndex: number): PickedComparison {
  const range = input.cells.length === 0 ? 'it has no cells' : `its cells are numbered 0 to ${input.cells.length - 1}`;
  const cell = input.cells.find((c) => c.index === cellIndex);
  const baseline = input.cells.find((c) => c.index === baselineCellIndex);
  if (!cell) return { ok: false, code: 'not_found', message: `This experiment has no cell ${cellIndex}; ${range}.` };
  if (!baseline) return { ok: false, code: 'not_found', message: `This experiment has no cell ${baselineCellIndex} to compare with; ${range}.` };
  if (cell.index === baseline.index) return { ok: false, code: 'invalid_request', message: `Cell ${cellIndex} (${cell.label}) was picked twice; pick another cell to compare it with.` };
  const rows = groupByCell(input.trials);
  const comparison = compareCells({ kind: 'vs-picked', cell, baseline, reason: 'the cell you picked' }, rows.get(cell.index) ?? [], rows.get(baseline.index) ?? []);
  if (comparison === null) {
    return {
      ok: false,
      code: 'invalid_request',
      message: `${cell.label} (n = ${cell.size}) and ${baseline.label} (n = ${baseline.size}) have no finished trial on the same item and repetition, so there is nothing to pair; run the experiment further (or pick cells that ran on the same items).`,
    };
  }
  return { ok: true, comparison };
}
