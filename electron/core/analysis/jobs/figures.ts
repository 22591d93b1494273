/**
 * The figures of coding-job runs (Results.jobs): the paper's (speedup
 * against team size per p with Amdahl's curve, straggler gap, tokens,
 * conflicts, idle rounds) and ours (the all-runs speedup, barrier
 * utilization of rounds against async, success and final test-pass rates),
 * each series one model × mode × execution (× p where p matters), x the team size.
 */
import type { Estimate, JobFigure, JobFigurePoint, JobFigures, JobSeries, RunAxis, RunGroupMetrics, RunMetrics } from '../../../../shared/domain/job-metrics';
import { groupRuns } from './group-metrics';
import { CLUSTERED_INTERVALS, FAILED_RUNS, INTERVALS } from './method-text';
import { amdahl } from './speedup';

const BY_P: RunAxis[] = ['model', 'mode', 'execution', 'p', 'n'];
const BY_TEAM: RunAxis[] = ['model', 'mode', 'execution', 'n'];

export function jobFigures(runs: readonly RunMetrics[], notes: readonly string[] = []): JobFigures {
  if (runs.length === 0) return { figures: [], notes: ['No finished runs of coding jobs yet.', ...notes] };
  const byP = groupRuns(runs, BY_P);
  const byTeam = groupRuns(runs, BY_TEAM);
  const figures: JobFigure[] = [];
  const out = [...notes];
  const ps = [...new Set(runs.map((r) => r.p))].sort((a, b) => b - a);
  const maxN = Math.max(...runs.map((r) => r.n));
  const amdahlCurves = ps.map((p) => ({
    label: `Amdahl p = ${p}`,
    key: { p },
    points: Array.from({ length: maxN }, (_, i) => ({ x: i + 1, y: amdahl(p, i + 1), low: null, high: null, runs: 0 })),
  }));

  figures.push({
    id: 'speedup',
    title: 'Speedup over one agent (the paper\'s)',
    xLabel: 'agents (n)',
    yLabel: 'speedup (× one agent)',
    series: series(byP, ['model', 'mode', 'execution', 'p'], (g) => (g.key.n === 1 ? baselinePoint(g) : g.speedup)),
    references: amdahlCurves,
    caption: `Mean seconds of successful n = 1 runs ÷ mean seconds of successful runs at n, per model × domain × p and mode, averaged over domains, as the paper plots it; failed runs are left out of this figure (see the all-runs speedup beside it). Dashed: Amdahl's S(n) = 1/((1 − p) + p/n) at the job's nominal p. ${INTERVALS}`,
  });
  figures.push({
    id: 'speedup-all-runs',
    title: 'Speedup to a successful run, failed runs kept (ours)',
    xLabel: 'agents (n)',
    yLabel: 'speedup (× one agent)',
    series: series(byP, ['model', 'mode', 'execution', 'p'], (g) => (g.key.n === 1 ? baselinePoint(g) : g.speedupAllRuns)),
    references: amdahlCurves,
    caption: `Expected time to a successful run at n = 1 ÷ at n, when failed runs are run again: Σ seconds of all runs ÷ successes, per model × domain × p and mode, averaged over domains. A failed run counts at the time it stopped (its cap); 0 where no run at n succeeded. ${INTERVALS}`,
  });

  const rounds = byTeam.filter((g) => g.key.execution === 'rounds' && Number(g.key.n) >= 2);
  if (rounds.length > 0) {
    figures.push({
      id: 'straggler-gap',
      title: 'Straggler gap',
      xLabel: 'agents (n)',
      yLabel: 'seconds (slowest − mean reply)',
      series: series(rounds, ['model', 'mode', 'execution'], (g) => g.stragglerGapSeconds),
      references: [],
      caption: `Per round with two or more replies, the slowest reply's latency (from the round's start) minus the mean; per run the mean over its rounds, then the mean over runs, failed runs included. The paper's runs keep latencies between 0 and 180 s. Only rounds with a barrier: without one nobody waits for the slowest. ${CLUSTERED_INTERVALS}`,
    });
  } else out.push('Straggler gap: no multi-agent runs with rounds (async runs have no barrier, so no straggler gap).');

  figures.push({
    id: 'tokens',
    title: 'Tokens per run',
    xLabel: 'agents (n)',
    yLabel: 'input + output tokens',
    series: series(byTeam, ['model', 'mode', 'execution'], (g) => g.tokens),
    references: [],
    caption: `Input + output tokens over all agents per run, all runs (a failed run counts the tokens it spent until it stopped), pooled over p and domains. ${CLUSTERED_INTERVALS}`,
  });
  figures.push({
    id: 'conflicts',
    title: 'Consistency conflicts per run',
    xLabel: 'agents (n)',
    yLabel: 'per run',
    series: [
      ...series(byTeam, ['model', 'mode', 'execution'], (g) => g.concurrentWrites, 'concurrent writes'),
      ...series(byTeam, ['model', 'mode', 'execution'], (g) => g.rewrites, 'rewrites'),
      ...series(byTeam, ['model', 'mode', 'execution'], (g) => g.lockConflicts, 'lock conflicts'),
      ...series(byTeam, ['model', 'mode', 'execution'], (g) => g.claimsBlocked, 'claims blocked'),
    ],
    references: [],
    caption: `Per run, all runs: concurrent writes ((round, path) pairs two or more agents edited; async: edits over a write the agent had not seen), rewrites (edits of a file after the turn it was first written in), lock conflicts (lock attempts denied) and claims blocked (claims on a subtask whose dependencies were not done). ${CLUSTERED_INTERVALS}`,
  });
  figures.push({
    id: 'idle-rounds',
    title: 'Idle rounds per run',
    xLabel: 'agents (n)',
    yLabel: 'rounds without a completed subtask',
    series: series(byTeam, ['model', 'mode', 'execution'], (g) => g.idleRounds),
    references: [],
    caption: `Rounds with at least one reply and no subtask completed (async: an agent's turns without a completion of its own), per run, all runs: a failed run's idle rounds up to its cap count. ${CLUSTERED_INTERVALS}`,
  });

  const multi = byTeam.filter((g) => Number(g.key.n) >= 2);
  if (multi.some((g) => g.barrierUtilization.value !== null)) {
    figures.push({
      id: 'barrier-utilization',
      title: 'Barrier utilization: rounds against async (ours)',
      xLabel: 'agents (n)',
      yLabel: 'busy share of agent-time',
      series: series(multi, ['model', 'mode', 'execution'], (g) => g.barrierUtilization),
      references: [],
      caption: `Busy agent-time over agent-time where more than one agent was at work. Rounds: over rounds in which two or more agents took a turn, Σ turn lengths ÷ Σ (turns × round length); the rest is waiting at the barrier. Async: each agent's turn lengths over the time from its first turn's start to its last turn's end. All runs with n ≥ 2. ${CLUSTERED_INTERVALS}`,
    });
  } else out.push('Barrier utilization: no multi-agent runs whose turns carry times.');

  figures.push({
    id: 'success',
    title: 'Success rate',
    xLabel: 'agents (n)',
    yLabel: 'share of runs',
    series: series(byP, ['model', 'mode', 'execution', 'p'], (g) => g.successRate),
    references: [],
    caption: `Share of runs with every subtask marked done before the cap (the paper's success, not checked by tests); every run is in the denominator. ${CLUSTERED_INTERVALS}`,
  });
  if (runs.some((r) => r.finalTestsPass !== null)) {
    figures.push({
      id: 'final-tests',
      title: 'Final test-pass rate (ours)',
      xLabel: 'agents (n)',
      yLabel: 'share of runs',
      series: series(byTeam, ['model', 'mode', 'execution'], (g) => g.finalTestsPassRate),
      references: [],
      caption: `Share of runs whose final repository passes every test of the job, over runs with a final test run (failed runs included: a run that did not finish rarely passes). ${CLUSTERED_INTERVALS}`,
    });
  } else out.push('Final test-pass rate: no run has a final test run (the paper\'s released runs have none; its test suites were not released).');
  out.push(FAILED_RUNS);
  return { figures, notes: out };
}

