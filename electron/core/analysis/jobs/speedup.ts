/**
 * Speedup over one agent (docs/job-metrics.md, "Speedup").
 *
 * A stratum is one model, mode, execution and job family (domain × p): the
 * paper's "model × domain × p", each mode with its own n = 1 baseline. A
 * group's speedup at n is the mean over its strata (the domains, and the
 * sizes when n is not a grouping axis) of each stratum's ratio against its
 * n = 1 runs, taken from all the runs analysed, not only the group's.
 *
 * - The paper's: mean seconds of successful n = 1 runs ÷ mean seconds of
 *   successful runs at n. Its standard error is the paper's delta method,
 *   Var = S²(s²_b/(k_b·b̄²) + s²_n/(k_n·n̄²)) per stratum, SEM = √ΣVar / K, and
 *   the interval S ± 1.96·SEM: the domains are strata (the figure averages
 *   over them), the runs inside one independent repetitions of its job. A
 *   stratum with fewer than two runs on either side has no variance, and the
 *   group then no interval.
 * - Ours keeps failed runs: the expected time to a successful run when
 *   failed runs are run again, T = Σ seconds of all runs ÷ successes (each
 *   failed run counts at the time it stopped, its cap), and S = T(1) / T(n);
 *   0 when no run at n succeeded. Its variance is the ratio estimator's
 *   linearisation, Var(T) ≈ Σ(t_i − T·y_i)² / ((k − 1)·k·ȳ²), combined as above.
 */
import type { Estimate, RunMetrics, RunSpeedups } from '../../../../shared/domain/job-metrics';
import { Z95 } from '../intervals';

/** A run's baseline stratum, without its size. */
export function stratumKey(run: RunMetrics): string {
  return [run.model, run.mode, run.execution, run.domain, run.p].join('\u0000');
}

/** The n = 1 runs of every stratum in the analysed runs. */
export class Baselines {
  private readonly single = new Map<string, RunMetrics[]>();

  constructor(runs: readonly RunMetrics[]) {
    for (const run of runs) {
      if (run.n !== 1) continue;
      const key = stratumKey(run);
      const list = this.single.get(key) ?? [];
      list.push(run);
      this.single.set(key, list);
    }
  }

  of(run: RunMetrics): readonly RunMetrics[] {
    return this.single.get(stratumKey(run)) ?? [];
  }
}

interface Ratio {
  value: number;
  /** NaN when a side has fewer than two runs. */
  variance: number;
  runs: number;
}

export interface SpeedupFigures {
  speedup: Estimate | null;
  speedupAllRuns: Estimate | null;
  runSpeedups: RunSpeedups | null;
  tokenMultiplier: number | null;
  tokenMultiplierAllRuns: number | null;
}

/** The group's speedups and token multipliers over its runs at n ≥ 2. */
export function speedupFigures(group: readonly RunMetrics[], baselines: Baselines): SpeedupFigures {
  const strata = new Map<string, { runs: RunMetrics[]; baseline: readonly RunMetrics[] }>();
  for (const run of group) {
    if (run.n < 2) continue;
    const key = `${stratumKey(run)}\u0000${run.n}`;
    const stratum = strata.get(key) ?? { runs: [], baseline: baselines.of(run) };
    stratum.runs.push(run);
    strata.set(key, stratum);
  }
  const paper: Ratio[] = [];
  const ours: Ratio[] = [];
  const tokens: number[] = [];
  const tokensAll: number[] = [];
  const perRun: number[] = [];
  for (const { runs, baseline } of strata.values()) {
    const base = baseline.filter((r) => r.success);
    const done = runs.filter((r) => r.success);
    if (base.length > 0 && done.length > 0) {
      paper.push(ratioOfMeans(base.map(seconds), done.map(seconds)));
      tokens.push(mean(done.map(totalTokens)) / mean(base.map(totalTokens)));
      const baseMean = mean(base.map(seconds));
      for (const run of done) if (run.seconds > 0) perRun.push(baseMean / run.seconds);
    }
    if (base.length > 0 && runs.length > 0) {
      ours.push(timeToSuccessRatio(baseline, runs));
      tokensAll.push(perSuccess(runs, totalTokens) / perSuccess(baseline, totalTokens));
    }
  }
  return {
    speedup: averaged(paper),
    speedupAllRuns: averaged(ours),
    runSpeedups: summarize(perRun),
    tokenMultiplier: tokens.length > 0 ? mean(tokens) : null,
    tokenMultiplierAllRuns: tokensAll.length > 0 && tokensAll.every(Number.isFinite) ? mean(tokensAll) : null,
  };
}

