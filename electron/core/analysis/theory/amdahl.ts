/**
 * Amdahl's law over critical-path latency: S(n) = 1 / ((1 − p) + p/n), the
 * speedup of a team of n agents over one agent when a fraction p of the work
 * divides among them and the rest does not (docs/theory.md).
 *
 * An item's speedup at n is the single agent's critical path on it over the
 * team's (each averaged over its repetitions); the measured speedup at n is
 * the mean over the items both met. p is fitted by least squares on the
 * speedups within [0, 1]. Amdahl is the USL without coherency (β = 0,
 * α = 1 − p), so it shares the USL's solver; its interval is a percentile
 * bootstrap over items.
 */
import type { AmdahlFit, CurvePoint } from '../../../../shared/domain/analysis';
import { coefficientInterval, fitCapacity, type RatioPoint } from './capacity-fit';
import { ratioToSingle, sizeItemTable } from './size-items';
import { solveAmdahl } from './usl-solver';

export interface LatencyPoint {
  /** Team size in agents; 1 is the single agent the speedups are taken over. */
  n: number;
  itemIndex: number;
  latencyMs: number;
}

export interface FitOptions {
  /** Seeds the bootstrap; the same seed gives the same interval. Default 1. */
  seed?: number;
  /** Bootstrap resamples of the items. Default 400. */
  resamples?: number;
}

export type { RatioPoint };

export type AmdahlEstimate = Omit<AmdahlFit, 'teamLabel' | 'model' | 'measured' | 'words'> & {
  /** The measured speedups the curve was fitted to (n > 1), with their 95% bootstrap intervals. */
  speedups: RatioPoint[];
};

/** Enough resamples for a 95% percentile interval steady to a few thousandths of p. */
export const DEFAULT_RESAMPLES = 250;

/** S(n) for parallel fraction p. */
export function amdahlSpeedup(n: number, p: number): number {
  return 1 / (1 - p + p / n);
}

/**
 * Fits p to the points, with the curve at `sizes`. Null when there is no
 * single agent (n = 1) or no team size sharing an item with it.
 */
export function fitAmdahl(points: ReadonlyArray<LatencyPoint>, sizes: readonly number[], options: FitOptions = {}): AmdahlEstimate | null {
  const speedups = ratioToSingle(sizeItemTable(points, (p) => p.latencyMs));
  if (!speedups) return null;
  const fit = fitCapacity(speedups, (n) => n > 1, 1, (x, y, start) => solveAmdahl(x, y, start), options.seed ?? 1, options.resamples ?? DEFAULT_RESAMPLES, 'amdahl');
  if (!fit) return null;
  const p = 1 - fit.fitted.alpha;
  const [alphaLow, alphaHigh] = coefficientInterval(fit, (c) => c.alpha);
  const pLow = 1 - alphaHigh;
  const pHigh = 1 - alphaLow;
  // S(n) rises with p at every n ≥ 1, so the band is the curve at the interval's ends.
  const curve: CurvePoint[] = sizes.map((n) => ({ n, value: amdahlSpeedup(n, p), low: amdahlSpeedup(n, pLow), high: amdahlSpeedup(n, pHigh) }));
  return { p, pLow, pHigh, maxSpeedup: p >= 1 ? null : 1 / (1 - p), rmse: fit.rmse, curve, speedups: fit.points };
}
