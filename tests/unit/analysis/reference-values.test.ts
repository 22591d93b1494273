/**
 * The statistics against published worked examples and reference
 * implementations. CI has neither R nor SciPy, so the reference values are
 * written here, each with the exact command that computed it (R 4 with
 * survey 4.1.1; Python 3 with SciPy 1.10.1).
 */
import { describe, expect, it } from 'vitest';
import { clusteredMean, itemShare } from '../../../electron/core/analysis/clustered';
import { fisherExact, signTest } from '../../../electron/core/analysis/exact-tests';
import { holm } from '../../../electron/core/analysis/holm';
import { itemClusteredDifference, pairedTest, type ItemPairs } from '../../../electron/core/analysis/paired/difference';

const items = (successes: number[], trials: number[] | number) => successes.map((s, i) => ({ successes: s, trials: typeof trials === 'number' ? trials : trials[i]! }));

/**
 * R, survey 4.1.1 (library(survey)):
 *   kg <- function(s, m) {
 *     d <- data.frame(item = rep(seq_along(m), m), y = unlist(mapply(function(a, b) c(rep(1, a), rep(0, b - a)), s, m, SIMPLIFY = FALSE)))
 *     svyciprop(~y, svydesign(ids = ~item, data = d, weights = ~1), method = "beta")
 *   }
 */
describe('Korn–Graubard intervals clustered by item, against survey::svyciprop(method = "beta")', () => {
  it('12 items × 10 repetitions: kg(c(10,9,0,2,10,7,1,10,5,8,0,10), rep(10, 12)) = 0.6 [0.3063788975, 0.8483914909], design effect 7.2727', () => {
    const share = itemShare(items([10, 9, 0, 2, 10, 7, 1, 10, 5, 8, 0, 10], 10));
    expect(share.method).toBe('item-clustered');
    expect(share.value).toBeCloseTo(0.6, 12);
    expect(share.low).toBeCloseTo(0.3063788975, 9);
    expect(share.high).toBeCloseTo(0.8483914909, 9);
    // vcov(svymean(~y, design)) / (p(1 − p)/n) = 0.0145454545455 / 0.002
    expect(share.designEffect).toBeCloseTo(7.2727272727, 8);
  });

  it('8 items met 2 to 6 times: kg(c(3,0,5,2,6,1,4,0), c(4,5,5,3,6,4,4,2)) = 0.6363636364 [0.2209362926, 0.9365952233]', () => {
    const share = itemShare(items([3, 0, 5, 2, 6, 1, 4, 0], [4, 5, 5, 3, 6, 4, 4, 2]));
    expect(share.value).toBeCloseTo(0.6363636364, 9);
    expect(share.low).toBeCloseTo(0.2209362926, 9);
    expect(share.high).toBeCloseTo(0.9365952233, 9);
  });

  /**
   * svyciprop gives NaN at 0 and 1 and does not truncate; the NCHS standard
   * (Parker et al. 2017) sets n_eff = n there and where n_eff > n. Reference:
   *   d <- ...; des <- svydesign(ids = ~item, data = d, weights = ~1); est <- svymean(~y, des)
   *   p <- coef(est)[[1]]; v <- vcov(est)[[1]]; n <- nrow(d)
   *   neff <- if (p == 0 || p == 1 || v <= 0) n else min(n, p * (1 - p) / v)
   *   neff <- neff * (qt(0.975, n - 1) / qt(0.975, degf(des)))^2
   *   c(if (p == 0) 0 else qbeta(0.025, neff * p, neff * (1 - p) + 1), if (p == 1) 1 else qbeta(0.975, neff * p + 1, neff * (1 - p)))
   */
  it('at 0 and 1, and where items vary less than trials would, uses every trial (with the df correction)', () => {
    const none = itemShare(items(Array(12).fill(0), 10));
    expect([none.low, none.high]).toEqual([0, expect.closeTo(0.0372693448, 9)]);
    expect(none.effectiveTrials).toBeCloseTo(97.1228036329, 8);
    const all = itemShare(items(Array(12).fill(10), 10));
    expect([all.low, all.high]).toEqual([expect.closeTo(0.9627306552, 9), 1]);
    const even = itemShare(items([5, 5, 5, 5, 4, 6, 5, 5, 5, 5, 5, 5], 10));
    expect(even.low).toBeCloseTo(0.3967929266, 9);
    expect(even.high).toBeCloseTo(0.6032070734, 9);
  });

  it('keeps Wilson where each item is met once, and with a single item', () => {
    const once = itemShare(items([1, 0, 1, 1, 1, 0, 1, 1, 1, 1], 1));
    expect(once.method).toBe('wilson');
    // 8/10: Wilson 95% is [0.4902, 0.9433] (Newcombe 1998, method 3).
    expect(once.low).toBeCloseTo(0.4902, 4);
    expect(once.high).toBeCloseTo(0.9433, 4);
    expect(itemShare(items([8], 10)).method).toBe('wilson');
  });
});

