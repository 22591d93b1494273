/**
 * One run measured: the paper's metrics and ours (docs/job-metrics.md) from
 * the run's record and its job events. The one code path for Quorum's own
 * runs and for runs imported from the paper's released data.
 */
import { COORDINATION_MODES, EXECUTIONS, type CoordinationMode, type Execution, type JobEvent } from '../../../../shared/domain/jobs';
import type { RunMetrics } from '../../../../shared/domain/job-metrics';
import type { JobRunRow } from '../../store/job-run-rows';
import { theoreticalMinRounds } from './critical-path';
import { barrierUtilization, idleRounds, stragglerGapSeconds } from './round-metrics';
import { concurrentWrites, rewrites } from './write-metrics';

/** The paper keeps a reply's latency only below 180 s (longer ones were API stalls); Quorum's own calls are bounded by their timeout, so all count. */
export const PAPER_MAX_LATENCY_SECONDS = 180;

/** pytest's return codes the paper counts as failed test runs: 1 tests failed, 2 interrupted or collection error, 3 internal error. */
const FAILED_TEST_RUN = new Set([1, 2, 3]);

/** The cell's mode and execution; null for a cell whose mode this build does not know. */
export function runSetting(params: Record<string, unknown>): { mode: CoordinationMode; execution: Execution } | null {
  const mode = COORDINATION_MODES.find((m) => m === params.mode);
  if (!mode) return null;
  const execution = EXECUTIONS.find((e) => e === params.execution) ?? 'rounds';
  return { mode, execution };
}

/** The run measured; null when its cell's mode is one this build does not know, or its job cannot be read (reported by the caller). */
export function measureRun(run: JobRunRow, events: readonly JobEvent[]): RunMetrics | null {
  const setting = runSetting(run.params);
  const job = run.job;
  if (!setting || !job) return null;
  const { execution } = setting;
  const origin = run.importedFrom === null ? 'quorum' : 'paper';
  const rounds = run.rounds ?? countRounds(events);
  const minimum = theoreticalMinRounds(job.criticalPath, job.subtasks, run.size);
  let lockConflicts = 0;
  let claimsBlocked = 0;
  let testRuns = 0;
  let testFailures = 0;
  let agentTurns = 0;
  let finalTests: JobEvent | null = null;
  for (const event of events) {
    switch (event.kind) {
      case 'lock_attempt':
        if (event.ok === false) lockConflicts++;
        break;
      case 'claim_blocked':
        claimsBlocked++;
        break;
      case 'run_tests':
        testRuns++;
        if (event.returncode !== undefined && FAILED_TEST_RUN.has(event.returncode)) testFailures++;
        break;
      case 'agent_reply':
        agentTurns++;
        break;
      case 'final_tests':
        finalTests = event;
        break;
      default:
        break;
    }
  }
  return {
    experimentId: run.experimentId,
    trialId: run.trialId,
    cellIndex: run.cellIndex,
    origin,
    model: run.model,
    mode: setting.mode,
    execution,
    domain: job.domain,
    jobId: job.id,
    itemIndex: run.itemIndex,
    subtasks: job.subtasks,
    p: job.p,
    n: run.size,
    repetition: run.repetition,
    success: run.status === 'done' && run.correct,
    trialFailed: run.status === 'failed',
    finalTestsPass: finalTests === null ? null : finalTests.returncode === 0,
    finalTestShare: finalTests === null ? null : run.score,
    seconds: runSeconds(run),
    rounds,
    criticalPath: job.criticalPath,
    theoreticalMinRounds: minimum,
    efficiency: rounds > 0 ? minimum / rounds : 0,
    lockConflicts,
    concurrentWrites: concurrentWrites(events, execution),
    rewrites: rewrites(events, execution),
    claimsBlocked,
    testRuns,
    testFailures,
    stragglerGapSeconds: stragglerGapSeconds(events, execution, origin === 'paper' ? PAPER_MAX_LATENCY_SECONDS : Number.POSITIVE_INFINITY),
    idleRounds: idleRounds(events, execution),
    agentTurns,
    tokensIn: run.tokensIn,
    tokensOut: run.tokensOut,
    barrierUtilization: barrierUtilization(events, execution, run.size),
  };
}

/** The run's length on its timeline (trials.critical_path_ms); a trial that failed on an error, from its start to the error. */
function runSeconds(run: JobRunRow): number {
  if (run.criticalPathMs !== null) return run.criticalPathMs / 1000;
  if (run.startedAtMs !== null && run.finishedAtMs !== null) return Math.max(0, run.finishedAtMs - run.startedAtMs) / 1000;
  return run.wallMs === null ? 0 : run.wallMs / 1000;
}

function countRounds(events: readonly JobEvent[]): number {
  let rounds = 0;
  for (const event of events) if (event.kind === 'round_start') rounds++;
  return rounds;
}
