/**
 * Every candidate's predicted accuracy per item, tokens and critical-path
 * latency from what a pilot (or any experiment) measured, and the basis of
 * each prediction in words (docs/recommend.md, "What each prediction rests on").
 *
 * - Majority and plurality votes of alike voters: Condorcet with correlated
 *   errors, from the pool's answers (electron/core/analysis/theory): for
 *   sizes up to the pool's answers per item, read from the answers
 *   themselves; beyond, from each item's Beta posterior.
 * - Every other family: its anchors are measured; between them, a plurality
 *   vote of the same agents at the cell's size (Condorcet, from the pool)
 *   plus the paired per-item difference measured at the anchors,
 *   interpolated in log size. Without a pool of the same agents, the
 *   anchors' own accuracies, interpolated in log size.
 * - A cell the pilot ran is its measurement, except a Condorcet vote, which
 *   keeps its model (at the pool's own size the model is the measurement).
 *
 * Predictions are kept per item so that intervals and paired differences
 * come from resampling the pilot's items, every candidate together.
 */
import { itemAnswerCounts, type ItemAnswers } from '../analysis/theory/answers';
import { effectiveSize } from '../analysis/theory/condorcet-correlated';
import { fitVotePrior, itemVoteProbabilities, type VotePrior } from '../analysis/theory/vote-model';
import type { Candidate, CandidateGrid, Family } from './candidates';
import { fitTokenLaw, interpolateLogSize, logSizeWeights, roundsLatency, tokensOf } from './cost-model';
import type { CellMeasure, Evidence, PoolEvidence } from './evidence';
import { fmt, points } from './words';

export interface CandidatePrediction {
  candidate: Candidate;
  /** Predicted accuracy on each of the evidence's items, in its order. */
  rows: Float64Array;
  tokens: number;
  latencyMs: number;
  basis: string;
  measured: CellMeasure | null;
}

export interface PredictionSet {
  predictions: CandidatePrediction[];
  /** Candidates nothing measured can speak for, with why. */
  unpredictable: Array<{ candidate: Candidate; reason: string }>;
}

export interface PredictOptions {
  seed: number;
  /** How the measured experiment is named in words: "the pilot" or "this experiment". */
  where: string;
}

interface PoolModel {
  pool: PoolEvidence;
  candidate: Candidate;
  items: ItemAnswers[];
  prior: VotePrior;
  measured: CellMeasure | null;
}

export function predictCandidates(grid: CandidateGrid, evidence: Evidence, options: PredictOptions): PredictionSet {
  const pools = poolModels(grid, evidence);
  const predictions: CandidatePrediction[] = [];
  const unpredictable: PredictionSet['unpredictable'] = [];
  for (const family of grid.families) {
    const pool = family.voterKey === null ? undefined : pools.get(family.voterKey);
    const made = family.condorcetRule !== null && pool ? condorcetFamily(family, family.condorcetRule, pool, evidence, options) : anchoredFamily(family, pool, evidence, options);
    predictions.push(...made.predictions);
    unpredictable.push(...made.unpredictable);
  }
  predictions.sort((a, b) => a.candidate.candidateIndex - b.candidate.candidateIndex);
  return { predictions, unpredictable };
}

function poolModels(grid: CandidateGrid, evidence: Evidence): Map<string, PoolModel> {
  const models = new Map<string, PoolModel>();
  for (const pool of evidence.pools.values()) {
    const candidate = grid.candidates[pool.candidateIndex];
    const family = grid.families.find((f) => f.key === candidate?.familyKey);
    if (!candidate || !family?.voterKey || models.has(family.voterKey)) continue;
    const counted = new Map(itemAnswerCounts(pool.answers).map((item) => [item.itemIndex, item]));
    const items = evidence.items.map((itemIndex) => counted.get(itemIndex) ?? { itemIndex, answers: 0, correct: 0, codes: new Int32Array(0), codeCounts: [0, 0] });
    models.set(family.voterKey, { pool, candidate, items, prior: fitVotePrior(items), measured: evidence.measured.get(pool.candidateIndex) ?? null });
  }
  return models;
}

/** Per-item vote accuracy at each size, as rows of `Float64Array`s by size. */
function voteColumns(pool: PoolModel, sizes: readonly number[], rule: 'majority' | 'plurality', seed: number): Float64Array[] {
  const rows = itemVoteProbabilities(pool.items, sizes, rule, seed, pool.prior);
  return sizes.map((_, s) => Float64Array.from(rows, (row) => row[s]!));
}

function poolLatency(pool: PoolModel, candidate: Candidate): number {
  const modelled = roundsLatency(pool.pool.durations, { rounds: candidate.rounds, calls: candidate.calls });
  // Calibrated on the pool's own measured critical path (the engine's timeline, not just the calls).
  const poolModelled = roundsLatency(pool.pool.durations, { rounds: pool.candidate.rounds, calls: pool.candidate.calls });
  const calibration = pool.measured && poolModelled > 0 ? pool.measured.meanLatencyMs / poolModelled : 1;
  return modelled * calibration;
}

