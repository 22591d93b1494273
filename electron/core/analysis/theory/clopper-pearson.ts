/** The Clopper–Pearson ("exact") interval for a binomial proportion, from the Beta quantiles (stdlib's, a maintained implementation). */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/** Two-sided interval at the given level (default 95%) for `successes` of `trials`; [0, 1] with no trial. */
export function clopperPearson(successes: number, trials: number, level = 0.95): { low: number; high: number } {
  if (trials <= 0) return { low: 0, high: 1 };
  const tail = (1 - level) / 2;
  const low = successes <= 0 ? 0 : betaQuantile(tail, successes, trials - successes + 1);
  const high = successes >= trials ? 1 : betaQuantile(1 - tail, successes + 1, trials - successes);
  return { low, high };
}