/** At n = 1 the speedup is 1 by definition; drawn where the stratum has successful single-agent runs. */
function baselinePoint(group: RunGroupMetrics): Estimate | null {
  return group.successes > 0 ? { value: 1, low: null, high: null, runs: group.successes } : null;
}

function series(groups: readonly RunGroupMetrics[], seriesAxes: readonly string[], pick: (g: RunGroupMetrics) => Estimate | null, prefix?: string): JobSeries[] {
  const bySeries = new Map<string, JobSeries>();
  for (const group of groups) {
    const estimate = pick(group);
    if (!estimate || estimate.value === null) continue;
    const key = Object.fromEntries(seriesAxes.map((axis) => [axis, group.key[axis]!]));
    const id = JSON.stringify(key);
    let entry = bySeries.get(id);
    if (!entry) {
      entry = { label: seriesLabel(key, prefix), key: prefix ? { ...key, metric: prefix } : key, points: [] };
      bySeries.set(id, entry);
    }
    const point: JobFigurePoint = { x: Number(group.key.n), y: estimate.value, low: estimate.low, high: estimate.high, runs: estimate.runs };
    entry.points.push(point);
  }
  for (const entry of bySeries.values()) entry.points.sort((a, b) => a.x - b.x);
  return [...bySeries.values()];
}

function seriesLabel(key: Record<string, string | number>, prefix?: string): string {
  const parts = [
    ...(prefix ? [prefix] : []),
    String(key.model ?? '').replace(/^(sim|ollama|openai):/, ''),
    String(key.mode ?? ''),
    ...(key.execution === 'async' ? ['async'] : []),
    ...(key.p === undefined ? [] : [`p = ${key.p}`]),
  ];
  return parts.filter((p) => p !== '').join(' · ');
}
