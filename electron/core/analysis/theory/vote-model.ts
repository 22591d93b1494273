/**
 * Each item's chance that a vote of n agents is right, from the item's own
 * answers where it has at least n of them, and from a Beta posterior of its
 * accuracy beyond (docs/theory.md, "Condorcet with correlated errors").
 *
 * The prior is fitted to all items at once. Item accuracies p_i are taken as
 * Beta(a, b): its mean is the agents' accuracy μ and its intraclass
 * correlation 1/(a + b + 1) is ρ, the correlation of two answers to the same
 * item (method of moments: the Beta-binomial's own parameters). Each item's
 * answers update it to Beta(a + right, b + wrong). For a plurality the
 * wrong answers also need a model: among an item's non-right answers, the
 * next one repeats an earlier one in proportion to its count, or is new with
 * weight θ (a Dirichlet process, i.e. a Chinese restaurant); two wrong
 * answers of one item coincide with probability 1/(1 + θ), which fixes θ
 * from the pooled share of coinciding wrong pairs.
 */
import { hypergeometricMajority } from '../condorcet';
import { correlationOf, NO_ANSWER, type ItemAnswers } from './answers';
import { pluralityRows } from './plurality-model';

export type VoteRule = 'majority' | 'plurality';

/** The Beta distribution of item accuracy every item's posterior starts from. */
export interface BetaPrior {
  /** Beta(a, b) of item accuracy. */
  a: number;
  b: number;
  /** Mean accuracy μ = a / (a + b) (answers pooled, pair-weighted when items have several). */
  accuracy: number;
  /** ρ between two answers to the same item (any trials), pooled over items. */
  itemRho: number;
}

/** The population model of a plurality: the Beta prior, and how an item's wrong answers coincide. */
export interface VotePrior extends BetaPrior {
  /** Concentration of an item's wrong answers: two coincide with probability 1/(1 + θ). */
  theta: number;
}

/** ρ this small or smaller is treated as items all alike (the Beta becomes a near point mass). */
const MIN_RHO = 1e-4;
const MAX_RHO = 0.999;
/** Accuracy is kept this far inside (0, 1) so that the Beta stays proper. */
const EDGE = 1e-6;

/** The prior from the items' pooled answers. */
export function fitVotePrior(items: readonly ItemAnswers[]): VotePrior {
  return { ...fitBetaPrior(items), theta: wrongAnswerConcentration(items) };
}

/** The Beta prior alone (what a majority needs), from the items as drawn in `weights` (default: each once). */
export function fitBetaPrior(items: readonly ItemAnswers[], weights?: ArrayLike<number>): BetaPrior {
  const weight = (i: number) => (weights ? weights[i]! : 1);
  let pairs = 0;
  let firstWrong = 0;
  let bothWrong = 0;
  let answers = 0;
  let correct = 0;
  items.forEach((item, i) => {
    const w = weight(i);
    const m = item.answers;
    const wrong = m - item.correct;
    pairs += w * m * (m - 1);
    firstWrong += w * (m - 1) * wrong;
    bothWrong += w * wrong * (wrong - 1);
    answers += w * m;
    correct += w * item.correct;
  });
  // Pair-weighted accuracy matches ρ's own weighting; with one answer per item there are no pairs, and the plain share is all there is.
  const accuracy = pairs > 0 ? 1 - firstWrong / pairs : answers > 0 ? correct / answers : 0.5;
  const itemRho = pairs > 0 ? correlationOf({ pairs, firstWrong, bothWrong }) : 0;
  const rho = Math.min(MAX_RHO, Math.max(MIN_RHO, itemRho));
  const mu = Math.min(1 - EDGE, Math.max(EDGE, accuracy));
  const strength = 1 / rho - 1;
  return { a: mu * strength, b: (1 - mu) * strength, accuracy, itemRho };
}

/** θ from the share of coinciding pairs among each item's non-right answers; 1 (half coincide) when no item has two. */
function wrongAnswerConcentration(items: readonly ItemAnswers[]): number {
  let same = 0;
  let pairs = 0;
  for (const item of items) {
    let wrong = 0;
    for (let code = NO_ANSWER; code < item.codeCounts.length; code++) {
      const count = item.codeCounts[code] ?? 0;
      same += count * (count - 1);
      wrong += count;
    }
    pairs += wrong * (wrong - 1);
  }
  if (pairs === 0) return 1;
  const agreement = same / pairs;
  return Math.min(1e3, Math.max(1e-3, 1 / Math.max(agreement, 1e-3) - 1));
}

/**
 * One row per item (in the order given), one column per size: the item's
 * chance that a vote of that size is right under the rule. `seed` drives the
 * plurality's simulation (a majority is computed exactly).
 */
export function itemVoteProbabilities(items: readonly ItemAnswers[], sizes: readonly number[], rule: VoteRule, seed: number, prior = fitVotePrior(items)): number[][] {
  return rule === 'majority' ? majorityRows(items, sizes, prior) : pluralityRows(items, sizes, prior, seed);
}

/**
 * One row per item (in the order given), one column per size: the item's
 * chance that a majority of that size is right. From its own answers up to
 * their count (the hypergeometric tail: unbiased), from its Beta posterior beyond.
 */
export function majorityRows(items: readonly ItemAnswers[], sizes: readonly number[], prior: BetaPrior): number[][] {
  // Items with the same counts have the same prediction: cache by (right, answers, n).
  const cache = new Map<string, number>();
  return items.map((item) =>
    sizes.map((n) => {
      const key = `${item.correct}/${item.answers}/${n}`;
      let value = cache.get(key);
      if (value === undefined) {
        value =
          n <= item.answers
            ? hypergeometricMajority(n, item.correct, item.answers)
            : betaBinomialMajority(n, prior.a + item.correct, prior.b + item.answers - item.correct);
        cache.set(key, value);
      }
      return value;
    }),
  );
}

/** P(K = k) for k = 0…n, K ~ Beta-binomial(n, α, β): the binomial averaged over p ~ Beta(α, β). `into` (n + 1 long or more) is reused when given. */
export function betaBinomialPmf(n: number, alpha: number, beta: number, into?: Float64Array): Float64Array {
  // Terms by the ratio of successive ones, then normalised: no logarithms (this runs in every bootstrap resample).
  // Terms are rescaled when they grow too large for a double, which a very sure item does over 64 votes.
  const pmf = into && into.length >= n + 1 ? into : new Float64Array(n + 1);
  let term = 1;
  let total = 0;
  for (let k = 0; k <= n; k++) {
    pmf[k] = term;
    total += term;
    if (term > 1e250) {
      for (let j = 0; j <= k; j++) pmf[j]! *= 1e-250;
      total *= 1e-250;
      term *= 1e-250;
    }
    if (k < n) term *= ((n - k) * (k + alpha)) / ((k + 1) * (n - k - 1 + beta));
  }
  for (let k = 0; k <= n; k++) pmf[k]! /= total;
  return pmf;
}

/** P(K > n/2) for K ~ Beta-binomial(n, α, β): the binomial majority averaged over p ~ Beta(α, β). */
export function betaBinomialMajority(n: number, alpha: number, beta: number): number {
  const pmf = betaBinomialPmf(n, alpha, beta);
  let tail = 0;
  for (let k = Math.floor(n / 2) + 1; k <= n; k++) tail += pmf[k]!;
  return Math.min(1, Math.max(0, tail));
}