/** The paper's per-stratum ratio b̄ / x̄ with its delta-method variance. */
export function ratioOfMeans(baseline: readonly number[], atN: readonly number[]): Ratio {
  const b = mean(baseline);
  const x = mean(atN);
  const value = b / x;
  const variance = baseline.length < 2 || atN.length < 2 ? Number.NaN : value * value * (sampleVariance(baseline) / (baseline.length * b * b) + sampleVariance(atN) / (atN.length * x * x));
  return { value, variance, runs: atN.length };
}

/** Ours: T(1) / T(n), T = Σ seconds / successes over all runs. */
function timeToSuccessRatio(baseline: readonly RunMetrics[], atN: readonly RunMetrics[]): Ratio {
  const tb = ratioEstimate(baseline);
  const tn = ratioEstimate(atN);
  if (!Number.isFinite(tn.value)) return { value: 0, variance: Number.NaN, runs: atN.length };
  const value = tb.value / tn.value;
  const variance = value * value * (tb.variance / (tb.value * tb.value) + tn.variance / (tn.value * tn.value));
  return { value, variance, runs: atN.length };
}

/** T = Σt / Σy with the ratio estimator's linearised variance (NaN with fewer than two runs). */
function ratioEstimate(runs: readonly RunMetrics[]): { value: number; variance: number } {
  const k = runs.length;
  const successes = runs.filter((r) => r.success).length;
  if (successes === 0) return { value: Number.POSITIVE_INFINITY, variance: Number.NaN };
  const total = runs.reduce((sum, r) => sum + r.seconds, 0);
  const value = total / successes;
  if (k < 2) return { value, variance: Number.NaN };
  const meanSuccess = successes / k;
  const residuals = runs.reduce((sum, r) => sum + (r.seconds - value * (r.success ? 1 : 0)) ** 2, 0);
  return { value, variance: residuals / ((k - 1) * k * meanSuccess * meanSuccess) };
}

function perSuccess(runs: readonly RunMetrics[], value: (run: RunMetrics) => number): number {
  const successes = runs.filter((r) => r.success).length;
  return successes === 0 ? Number.POSITIVE_INFINITY : runs.reduce((sum, r) => sum + value(r), 0) / successes;
}

/** The mean over strata with SEM = √ΣVar / K and a normal 95% interval (none when a stratum's variance is unknown). */
function averaged(ratios: readonly Ratio[]): Estimate | null {
  if (ratios.length === 0) return null;
  const k = ratios.length;
  const value = ratios.reduce((sum, r) => sum + r.value, 0) / k;
  const varianceSum = ratios.reduce((sum, r) => sum + r.variance, 0);
  const sem = Math.sqrt(varianceSum) / k;
  const runs = ratios.reduce((sum, r) => sum + r.runs, 0);
  if (!Number.isFinite(sem)) return { value, low: null, high: null, runs };
  return { value, low: Math.max(0, value - Z95 * sem), high: value + Z95 * sem, runs };
}

function summarize(values: readonly number[]): RunSpeedups | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { runs: values.length, median, mean: mean(values), shareBelowOne: values.filter((v) => v < 1).length / values.length };
}

const seconds = (run: RunMetrics) => run.seconds;
const totalTokens = (run: RunMetrics) => run.tokensIn + run.tokensOut;

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1);
}

/** Amdahl's law at the nominal parallel fraction p: S(n) = 1 / ((1 − p) + p / n). */
export function amdahl(p: number, n: number): number {
  return 1 / (1 - p + p / n);
}
