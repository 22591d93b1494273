/**
 * The difference between two cells on the trials they share, item by item.
 * Trials of different cells with the same item and repetition share their
 * seeds (common random numbers), so the pair is the unit of comparison and
 * the item the unit of independence: repetitions of one item are averaged
 * within it, and the spread between items gives the interval.
 *
 * With K items, M pairs and D_i the sum of an item's paired differences, the
 * difference is D̄ = Σ D_i / M with the item-clustered interval of
 * clusteredMean (t with K − 1 df); with m pairs on every item that is
 * exactly the paired t-test on the items' mean differences. The p-value is
 * that t-test's, or, where each item is met once, exact McNemar.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import type { PairedTest } from '../../../../shared/domain/analysis';
import { clusteredMean, type ClusteredMean, type ItemSum } from '../clustered';
import { signTest } from '../exact-tests';

/** One item's paired outcomes (one value per pair: 1 right, 0 not; or any score in [0, 1]). */
export interface ItemPairs {
  itemIndex: number;
  cell: number[];
  baseline: number[];
}

export interface DifferenceEstimate {
  items: number;
  pairs: number;
  /** Mean over pairs of cell − baseline. */
  difference: number;
  low: number;
  high: number;
}

export interface PairedTestResult extends DifferenceEstimate {
  cellMean: number;
  baselineMean: number;
  /** Pairs where the cell scored above the baseline, and below (for 0/1 outcomes: one right, the other not). */
  cellAhead: number;
  baselineAhead: number;
  test: PairedTest;
  pValue: number;
}

function itemSums(items: readonly ItemPairs[]): ItemSum[] {
  return items.map((item) => ({ weight: item.cell.length, sum: item.cell.reduce((acc, value, i) => acc + value - item.baseline[i]!, 0) }));
}

/** The difference with its item-clustered 95% interval, inside [−1, 1]. */
export function itemClusteredDifference(items: readonly ItemPairs[]): DifferenceEstimate {
  const mean = clusteredMean(itemSums(items), [-1, 1]);
  return { items: mean.items, pairs: mean.weight, difference: mean.mean, low: mean.low, high: mean.high };
}

/**
 * A test of "no difference" on per-item sums that respects the clustering:
 * the t-test on the clustered mean (K − 1 df); when every item shows the same
 * difference (zero spread) or there is one item, the exact sign test on the
 * items' mean differences.
 */
export function itemMeanTest(sums: readonly ItemSum[], estimate: ClusteredMean): { test: PairedTest; pValue: number } {
  if (estimate.standardError > 0) {
    const t = estimate.mean / estimate.standardError;
    return { test: 'paired-t-items', pValue: Math.min(1, 2 * tCdf(-Math.abs(t), estimate.items - 1)) };
  }
  const means = sums.filter((s) => s.weight > 0).map((s) => s.sum / s.weight);
  return { test: 'sign-test-items', pValue: signTest(means.filter((d) => d > 0).length, means.filter((d) => d < 0).length) };
}

/** The difference, its interval and a paired test: exact McNemar where each item is met once, else on the items' mean differences. */
export function pairedTest(items: readonly ItemPairs[]): PairedTestResult {
  const used = items.filter((item) => item.cell.length > 0);
  const sums = itemSums(used);
  const estimate = clusteredMean(sums, [-1, 1]);
  let cellAhead = 0;
  let baselineAhead = 0;
  let cellTotal = 0;
  let baselineTotal = 0;
  for (const item of used) {
    item.cell.forEach((value, i) => {
      const other = item.baseline[i]!;
      cellTotal += value;
      baselineTotal += other;
      if (value > other) cellAhead++;
      else if (value < other) baselineAhead++;
    });
  }
  const pairs = estimate.weight;
  const base = {
    items: estimate.items,
    pairs,
    difference: estimate.mean,
    low: estimate.low,
    high: estimate.high,
    cellMean: pairs === 0 ? 0 : cellTotal / pairs,
    baselineMean: pairs === 0 ? 0 : baselineTotal / pairs,
    cellAhead,
    baselineAhead,
  };
  if (used.every((item) => item.cell.length === 1)) return { ...base, test: 'mcnemar-exact', pValue: signTest(cellAhead, baselineAhead) };
  return { ...base, ...itemMeanTest(sums, estimate) };
}
