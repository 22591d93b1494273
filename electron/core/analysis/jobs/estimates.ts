/**
 * Means and shares over runs with their 95% intervals. Runs are nested in
 * jobs (an experiment's items): every run of one job meets the same
 * dependency graph and the same files, so a job that is hard for a team is
 * hard on every repetition and in every cell. The job is the unit of
 * independence, as the item is for accuracy (docs/statistics.md):
 *
 * - a mean: the item-clustered t interval over jobs (clusteredMean, K − 1
 *   degrees of freedom); with one job, the t interval over its runs, which
 *   speaks for that job alone;
 * - a share: Korn–Graubard clustered by job (itemShare); Wilson where each
 *   job has one run or there is one job.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Estimate, RunMetrics } from '../../../../shared/domain/job-metrics';
import { clusteredMean, itemShare, type ItemCount, type ItemSum } from '../clustered';

const NONE: Estimate = { value: null, low: null, high: null, runs: 0 };

/** The run's job: runs sharing it are not independent. */
export function jobKey(run: Pick<RunMetrics, 'experimentId' | 'itemIndex'>): string {
  return `${run.experimentId}\u0000${run.itemIndex}`;
}

export function distinctJobs(runs: readonly RunMetrics[]): number {
  return new Set(runs.map(jobKey)).size;
}

/**
 * The mean of `value` over the runs that have one, with its interval cut to
 * `bounds`. Where every job has the same mean the spread says nothing; the
 * interval is then what "none of K jobs differed" allows (clusteredMean),
 * inside the bounds or, for an unbounded metric, the values seen.
 */
export function meanEstimate(runs: readonly RunMetrics[], value: (run: RunMetrics) => number | null, bounds: readonly [number, number] = [0, Number.POSITIVE_INFINITY]): Estimate {
  const byJob = new Map<string, ItemSum>();
  const values: number[] = [];
  for (const run of runs) {
    const v = value(run);
    if (v === null || !Number.isFinite(v)) continue;
    values.push(v);
    const key = jobKey(run);
    const sum = byJob.get(key) ?? { sum: 0, weight: 0 };
    sum.sum += v;
    sum.weight += 1;
    byJob.set(key, sum);
  }
  if (values.length === 0) return NONE;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (byJob.size < 2) return { value: mean, ...runsInterval(values, mean, bounds), runs: values.length };
  let estimate = clusteredMean([...byJob.values()], bounds);
  if (!Number.isFinite(estimate.low) || !Number.isFinite(estimate.high)) {
    const seen: [number, number] = [Math.max(bounds[0], Math.min(...values)), Math.min(bounds[1], Math.max(...values))];
    estimate = clusteredMean([...byJob.values()], [Number.isFinite(bounds[0]) ? bounds[0] : seen[0], Number.isFinite(bounds[1]) ? bounds[1] : seen[1]]);
  }
  return { value: estimate.mean, low: estimate.low, high: estimate.high, runs: values.length };
}

/** One job: the t interval over its runs (independent repetitions of that job); none from a single run. */
function runsInterval(values: readonly number[], mean: number, bounds: readonly [number, number]): { low: number | null; high: number | null } {
  if (values.length < 2) return { low: null, high: null };
  const variance = values.reduce((acc, v) => acc + (v - mean) ** 2, 0) / (values.length - 1);
  const half = tQuantile(0.975, values.length - 1) * Math.sqrt(variance / values.length);
  return { low: Math.max(bounds[0], mean - half), high: Math.min(bounds[1], mean + half) };
}

/** The share of the counted runs (`counted`) for which `success` holds, clustered by job. */
export function shareEstimate(runs: readonly RunMetrics[], success: (run: RunMetrics) => boolean, counted: (run: RunMetrics) => boolean = () => true): Estimate {
  const byJob = new Map<string, ItemCount>();
  for (const run of runs) {
    if (!counted(run)) continue;
    const key = jobKey(run);
    const count = byJob.get(key) ?? { successes: 0, trials: 0 };
    count.trials += 1;
    if (success(run)) count.successes += 1;
    byJob.set(key, count);
  }
  const share = itemShare([...byJob.values()]);
  return { value: share.value, low: share.low, high: share.high, runs: share.trials };
}
