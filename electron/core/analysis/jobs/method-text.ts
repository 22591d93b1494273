/** How each job figure treats failed runs and what its interval is, in words, for reports and captions. */

/** How a mean or a share of runs gets its interval. */
export const CLUSTERED_INTERVALS =
  'Intervals are 95%. Runs of one job (an experiment\'s item: one dependency graph and its files) are not independent, so means and shares are clustered by job: ' +
  'the item-clustered t interval over jobs for a mean, Korn–Graubard for a share (with a single job, the interval over its runs speaks for that job alone).';

/** How a speedup gets its interval (said only where speedups are drawn or reported). */
export const SPEEDUP_INTERVALS =
  'Speedups use the paper\'s delta method over the runs of each model × domain × p stratum, the strata averaged: S ± 1.96·SEM, SEM = √ΣVar / K; none where a stratum has a single run on either side.';

export const INTERVALS = `${CLUSTERED_INTERVALS} ${SPEEDUP_INTERVALS}`;

export const FAILED_RUNS =
  'Failed runs (not every subtask done before the cap, or the trial stopped on an error) stay in every denominator except where said: ' +
  'success and test-pass rates count them as not passing; conflicts, test runs, idle rounds, turns and tokens are means over all runs (a failed run counts what it did until it stopped); ' +
  'the paper\'s speedup, seconds and token multiplier use successful runs only, as the paper does, and beside them the all-runs speedup keeps failed runs as the expected time to a successful run when failed runs are run again (Σ seconds of all runs ÷ successes; a failed run counts at the time it stopped).';

export const REPORT_METHOD = `${FAILED_RUNS} ${INTERVALS} Definitions: docs/job-metrics.md.`;
