/**
 * The Universal Scalability Law (Gunther, Guerrilla Capacity Planning,
 * 2007): C(n) = γn / (1 + α(n − 1) + βn(n − 1)), α ≥ 0 the contention (work
 * that does not divide), β ≥ 0 the coherency (a cost every pair of agents
 * adds), γ the capacity of one (1 here: C is measured relative to the
 * single agent). Past n* = √((1 − α)/β) capacity falls as the team grows.
 *
 * Fitted by nonlinear least squares on C itself, as R's usl package does
 * (usl-solver.ts: Levenberg–Marquardt from ml-levenberg-marquardt, bounds by
 * active set, started from Gunther's linearisation), to one point per size:
 * the mean over its items. Intervals: a percentile bootstrap over items.
 */
import type { UslFit } from '../../../../shared/domain/analysis';
import type { FitOptions } from './amdahl';
import { coefficientInterval, curveWithBand, fitCapacity, type RatioPoint } from './capacity-fit';
import { percentile } from './resample';
import { sizeItemTable } from './size-items';
import { solveUsl, uslCapacity } from './usl-solver';

export { uslCapacity };

export interface CapacityPoint {
  /** Team size in agents; 1 is the single agent (capacity 1 by definition). */
  n: number;
  itemIndex: number;
  capacity: number;
}

export interface UslOptions extends FitOptions {
  /**
   * Fit γ, the capacity at n = 1, too (as R's usl package does with raw
   * throughputs). Default false: capacities are already relative to the
   * single agent, so γ = 1 and the points at n = 1 carry no information.
   */
  fitScale?: boolean;
}

export type UslEstimate = Omit<UslFit, 'teamLabel' | 'model' | 'quantity' | 'measured' | 'words'> & {
  /** The mean capacity at each size the curve was fitted to (n = 1 only with fitScale), with its 95% bootstrap interval. */
  points: RatioPoint[];
  /** The capacity at n = 1: 1 unless fitScale. */
  gamma: number;
};

const DEFAULT_RESAMPLES = 250;

/** n* = √((1 − α)/β), or null when capacity never turns down from a rise (β = 0, or α ≥ 1). */
export function uslPeak(alpha: number, beta: number): number | null {
  if (beta <= 0 || alpha >= 1) return null;
  return Math.sqrt((1 - alpha) / beta);
}

/**
 * Fits α and β (and γ with fitScale) to the points, with the curve at
 * `sizes`. Null with fewer than two sizes besides n = 1 (three sizes with
 * fitScale): two coefficients need two points to be told apart.
 */
export function fitUsl(points: ReadonlyArray<CapacityPoint>, sizes: readonly number[], options: UslOptions = {}): UslEstimate | null {
  const fitScale = options.fitScale ?? false;
  const table = sizeItemTable(points, (p) => p.capacity);
  const fit = fitCapacity(
    table,
    (n) => fitScale || n !== 1,
    fitScale ? 3 : 2,
    (x, y, start) => solveUsl(x, y, fitScale, start),
    options.seed ?? 1,
    options.resamples ?? DEFAULT_RESAMPLES,
    'usl',
  );
  if (!fit) return null;
  const { alpha, beta, gamma } = fit.fitted;
  const [alphaLow, alphaHigh] = coefficientInterval(fit, (c) => c.alpha);
  const [betaLow, betaHigh] = coefficientInterval(fit, (c) => c.beta);
  const peak = uslPeak(alpha, beta);
  // A resample with no turn has its peak at infinity: it pushes the upper end out rather than dropping out.
  const peaks = fit.draws.map((c) => uslPeak(c.alpha, c.beta) ?? Number.POSITIVE_INFINITY);
  const peakLow = peak === null || peaks.length === 0 ? null : finiteOrNull(percentile(peaks, 0.025));
  const peakHigh = peak === null || peaks.length === 0 ? null : finiteOrNull(percentile(peaks, 0.975));
  return { alpha, alphaLow, alphaHigh, beta, betaLow, betaHigh, gamma, peak, peakLow, peakHigh, rmse: fit.rmse, curve: curveWithBand(fit, sizes), points: fit.points };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
