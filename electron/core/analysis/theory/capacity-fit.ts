/**
 * A capacity curve fitted to per-item measurements with a percentile
 * bootstrap over items: the shared machinery of the USL and Amdahl fits.
 * One point per size (the mean over the items it met, each item once,
 * repetitions averaged first), so that a size met on more items does not
 * outweigh the others; every resample redraws the items and refits.
 */
import type { CurvePoint } from '../../../../shared/domain/analysis';
import { percentile, seededRng } from './resample';
import { drawWeights, weightedMean, type SizeItemTable } from './size-items';
import { uslCapacity, type Coefficients } from './usl-solver';

/** Least squares on the sizes' mean capacities; `start` is a nearby solution to begin from. */
export type Solver = (x: readonly number[], y: readonly number[], start: Coefficients | null) => Coefficients;

/** A measured mean at one size, with its 95% bootstrap interval and the items it was taken over. */
export interface RatioPoint {
  n: number;
  value: number;
  low: number;
  high: number;
  items: number;
}

export interface CapacityFit {
  fitted: Coefficients;
  /** The refits of the bootstrap resamples that had enough sizes to fit. */
  draws: Coefficients[];
  points: RatioPoint[];
  /** Root-mean-square distance of the points from the fitted curve. */
  rmse: number;
}

/**
 * Fits `solve` to the table's mean capacity per size (sizes in `include`),
 * and refits it on `resamples` bootstrap resamples of the items. Null when
 * fewer than `minimumSizes` sizes have a mean.
 */
export function fitCapacity(table: SizeItemTable, include: (n: number) => boolean, minimumSizes: number, solve: Solver, seed: number, resamples: number, purpose: string): CapacityFit | null {
  const fitOn = (means: readonly number[], start: Coefficients | null): Coefficients | null => {
    const x: number[] = [];
    const y: number[] = [];
    table.sizes.forEach((n, s) => {
      const m = means[s]!;
      if (include(n) && Number.isFinite(m) && m > 0) {
        x.push(n);
        y.push(m);
      }
    });
    return x.length < minimumSizes ? null : solve(x, y, start);
  };
  const all = new Float64Array(table.items.length).fill(1);
  const means = table.values.map((row) => weightedMean(row, all));
  const fitted = fitOn(means, null);
  if (!fitted) return null;
  const rng = seededRng(seed, purpose);
  const draws: Coefficients[] = [];
  const meanDraws = table.sizes.map(() => [] as number[]);
  const weights = new Float64Array(table.items.length);
  for (let r = 0; r < resamples; r++) {
    drawWeights(table.items.length, rng.next, weights);
    const resampled = table.values.map((row) => weightedMean(row, weights));
    resampled.forEach((m, s) => {
      if (Number.isFinite(m)) meanDraws[s]!.push(m);
    });
    const refit = fitOn(resampled, fitted);
    if (refit) draws.push(refit);
  }
  const points: RatioPoint[] = table.sizes
    .map((n, s) => ({ n, value: means[s]!, low: percentile(meanDraws[s]!, 0.025), high: percentile(meanDraws[s]!, 0.975), items: countItems(table.values[s]!) }))
    .filter((p) => include(p.n) && Number.isFinite(p.value));
  const rmse = Math.sqrt(points.reduce((sum, p) => sum + (p.value - uslCapacity(p.n, fitted.alpha, fitted.beta, fitted.gamma)) ** 2, 0) / points.length);
  return { fitted, draws, points, rmse };
}

/** The fitted curve at each size, with the 2.5% and 97.5% percentiles of the resamples' curves as its band. */
export function curveWithBand(fit: CapacityFit, sizes: readonly number[]): CurvePoint[] {
  return sizes.map((n) => {
    const value = uslCapacity(n, fit.fitted.alpha, fit.fitted.beta, fit.fitted.gamma);
    if (fit.draws.length === 0) return { n, value, low: value, high: value };
    const band = fit.draws.map((c) => uslCapacity(n, c.alpha, c.beta, c.gamma));
    return { n, value, low: percentile(band, 0.025), high: percentile(band, 0.975) };
  });
}

/** The 95% percentile interval of one coefficient over the resamples (the point itself when none refitted). */
export function coefficientInterval(fit: CapacityFit, pick: (c: Coefficients) => number): [number, number] {
  if (fit.draws.length === 0) return [pick(fit.fitted), pick(fit.fitted)];
  const values = fit.draws.map(pick);
  return [percentile(values, 0.025), percentile(values, 0.975)];
}

function countItems(row: Float64Array): number {
  let count = 0;
  for (const v of row) if (!Number.isNaN(v)) count += 1;
  return count;
}
