/**
 * What a finished experiment measured, arranged for prediction: each
 * measured candidate's per-item accuracy (repetitions averaged: items are
 * the unit), its mean tokens and critical path, and for each pool (a vote of
 * alike voters) every voter's answer per item and how long and how many
 * tokens its calls took.
 */
import type { AgentAnswer } from '../analysis/theory/condorcet-correlated';
import type { CallTotals, VoterCall } from '../store/recommendation-records';
import type { TrialResultRow } from '../store/types';

export interface CellMeasure {
  candidateIndex: number;
  /** Mean correctness per item, in the order of `Evidence.items`; NaN where the cell did not meet the item. */
  perItem: Float64Array;
  /** Trials counted (failed ones included, as not correct). */
  trials: number;
  /** Over finished trials. */
  meanTokens: number;
  meanLatencyMs: number;
  meanCalls: number;
  meanMessages: number;
}

export interface PoolEvidence {
  candidateIndex: number;
  /** Voters in the pool's vote. */
  voters: number;
  /** Every voter's answer, one trial per (item, repetition). */
  answers: AgentAnswer[];
  /** Service times of the voters' calls, ms. */
  durations: number[];
  /** Mean tokens of one voter's call. */
  tokensPerCall: number;
}

export interface Evidence {
  experimentId: string;
  /** The items met, ascending. */
  items: number[];
  measured: Map<number, CellMeasure>;
  pools: Map<number, PoolEvidence>;
  /** Calls and tokens the experiment spent. */
  calls: number;
  tokens: number;
}

export interface EvidenceInput {
  experimentId: string;
  trials: readonly TrialResultRow[];
  /** Calls and tokens of the whole experiment. */
  totals: CallTotals;
  /** Experiment cell index → candidate index, for the cells that stand for candidates. */
  candidateOf: ReadonlyMap<number, number>;
  /** The cells whose voters' answers are pools: how many voters each has, and their first calls (finished trials only). */
  pools: ReadonlyArray<{ cellIndex: number; voters: number; calls: readonly VoterCall[] }>;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function gatherEvidence(input: EvidenceInput): Evidence {
  const items = [...new Set(input.trials.map((t) => t.itemIndex))].sort((a, b) => a - b);
  const column = new Map(items.map((item, i) => [item, i]));
  const measured = new Map<number, CellMeasure>();
  const byCell = new Map<number, TrialResultRow[]>();
  for (const trial of input.trials) {
    const list = byCell.get(trial.cellIndex);
    if (list) list.push(trial);
    else byCell.set(trial.cellIndex, [trial]);
  }
  for (const [cellIndex, trials] of byCell) {
    const candidateIndex = input.candidateOf.get(cellIndex);
    if (candidateIndex === undefined) continue;
    const sums = new Float64Array(items.length);
    const counts = new Float64Array(items.length);
    for (const trial of trials) {
      const i = column.get(trial.itemIndex)!;
      // A failed trial gave no right answer: it counts as not correct, as the summary counts it.
      sums[i]! += trial.status === 'done' && trial.correct ? 1 : 0;
      counts[i]! += 1;
    }
    const done = trials.filter((t) => t.status === 'done');
    measured.set(candidateIndex, {
      candidateIndex,
      perItem: sums.map((sum, i) => (counts[i]! > 0 ? sum / counts[i]! : Number.NaN)),
      trials: trials.length,
      meanTokens: average(done.map((t) => t.tokensIn + t.tokensOut)),
      meanLatencyMs: average(done.map((t) => t.criticalPathMs)),
      meanCalls: average(done.map((t) => t.calls)),
      meanMessages: average(done.flatMap((t) => (t.messages === null ? [] : [t.messages]))),
    });
  }
  return { experimentId: input.experimentId, items, measured, pools: poolsOf(input), calls: input.totals.calls, tokens: input.totals.tokens };
}

function poolsOf(input: EvidenceInput): Map<number, PoolEvidence> {
  const pools = new Map<number, PoolEvidence>();
  for (const { cellIndex, voters, calls } of input.pools) {
    const candidateIndex = input.candidateOf.get(cellIndex);
    if (candidateIndex === undefined) continue;
    // A failed call is left out of the answers: the vote's rule counts only replies.
    const ok = calls.filter((c) => c.status === 'ok');
    pools.set(candidateIndex, {
      candidateIndex,
      voters,
      answers: ok.map((c) => ({ itemIndex: c.itemIndex, trial: `${c.itemIndex}:${c.repetition}`, agent: c.agentIndex, answer: c.answer, correct: c.correct })),
      durations: ok.map((c) => c.durationMs),
      tokensPerCall: average(calls.map((c) => c.tokens)),
    });
  }
  return pools;
}
