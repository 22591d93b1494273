/**
 * The Condorcet fit of one voting team from an experiment's calls: which
 * answers it reads, the curve's sizes, the measured points, the words.
 */
import type { CondorcetFit, MeasuredPoint } from '../../../../shared/domain/analysis';
import type { CellSummary } from '../../../../shared/domain/results';
import type { CellSpec } from '../../../../shared/domain/cells';
import type { AnalysisCall } from '../../store/types';
import { itemAnswerCounts } from './answers';
import { ceilingOf, effectiveSize, errorCorrelation, type AgentAnswer } from './condorcet-correlated';
import { voteCurve } from './vote-curve';
import type { VoteRule } from './vote-model';
import { condorcetWords, exampleSize } from './words';
import type { Team } from './teams';

/** Resamples for the Condorcet bands: enough for steady 95% percentiles, few enough for a results call. */
const RESAMPLES = 300;
/** The curve reaches at least this size (the brief's "a vote of 31"), and at most 64. */
const HORIZON = 31;
const LARGEST = 64;

/** The rule a team's final answer is decided by, when Condorcet predicts it; null otherwise. */
export function condorcetRule(cell: CellSpec): VoteRule | null {
  if (cell.structure === 'vote') return cell.params.aggregate === 'majority' || cell.params.aggregate === 'plurality' ? cell.params.aggregate : null;
  if (cell.structure === 'debate') return cell.params.finalRule === 'majority' ? 'majority' : 'plurality';
  return null;
}

/**
 * The first answers the fit reads: every successful round-0 "solve" call of
 * the team's cells and its single agent, one per (item, repetition, agent
 * index). Trials of different cells share seeds (common random numbers), so
 * agent k of a vote of 3 and of a vote of 5 gave the same answer to the same
 * item and repetition: counted twice, it would pass for two agreeing agents.
 * The answers of one (item, repetition) form one trial of agents 0, 1, 2, …
 */
export function firstRoundAnswers(calls: readonly AnalysisCall[], cells: ReadonlySet<number>): AgentAnswer[] {
  const seen = new Set<string>();
  const answers: AgentAnswer[] = [];
  for (const call of calls) {
    if (!cells.has(call.cellIndex) || !isFirstAnswer(call)) continue;
    const key = `${call.itemIndex}:${call.repetition}:${call.agentIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    answers.push({ itemIndex: call.itemIndex, trial: `${call.itemIndex}:${call.repetition}`, agent: call.agentIndex, answer: call.answer, correct: call.correct === true });
  }
  return answers;
}

/** A successful first-round "solve" to the whole item: an agent's own first answer. */
export function isFirstAnswer(call: AnalysisCall): boolean {
  return call.round === 0 && call.intent === 'solve' && call.status === 'ok' && call.partIndex === null;
}

/** The sizes the curve is drawn at: 1, every odd size up to the horizon, and every size measured. */
export function condorcetSizes(measured: readonly number[]): number[] {
  const horizon = Math.min(LARGEST, Math.max(HORIZON, ...measured));
  const sizes = new Set<number>([1, ...measured.filter((n) => n <= LARGEST)]);
  for (let n = 3; n <= horizon; n += 2) sizes.add(n);
  return [...sizes].sort((a, b) => a - b);
}

export function condorcetFit(team: Team, rule: VoteRule, answers: readonly AgentAnswer[], summaries: ReadonlyMap<number, CellSummary>, seed: number): CondorcetFit {
  const items = itemAnswerCounts(answers);
  const sizes = condorcetSizes(team.cells.map((c) => c.size));
  const { curve, independent } = voteCurve(items, sizes, rule, seed, RESAMPLES);
  const rho = errorCorrelation(answers, { seed, resamples: RESAMPLES });
  const measuredCells = [...(team.single ? [team.single] : []), ...team.cells];
  const fit: Omit<CondorcetFit, 'words'> = {
    teamLabel: team.label,
    model: team.model,
    rule,
    agentAccuracy: items.reduce((sum, i) => sum + i.correct / i.answers, 0) / items.length,
    rho: rho.rho,
    rhoLow: rho.low,
    rhoHigh: rho.high,
    pairs: rho.pairs,
    items: items.length,
    answers: answers.length,
    answersPerItem: ceilingOf(items).answersPerItem,
    sourceCells: measuredCells.map((c) => c.index),
    effectiveSizes: sizes.map((n) => ({ n, nEff: effectiveSize(n, rho.rho) })),
    curve,
    independent: sizes.map((n, s) => ({ n, value: independent[s]! })),
    measured: measuredCells.flatMap((c) => measuredAccuracy(c, summaries.get(c.index))),
    ceiling: ceilingOf(items),
  };
  return { ...fit, words: condorcetWords(fit, exampleSize(team.cells.map((c) => c.size))) };
}

/** A cell's accuracy with its own interval, as the results table shows it (the interval switches to item-clustered with the summary). */
function measuredAccuracy(cell: CellSpec, summary: CellSummary | undefined): MeasuredPoint[] {
  if (!summary || summary.accuracy === null || summary.ciLow === null || summary.ciHigh === null) return [];
  return [{ n: cell.size, value: summary.accuracy, low: summary.ciLow, high: summary.ciHigh, cellIndex: cell.index }];
}