function condorcetFamily(family: Family, rule: 'majority' | 'plurality', pool: PoolModel, evidence: Evidence, options: PredictOptions): PredictionSet {
  const sizes = family.members.map((m) => m.cell.size);
  const columns = voteColumns(pool, sizes, rule, options.seed);
  const perItem = Math.round(pool.items.reduce((s, i) => s + i.answers, 0) / Math.max(1, pool.items.length));
  const rho = pool.prior.itemRho;
  const predictions = family.members.map((candidate, s) => {
    const measured = evidence.measured.get(candidate.candidateIndex) ?? null;
    const n = candidate.cell.size;
    const read = n <= perItem ? 'read from the answers themselves' : `beyond the pool's ${perItem} answers per item, from each item's Beta posterior`;
    const basis =
      `Condorcet with correlated errors (${rule} rule) from the ${perItem} voters' answers per item of ${options.where}'s ${pool.candidate.cell.label} of ${pool.candidate.cell.size} on ${evidence.items.length} items, ${read}: ` +
      `errors correlate at ρ = ${fmt(rho, 2)}, so ${n} voters are worth ${fmt(effectiveSize(n, rho), 1)} independent ones. ` +
      `Tokens: ${Math.round(pool.pool.tokensPerCall)} per voter call × ${candidate.calls} calls; latency: the slowest of ${candidate.calls} voters' measured call times.`;
    return {
      candidate,
      rows: columns[s]!,
      tokens: measured ? measured.meanTokens : pool.pool.tokensPerCall * candidate.calls,
      latencyMs: measured ? measured.meanLatencyMs : poolLatency(pool, candidate),
      basis,
      measured,
    };
  });
  return { predictions, unpredictable: [] };
}

function measuredRows(measured: CellMeasure): Float64Array {
  // An item a cell missed (a trial never run) counts at the cell's own mean, so it neither helps nor hurts.
  const known = [...measured.perItem].filter((v) => !Number.isNaN(v));
  const mean = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  return measured.perItem.map((v) => (Number.isNaN(v) ? mean : v));
}

function anchoredFamily(family: Family, pool: PoolModel | undefined, evidence: Evidence, options: PredictOptions): PredictionSet {
  const anchors = family.members.flatMap((candidate) => {
    const measured = evidence.measured.get(candidate.candidateIndex);
    return measured ? [{ candidate, measured, rows: measuredRows(measured) }] : [];
  });
  if (anchors.length === 0) {
    return { predictions: [], unpredictable: family.members.map((candidate) => ({ candidate, reason: `${options.where} did not run any cell of ${candidate.cell.teamLabel}` })) };
  }
  const sizes = [...new Set(family.members.map((m) => m.cell.size))];
  const base = pool ? new Map(voteColumns(pool, sizes, 'plurality', options.seed).map((column, s) => [sizes[s]!, column])) : null;
  const anchorSizes = anchors.map((a) => a.candidate.cell.size);
  const deltas = anchors.map((a) => (base ? a.rows.map((v, i) => v - base.get(a.candidate.cell.size)![i]!) : a.rows));
  const law = fitTokenLaw(anchors.map((a) => ({ size: a.candidate.cell.size, calls: a.candidate.calls, messages: a.candidate.messages, tokens: a.measured.meanTokens })));
  const durations = pool?.pool.durations ?? [1];
  const scales = anchors.map((a) => ({ size: a.candidate.cell.size, value: a.measured.meanLatencyMs / Math.max(1e-9, roundsLatency(durations, a.candidate)) }));
  const predictions = family.members.map((candidate): CandidatePrediction => {
    const anchor = anchors.find((a) => a.candidate === candidate);
    if (anchor) {
      return { candidate, rows: anchor.rows, tokens: anchor.measured.meanTokens, latencyMs: anchor.measured.meanLatencyMs, basis: measuredBasis(anchor.measured, evidence, options), measured: anchor.measured };
    }
    const weights = logSizeWeights(anchorSizes, candidate.cell.size);
    const baseColumn = base?.get(candidate.cell.size);
    const rows = new Float64Array(evidence.items.length);
    for (let i = 0; i < rows.length; i++) {
      let value = baseColumn ? baseColumn[i]! : 0;
      weights.forEach((w, k) => (value += w * deltas[k]![i]!));
      rows[i] = Math.min(1, Math.max(0, value));
    }
    const latencyMs = roundsLatency(durations, candidate) * interpolateLogSize(scales, candidate.cell.size);
    return { candidate, rows, tokens: tokensOf(law, candidate.calls, candidate.messages), latencyMs, basis: anchoredBasis(candidate, anchors, deltas, law.words, Boolean(base), options), measured: null };
  });
  return { predictions, unpredictable: [] };
}

function measuredBasis(measured: CellMeasure, evidence: Evidence, options: PredictOptions): string {
  return `Measured in ${options.where}: ${measured.trials} trials on ${evidence.items.length} items (tokens and latency as measured).`;
}

function anchoredBasis(
  candidate: Candidate,
  anchors: ReadonlyArray<{ candidate: Candidate }>,
  deltas: readonly Float64Array[],
  tokenWords: string,
  withBase: boolean,
  options: PredictOptions,
): string {
  const at = anchors.map((a) => a.candidate.cell.size).join(' and ');
  const meanOf = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const accuracy = withBase
    ? `a plurality vote of the same agents at ${candidate.cell.size} (Condorcet, from the pool) plus the paired difference ${options.where} measured at ${at} agents (${anchors
        .map((a, k) => `${points(meanOf(deltas[k]!))} at ${a.candidate.cell.size}`)
        .join(', ')}), interpolated in log size`
    : `${options.where}'s accuracy at ${at} agents interpolated in log size (no vote of the same agents to anchor on)`;
  const width = candidate.calls / Math.max(1, candidate.rounds);
  return (
    `Anchored on ${options.where}'s ${candidate.cell.teamLabel} at ${at} agents: ${accuracy}. ` +
    `Tokens: ${tokenWords}, with the registry's ${candidate.calls} calls and ${candidate.messages} messages; ` +
    `latency: ${candidate.rounds} round${candidate.rounds === 1 ? '' : 's'} each as long as the slowest of ${fmt(width, 1)} calls, scaled to the anchors.`
  );
}