describe('exact tests', () => {
  it('exact McNemar on Agresti\'s presidential approval ratings (Categorical Data Analysis, 2nd ed., Table 10.1)', () => {
    // 1600 people, approve at both surveys 794, approve then not 150, not then approve 86, neither 570.
    // Python: scipy.stats.binomtest(86, 236, 0.5).pvalue = 3.715936139571387e-05
    expect(signTest(150, 86)).toBeCloseTo(3.715936139571387e-5, 15);
    // scipy.stats.binomtest(0, 12, 0.5).pvalue = 0.00048828125; binomtest(2, 9, 0.5).pvalue = 0.1796875
    expect(signTest(12, 0)).toBeCloseTo(0.00048828125, 15);
    expect(signTest(7, 2)).toBeCloseTo(0.1796875, 15);
    expect(signTest(0, 0)).toBe(1);
  });

  it('Fisher\'s exact test: Agresti\'s tea tasting (CDA §3.5.2, p = 0.486) and two tables against SciPy', () => {
    // scipy.stats.fisher_exact([[3,1],[1,3]]).pvalue = 0.48571428571428565
    expect(fisherExact({ a: 3, b: 1, c: 1, d: 3 })).toBeCloseTo(0.48571428571428565, 12);
    // scipy.stats.fisher_exact([[27,273],[3,297]]).pvalue = 5.174121905933193e-06
    expect(fisherExact({ a: 27, b: 273, c: 3, d: 297 })).toBeCloseTo(5.174121905933193e-6, 14);
    // scipy.stats.fisher_exact([[0,50],[12,188]]).pvalue = 0.13184879272536715
    expect(fisherExact({ a: 0, b: 50, c: 12, d: 188 })).toBeCloseTo(0.13184879272536715, 12);
  });

  it('Holm: R\'s p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.03), method = "holm")', () => {
    // = 0.05 0.12 0.12 0.03 0.20 0.12
    expect(holm([0.01, 0.04, 0.03, 0.005, 0.2, 0.03]).map((p) => Number(p.toFixed(10)))).toEqual([0.05, 0.12, 0.12, 0.03, 0.2, 0.12]);
  });
});

/** Paired outcomes from rows of (cell, baseline) per item. */
const pairsOf = (rows: Array<[number[], number[]]>): ItemPairs[] => rows.map(([cell, baseline], itemIndex) => ({ itemIndex, cell, baseline }));

