/**
 * Runs grouped by axes (or per cell) and measured as a group: every metric
 * of docs/job-metrics.md with its denominator and interval.
 */
import type { RunAxis, RunGroupMetrics, RunMetrics } from '../../../../shared/domain/job-metrics';
import { distinctJobs, meanEstimate, shareEstimate } from './estimates';
import { amdahl, Baselines, speedupFigures } from './speedup';

/** A run's value on an axis. */
export function axisValue(run: RunMetrics, axis: RunAxis): string | number {
  switch (axis) {
    case 'experiment':
      return run.experimentId;
    default:
      return run[axis];
  }
}

/** Per cell when `by` is empty: the cell's experiment and index, with what defines it. */
function groupKey(run: RunMetrics, by: readonly RunAxis[]): Record<string, string | number> {
  if (by.length === 0) return { experiment: run.experimentId, cell: run.cellIndex, model: run.model, mode: run.mode, execution: run.execution, n: run.n };
  return Object.fromEntries(by.map((axis) => [axis, axisValue(run, axis)]));
}

/**
 * The groups of `runs`, in the order of their keys. Baselines for speedups
 * come from `baselineRuns` (default: the runs themselves), so a group that
 * holds only n = 3 still has its n = 1 baseline.
 */
export function groupRuns(runs: readonly RunMetrics[], by: readonly RunAxis[], baselineRuns: readonly RunMetrics[] = runs): RunGroupMetrics[] {
  const groups = new Map<string, { key: Record<string, string | number>; runs: RunMetrics[] }>();
  for (const run of runs) {
    const key = groupKey(run, by);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, runs: [] };
    group.runs.push(run);
    groups.set(id, group);
  }
  const baselines = new Baselines(baselineRuns);
  return [...groups.values()].sort((a, b) => compareKeys(a.key, b.key)).map((g) => measureGroup(g.key, g.runs, baselines));
}

export function measureGroup(key: Record<string, string | number>, runs: readonly RunMetrics[], baselines: Baselines): RunGroupMetrics {
  const speed = speedupFigures(runs, baselines);
  const ps = new Set(runs.map((r) => r.p));
  const ns = new Set(runs.map((r) => r.n));
  const paths = new Set(runs.map((r) => r.criticalPath));
  const onlyP = ps.size === 1 ? [...ps][0]! : null;
  const onlyN = ns.size === 1 ? [...ns][0]! : null;
  const speedup = onlyN === 1 ? null : speed.speedup;
  const speedupAllRuns = onlyN === 1 ? null : speed.speedupAllRuns;
  const withFinalTests = (r: RunMetrics) => r.finalTestsPass !== null;
  return {
    key,
    runs: runs.length,
    successes: runs.filter((r) => r.success).length,
    successRate: shareEstimate(runs, (r) => r.success),
    jobs: distinctJobs(runs),
    finalTestsPassRate: shareEstimate(runs, (r) => r.finalTestsPass === true, withFinalTests),
    finalTestShare: meanEstimate(runs, (r) => r.finalTestShare, [0, 1]),
    seconds: meanEstimate(runs, (r) => (r.success ? r.seconds : null)),
    secondsAllRuns: meanEstimate(runs, (r) => r.seconds),
    speedup,
    speedupAllRuns,
    runSpeedups: speed.runSpeedups,
    amdahl: onlyP !== null && onlyN !== null ? amdahl(onlyP, onlyN) : null,
    criticalPath: paths.size === 1 ? [...paths][0]! : null,
    rounds: meanEstimate(runs, (r) => r.rounds),
    theoreticalMinRounds: meanEstimate(runs, (r) => r.theoreticalMinRounds),
    efficiency: meanEstimate(runs, (r) => r.efficiency, [0, Number.POSITIVE_INFINITY]),
    lockConflicts: meanEstimate(runs, (r) => r.lockConflicts),
    concurrentWrites: meanEstimate(runs, (r) => r.concurrentWrites),
    rewrites: meanEstimate(runs, (r) => r.rewrites),
    claimsBlocked: meanEstimate(runs, (r) => r.claimsBlocked),
    testRuns: meanEstimate(runs, (r) => r.testRuns),
    testFailures: meanEstimate(runs, (r) => r.testFailures),
    stragglerGapSeconds: meanEstimate(runs, (r) => r.stragglerGapSeconds),
    idleRounds: meanEstimate(runs, (r) => r.idleRounds),
    agentTurns: meanEstimate(runs, (r) => r.agentTurns),
    tokens: meanEstimate(runs, (r) => r.tokensIn + r.tokensOut),
    tokensIn: meanEstimate(runs, (r) => r.tokensIn),
    tokensOut: meanEstimate(runs, (r) => r.tokensOut),
    tokenMultiplier: onlyN === 1 ? null : speed.tokenMultiplier,
    tokenEfficiency: speedup?.value != null && speed.tokenMultiplier ? speedup.value / speed.tokenMultiplier : null,
    tokenMultiplierAllRuns: onlyN === 1 ? null : speed.tokenMultiplierAllRuns,
    tokenEfficiencyAllRuns: speedupAllRuns?.value != null && speed.tokenMultiplierAllRuns ? speedupAllRuns.value / speed.tokenMultiplierAllRuns : null,
    barrierUtilization: meanEstimate(runs, (r) => r.barrierUtilization, [0, 1]),
  };
}

function compareKeys(a: Record<string, string | number>, b: Record<string, string | number>): number {
  for (const name of Object.keys(a)) {
    const x = a[name]!;
    const y = b[name]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}
