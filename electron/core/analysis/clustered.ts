/**
 * Intervals for a share when the trials come in clusters: repetitions of one
 * item are not independent (an item hard for the model is hard on every
 * repetition), so a share over trials is only as certain as its items allow.
 *
 * The interval is Korn and Graubard's (1998): Clopper–Pearson on the
 * effective sample size n_eff = p(1 − p) / var(p), where var(p) is the
 * item-clustered (cluster-robust) variance of the share, shrunk by the
 * degrees of freedom the items give: n_eff · (t_{n−1} / t_{K−1})². It is what
 * R's survey::svyciprop(method = "beta") computes, with the truncation the
 * NCHS data presentation standards for proportions (Parker et al. 2017) add:
 * n_eff is n when the share is 0 or 1, or when the items happened to vary less
 * than independent trials would (n_eff > n). Being Clopper–Pearson, it stays
 * inside [0, 1] and keeps its coverage near 0 and 1, where a Wald interval
 * (p ± t·se) collapses.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { IntervalMethod } from '../../../shared/domain/analysis';
import { wilsonInterval } from './intervals';

/** One item's count: how many of its trials were counted, and how many of them succeeded. */
export interface ItemCount {
  successes: number;
  trials: number;
}

export interface ClusteredShare {
  /** Σ successes / Σ trials; null with no trial. */
  value: number | null;
  low: number | null;
  high: number | null;
  method: IntervalMethod;
  /** Items with at least one trial counted. */
  items: number;
  trials: number;
  /**
   * var(clustered) / var(independent trials): how many times less certain the
   * share is than independent trials would make it; null where not computed
   * (Wilson, or a share of 0 or 1).
   */
  designEffect: number | null;
  /** The trials' worth of independent evidence the interval was drawn from (n_eff after the df correction); null under Wilson. */
  effectiveTrials: number | null;
}

const ALPHA = 0.05;

/** Does any item have more than one trial counted? Then repetitions cluster and Wilson's independence does not hold. */
export function itemsRepeat(counts: readonly ItemCount[]): boolean {
  return counts.some((c) => c.trials > 1);
}

/**
 * A share over items, with its 95% interval: Wilson where each item is met
 * at most once (trials are then independent draws of items), Korn–Graubard
 * clustered by item where an item is met more than once. With a single item
 * there is no spread between items to measure, and the interval is Wilson's
 * over its repetitions: it speaks for that item alone.
 */
export function itemShare(counts: readonly ItemCount[], method: IntervalMethod = itemsRepeat(counts) ? 'item-clustered' : 'wilson'): ClusteredShare {
  const used = counts.filter((c) => c.trials > 0);
  const successes = used.reduce((sum, c) => sum + c.successes, 0);
  const trials = used.reduce((sum, c) => sum + c.trials, 0);
  const base = { items: used.length, trials };
  if (trials === 0) return { value: null, low: null, high: null, method, designEffect: null, effectiveTrials: null, ...base };
  const value = successes / trials;
  if (method === 'wilson' || used.length < 2) {
    const { low, high } = wilsonInterval(successes, trials);
    return { value, low, high, method: 'wilson', designEffect: null, effectiveTrials: null, ...base };
  }
  const { low, high, designEffect, effectiveTrials } = kornGraubard(used, value, trials);
  return { value, low, high, method: 'item-clustered', designEffect, effectiveTrials, ...base };
}

/**
 * The cluster-robust variance of a ratio Σy/Σm over K clusters (the
 * linearisation survey::svymean uses with ids = ~item):
 * K/(K − 1) · Σ (y_i − p·m_i)² / (Σ m)².
 */
export function clusteredVariance(counts: readonly ItemCount[], value: number, trials: number): number {
  const k = counts.length;
  const sum = counts.reduce((acc, c) => acc + (c.successes - value * c.trials) ** 2, 0);
  return (k / (k - 1)) * (sum / (trials * trials));
}

function kornGraubard(counts: readonly ItemCount[], value: number, trials: number) {
  const variance = clusteredVariance(counts, value, trials);
  const binomial = (value * (1 - value)) / trials;
  const degenerate = value === 0 || value === 1 || variance <= 0;
  const designEffect = degenerate ? null : variance / binomial;
  // NCHS truncation: never more evidence than there are trials.
  const effective = degenerate ? trials : Math.min(trials, (value * (1 - value)) / variance);
  const dfRatio = tQuantile(1 - ALPHA / 2, trials - 1) / tQuantile(1 - ALPHA / 2, counts.length - 1);
  const n = effective * dfRatio * dfRatio;
  const x = value * n;
  return {
    low: x <= 0 ? 0 : betaQuantile(ALPHA / 2, x, n - x + 1),
    high: x >= n ? 1 : betaQuantile(1 - ALPHA / 2, x + 1, n - x),
    designEffect,
    effectiveTrials: n,
  };
}

/** One item's contribution to a mean over trials: the sum of its values and how many trials it holds. */
export interface ItemSum {
  sum: number;
  weight: number;
}

export interface ClusteredMean {
  items: number;
  /** Σ weight: the trials (or pairs) the mean is over. */
  weight: number;
  /** Σ sum / Σ weight. */
  mean: number;
  /** Item-clustered 95% interval, inside `range`. */
  low: number;
  high: number;
  /** Cluster-robust standard error; 0 when every item has the same mean, NaN with fewer than two items. */
  standardError: number;
}

/**
 * A mean over trials grouped by item, with an item-clustered 95% interval:
 * mean ± t(0.975, K − 1) · se, se² = K/(K − 1) · Σ (sum_i − mean·weight_i)² / (Σ weight)²
 * (survey::svymean's linearisation with ids = ~item; with equal weights, the
 * one-sample t interval on the items' means), cut to `range`.
 *
 * When every item has the same mean v the spread is zero and says nothing;
 * the interval is then what "none of K items differed from v" allows: a
 * share π of items that differ, at most the Clopper–Pearson bound
 * 1 − 0.025^(1/K), moves the mean at most to v − π(v − lo) or v + π(hi − v).
 * With one item there is no spread between items to measure: the interval is the whole range.
 */
export function clusteredMean(items: readonly ItemSum[], range: readonly [number, number]): ClusteredMean {
  const used = items.filter((item) => item.weight > 0);
  const [lo, hi] = range;
  const k = used.length;
  const weight = used.reduce((acc, item) => acc + item.weight, 0);
  const mean = weight === 0 ? 0 : used.reduce((acc, item) => acc + item.sum, 0) / weight;
  if (k < 2) return { items: k, weight, mean, low: lo, high: hi, standardError: Number.NaN };
  const squares = used.reduce((acc, item) => acc + (item.sum - mean * item.weight) ** 2, 0);
  const standardError = Math.sqrt((k / (k - 1)) * squares) / weight;
  if (!(standardError > 1e-12 * Math.max(1, Math.abs(mean)))) {
    const share = 1 - (ALPHA / 2) ** (1 / k);
    return { items: k, weight, mean, low: mean - share * (mean - lo), high: mean + share * (hi - mean), standardError: 0 };
  }
  const half = tQuantile(1 - ALPHA / 2, k - 1) * standardError;
  return { items: k, weight, mean, low: Math.max(lo, mean - half), high: Math.min(hi, mean + half), standardError };
}
