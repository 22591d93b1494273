/**
 * Condorcet's jury theorem with correlated errors, from the agents' own
 * answers (docs/theory.md).
 *
 * Answers of one model to one item are taken as exchangeable draws: each
 * right with the item's own probability p_i, independent given the item
 * (as they are at a sampling temperature). Items differ, and that spread is
 * what correlates two agents' errors: P(both wrong) = E[(1 − p_i)²] >
 * (E[1 − p_i])². The spread is summarised by ρ, and a vote's accuracy is the
 * binomial mixed over the items' p_i.
 *
 * Where an item has at least n answers, the vote of n is read from the
 * answers themselves (without replacement: unbiased whatever p_i looks
 * like; for a majority, condorcet.ts's hypergeometric tail). Beyond that the
 * item's p_i is a Beta posterior: the prior is the Beta distribution of item
 * accuracy whose mean is the agents' accuracy and whose intraclass
 * correlation is ρ (a Beta(a, b) mixture of binomials has ρ = 1/(a + b + 1)),
 * updated by the item's own right and wrong answers.
 */
import type { CondorcetFit, CurvePoint } from '../../../../shared/domain/analysis';
import { itemAnswerCounts, pairedErrorCorrelation, type ItemAnswers } from './answers';
import { clopperPearson } from './clopper-pearson';
import { voteCurve } from './vote-curve';
import type { VoteRule } from './vote-model';

export interface AgentAnswer {
  itemIndex: number;
  /**
   * One team's answers to one trial share it, e.g. `${cell}:${item}:${rep}`.
   * For a single agent's repetitions, pass `${cell}:${item}` to count its
   * repetitions of one item as one team of exchangeable answers.
   */
  trial: string;
  agent: number;
  /** The extracted answer; null when the reply gave none (it counts as wrong, and abstains in a plurality). */
  answer: string | null;
  correct: boolean;
}

export interface ErrorCorrelation {
  /**
   * Pearson correlation of "wrong" between two different agents of one trial,
   * over every such pair in every trial, pooled over items (each pair counts
   * once; not centred per item, so item difficulty counts).
   */
  rho: number;
  /** 95% percentile-bootstrap interval, resampling items (each with all its trials). */
  low: number;
  high: number;
  /** Pairs counted. */
  pairs: number;
  /**
   * 'trial' when some trial holds two or more answers; 'item' when none does
   * (every answer its own trial), so pairs were taken across the trials of one
   * item instead, which is the same correlation when answers are independent given the item.
   */
  pairing?: 'trial' | 'item';
}

export interface PredictOptions {
  /** Seeds the bootstrap and the plurality's Monte Carlo; the same seed gives the same curve. Default 1. */
  seed?: number;
  /** Bootstrap resamples of the items for the band. Default 400. */
  resamples?: number;
}

/** Resamples of the items for a band: enough for steady 95% percentiles at the cost of a results call. */
const DEFAULT_RESAMPLES = 400;

/** The pairwise error correlation ρ of these answers, with a bootstrap interval over items. */
export function errorCorrelation(answers: readonly AgentAnswer[], options: Pick<PredictOptions, 'seed' | 'resamples'> = {}): ErrorCorrelation {
  return pairedErrorCorrelation(answers, options.seed ?? 1, options.resamples ?? DEFAULT_RESAMPLES);
}

/**
 * n / (1 + (n − 1)ρ): how many independent agents n agents with error
 * correlation ρ are worth (the design effect of a cluster of n). ρ ≤ 0 gives n.
 */
export function effectiveSize(n: number, rho: number): number {
  if (n <= 0) return 0;
  const r = Math.min(1, Math.max(0, rho));
  return n / (1 + (n - 1) * r);
}

/**
 * Predicted accuracy of a vote of n of these agents, for each n, with 95%
 * bands from a bootstrap over items (the items' predictions resampled, so the
 * band counts both which items were met and how few answers each had).
 * `majority`: right when more than n/2 of the n answers are right (an
 * answer-less reply counts against). `plurality`: the most frequent answer
 * wins, ties drawn at random, answer-less replies abstain; here wrong answers
 * that coincide matter, so the answers themselves are used, not just right or wrong.
 * Failed calls should not be passed: the prediction is for votes whose calls succeed.
 * Each answer must be its own draw: cells of one experiment share seeds, so
 * agent k of a vote of 3 and of a vote of 5 gave the same answer to the same
 * item and repetition; pass it once (`firstRoundAnswers` in condorcet-fit.ts does).
 */
export function predictVote(answers: readonly AgentAnswer[], sizes: readonly number[], rule: VoteRule, options: PredictOptions = {}): CurvePoint[] {
  const items = itemAnswerCounts(answers);
  if (items.length === 0 || sizes.length === 0) return [];
  return voteCurve(items, sizes, rule, options.seed ?? 1, options.resamples ?? DEFAULT_RESAMPLES).curve;
}

/**
 * The share β of items on which every answer was wrong bounds the accuracy
 * of any team that picks one of its agents' answers at 1 − β. With more
 * answers per item fewer items are all wrong, so the ceiling is for teams of
 * about `answersPerItem` agents. Clopper–Pearson 95% interval, items as trials.
 */
export function coFailureCeiling(answers: readonly AgentAnswer[]): CondorcetFit['ceiling'] {
  return ceilingOf(itemAnswerCounts(answers));
}

export function ceilingOf(items: readonly ItemAnswers[]): CondorcetFit['ceiling'] {
  const allWrong = items.filter((i) => i.correct === 0).length;
  const share = items.length === 0 ? 0 : allWrong / items.length;
  const interval = clopperPearson(allWrong, items.length);
  return {
    allWrongShare: share,
    allWrongItems: allWrong,
    ceiling: 1 - share,
    ceilingLow: 1 - interval.high,
    ceilingHigh: 1 - interval.low,
    items: items.length,
    answersPerItem: median(items.map((i) => i.answers)),
  };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
