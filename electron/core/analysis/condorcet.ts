/**
 * What Condorcet's jury theorem predicts for a majority vote, item by item,
 * and whether a measured vote agrees.
 *
 * A strict majority of n answers is right when more than n/2 of them are
 * right. Wrong answers that coincide do not matter for that: whether the
 * wrong ones agree or scatter, fewer than n/2 right answers is no right
 * majority (a plurality rule is different: there coinciding wrong answers
 * can beat a right answer that has fewer than n/2 votes). So with answers
 * independent given the item, each right with the item's own probability p_i,
 * P(majority right on item i) = P(Binomial(n, p_i) > n/2), and a vote's
 * accuracy is that averaged over items: the binomial mixed over the items.
 *
 * p_i is unknown; what we have is c_i right answers out of m single-agent
 * answers on the item. Plugging in c_i/m reads the curve wrongly (the tail is
 * not linear in p). The unbiased estimate, for n ≤ m, is the hypergeometric
 * tail: the probability that n answers drawn without replacement from the m
 * have a right majority (its expectation over c_i ~ Binomial(m, p_i) is exactly
 * P(Binomial(n, p_i) > n/2)). The textbook Condorcet curve instead uses one p
 * for every item, the mean accuracy, as if errors were independent.
 */
import { Z95 } from './intervals';

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials.push(logFactorials[k - 1]! + Math.log(k));
  return logFactorials[n]!;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** P(X > n/2) for X ~ Binomial(n, p). */
export function binomialMajority(n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let k = Math.floor(n / 2) + 1; k <= n; k++) sum += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
  return Math.min(1, sum);
}

/**
 * P(X > n/2) for X ~ Hypergeometric(m answers, c right, n drawn): the
 * unbiased estimate of binomialMajority(n, p) from c right answers of m.
 */
export function hypergeometricMajority(n: number, correct: number, answers: number): number {
  if (!Number.isInteger(n) || n < 1 || n > answers) throw new RangeError(`need 1 ≤ n ≤ m answers, got n = ${n}, m = ${answers}`);
  const total = logChoose(answers, n);
  let sum = 0;
  for (let k = Math.floor(n / 2) + 1; k <= Math.min(n, correct); k++) {
    if (n - k > answers - correct) continue;
    sum += Math.exp(logChoose(correct, k) + logChoose(answers - correct, n - k) - total);
  }
  return Math.min(1, sum);
}

/** How many of an item's single-agent answers were right. */
export interface ItemCounts {
  correct: number;
  answers: number;
}

export interface MajorityPrediction {
  n: number;
  /** Mean over items of the hypergeometric tail: the unbiased item-level prediction. */
  itemLevel: number;
  /** Mean over items of binomialMajority(n, c_i/m): the plug-in, biased. */
  plugIn: number;
  /** binomialMajority(n, mean accuracy): as if every item were alike and errors independent. */
  independent: number;
  /** The item-level prediction of each item, in order. */
  perItem: number[];
}

export function predictMajority(items: readonly ItemCounts[], n: number): MajorityPrediction {
  const perItem = items.map((i) => hypergeometricMajority(n, i.correct, i.answers));
  const meanAccuracy = items.reduce((sum, i) => sum + i.correct / i.answers, 0) / items.length;
  return {
    n,
    itemLevel: average(perItem),
    plugIn: average(items.map((i) => binomialMajority(n, i.correct / i.answers))),
    independent: binomialMajority(n, meanAccuracy),
    perItem,
  };
}

export interface Comparison {
  measured: number;
  predicted: number;
  /** Mean of measured − predicted over items. */
  difference: number;
  /** Half-width of the interval around `difference` (z · SD/√items, items as clusters). */
  halfWidth: number;
  /** The interval around the difference contains 0: the prediction is within the measurement's interval. */
  agrees: boolean;
}

/**
 * Measured vote correctness (one vote per item) against a prediction, item by
 * item: d_i = right_i − predicted_i, whose mean is 0 when the prediction is
 * unbiased. Treating items as the unit (clusters) counts both the vote's
 * randomness and the prediction's own noise from its finite m, and nothing
 * assumes the items alike. `predicted` is one number per item, or one for all.
 */
export function compareItemwise(measured: readonly boolean[], predicted: readonly number[] | number, z = Z95): Comparison {
  const p = typeof predicted === 'number' ? measured.map(() => predicted) : predicted;
  if (p.length !== measured.length || measured.length < 2) throw new RangeError('need one prediction per measured item, and at least two items');
  const d = measured.map((right, i) => (right ? 1 : 0) - p[i]!);
  const difference = average(d);
  const variance = d.reduce((sum, x) => sum + (x - difference) ** 2, 0) / (d.length - 1);
  const halfWidth = z * Math.sqrt(variance / d.length);
  const measuredRate = average(measured.map((right) => (right ? 1 : 0)));
  return { measured: measuredRate, predicted: average(p), difference, halfWidth, agrees: Math.abs(difference) <= halfWidth };
}

function average(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