describe('paired differences clustered by item', () => {
  it('each item once: Agresti\'s approval ratings, difference 0.04 with the interval (0.021, 0.059), exact McNemar', () => {
    const rows: Array<[number[], number[]]> = [
      ...Array.from({ length: 794 }, (): [number[], number[]] => [[1], [1]]),
      ...Array.from({ length: 150 }, (): [number[], number[]] => [[1], [0]]),
      ...Array.from({ length: 86 }, (): [number[], number[]] => [[0], [1]]),
      ...Array.from({ length: 570 }, (): [number[], number[]] => [[0], [0]]),
    ];
    const result = pairedTest(pairsOf(rows));
    expect(result).toMatchObject({ items: 1600, pairs: 1600, test: 'mcnemar-exact', cellAhead: 150, baselineAhead: 86 });
    expect(result.difference).toBeCloseTo(0.04, 12);
    // Agresti's Wald interval 0.04 ± 1.96 · 0.0095; ours uses t(1599) and the sample variance (n − 1): the same to three decimals.
    expect(result.low).toBeCloseTo(0.021, 3);
    expect(result.high).toBeCloseTo(0.059, 3);
    expect(result.pValue).toBeCloseTo(3.715936139571387e-5, 15);
  });

  it('every item met three times: the paired t-test on item means (SciPy ttest_rel)', () => {
    // Python: a = np.array([[1,1,0],[1,1,1],[0,0,1],[1,0,1],[1,1,1],[0,0,0],[1,1,0],[1,1,1]])
    //         b = np.array([[1,0,0],[1,1,0],[0,0,0],[0,0,1],[1,1,1],[0,0,0],[0,1,0],[1,0,1]])
    //         r = scipy.stats.ttest_rel(a.mean(1), b.mean(1)); r.pvalue, r.confidence_interval(0.95)
    //         = 0.0025359960802581035, (0.12099917118591719, 0.3790008288140828); (a - b).mean() = 0.25
    const a = [[1, 1, 0], [1, 1, 1], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 0, 0], [1, 1, 0], [1, 1, 1]];
    const b = [[1, 0, 0], [1, 1, 0], [0, 0, 0], [0, 0, 1], [1, 1, 1], [0, 0, 0], [0, 1, 0], [1, 0, 1]];
    const result = pairedTest(pairsOf(a.map((row, i) => [row, b[i]!])));
    expect(result.test).toBe('paired-t-items');
    expect(result.difference).toBeCloseTo(0.25, 12);
    expect(result.low).toBeCloseTo(0.12099917118591719, 10);
    expect(result.high).toBeCloseTo(0.3790008288140828, 10);
    expect(result.pValue).toBeCloseTo(0.0025359960802581035, 12);
  });

  it('items met 1 to 5 times: the ratio estimator and its linearised variance (survey::svymean, ids = ~item)', () => {
    // R: cell <- list(c(1,1,0,1), c(0), c(1,1), c(0,0,1), c(1,1,1,1,1), c(0,1))
    //    base <- list(c(0,1,0,0), c(0), c(1,0), c(0,1,1), c(1,0,1,1,0), c(0,0))
    //    d <- data.frame(item = rep(seq_along(cell), lengths(cell)), d = unlist(cell) - unlist(base))
    //    des <- svydesign(ids = ~item, data = d, weights = ~1); m <- svymean(~d, des)
    //    coef(m) = 0.2941176471, SE(m) = 0.1430367965, confint(m, df = degf(des)) = [-0.0735701438, 0.6618054379]
    //    2 * pt(-coef(m) / SE(m), degf(des)) = 0.09488642 (svyttest would use degf − 1 = 4 df: 0.1089164)
    const cell = [[1, 1, 0, 1], [0], [1, 1], [0, 0, 1], [1, 1, 1, 1, 1], [0, 1]];
    const base = [[0, 1, 0, 0], [0], [1, 0], [0, 1, 1], [1, 0, 1, 1, 0], [0, 0]];
    const result = pairedTest(pairsOf(cell.map((row, i) => [row, base[i]!])));
    expect(result.test).toBe('paired-t-items');
    expect(result.difference).toBeCloseTo(0.2941176471, 9);
    expect(result.low).toBeCloseTo(-0.0735701438, 9);
    expect(result.high).toBeCloseTo(0.6618054379, 9);
    expect(result.pValue).toBeCloseTo(0.09488642, 7);
  });

  it('when every item shows the same difference, the sign test and the bound "no item of K differed"', () => {
    const same = pairTwice(12, [1, 1], [1, 1]);
    const result = pairedTest(same);
    expect(result).toMatchObject({ test: 'sign-test-items', pValue: 1, difference: 0 });
    // No item of 12 differed: at most 1 − 0.025^(1/12) = 0.2644 of items do, which bounds the mean difference.
    expect(result.high).toBeCloseTo(1 - 0.025 ** (1 / 12), 12);
    expect(result.low).toBeCloseTo(-(1 - 0.025 ** (1 / 12)), 12);
    const ahead = pairedTest(pairTwice(12, [1, 1], [0, 0]));
    // scipy.stats.binomtest(12, 12, 0.5).pvalue = 0.00048828125
    expect(ahead).toMatchObject({ test: 'sign-test-items', difference: 1, high: 1 });
    expect(ahead.pValue).toBeCloseTo(0.00048828125, 15);
    expect(ahead.low).toBeCloseTo(1 - 2 * (1 - 0.025 ** (1 / 12)), 12);
    expect(itemClusteredDifference(pairTwice(1, [1, 0], [0, 0]))).toMatchObject({ low: -1, high: 1 });
  });

  it('the mean of per-item values: the one-sample t interval on item means (SciPy)', () => {
    // Python: x = [0.2, 0.5, 0.9, 0.4, 0.7]; scipy.stats.t.interval(0.95, 4, loc=np.mean(x), scale=scipy.stats.sem(x))
    //         = (0.2045208615073339, 0.8754791384926661)
    const mean = clusteredMean([0.2, 0.5, 0.9, 0.4, 0.7].map((sum) => ({ sum, weight: 1 })), [0, 1]);
    expect(mean.mean).toBeCloseTo(0.54, 12);
    expect(mean.low).toBeCloseTo(0.2045208615073339, 10);
    expect(mean.high).toBeCloseTo(0.8754791384926661, 10);
  });
});

function pairTwice(count: number, cell: number[], baseline: number[]): ItemPairs[] {
  return Array.from({ length: count }, (_, itemIndex) => ({ itemIndex, cell: [...cell], baseline: [...baseline] }));
}
