/**
 * Exact tests on counts: the sign test (exact McNemar on discordant pairs)
 * and Fisher's exact test on a 2×2 table. The distributions come from
 * @stdlib (binomial CDF, hypergeometric PMF); what is here is only how the
 * two-sided p-value is formed, as R's binom.test and fisher.test form it.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';

/**
 * Two-sided exact sign test: of `plus + minus` pairs that differ, `plus` went
 * one way. Under no difference either way is equally likely (Binomial(n, ½)),
 * so p = min(1, 2·P(X ≤ min(plus, minus))). With one pair per item this is
 * exact McNemar (the binomial test on the discordant pairs); 1 when no pair differs.
 */
export function signTest(plus: number, minus: number): number {
  const n = plus + minus;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialCdf(Math.min(plus, minus), n, 0.5));
}

/** A 2×2 table: rows are the two groups, columns the outcome (yes, no). */
export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * Fisher's exact test, two-sided: given the margins, the first cell follows
 * the hypergeometric distribution; p sums the probabilities of every table no
 * more likely than the one observed (R's fisher.test, with its relative
 * tolerance of 1e-7 for ties in floating point).
 */
export function fisherExact({ a, b, c, d }: TwoByTwo): number {
  const rowOne = a + b;
  const columnOne = a + c;
  const total = a + b + c + d;
  if (total === 0) return 1;
  // hypergeometricPmf(x, N, K, n): x successes in n draws from N items of which K are successes.
  const pmf = (x: number) => hypergeometricPmf(x, total, columnOne, rowOne);
  const observed = pmf(a);
  const low = Math.max(0, rowOne + columnOne - total);
  const high = Math.min(rowOne, columnOne);
  let p = 0;
  for (let x = low; x <= high; x++) {
    const px = pmf(x);
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  return Math.min(1, p);
}
