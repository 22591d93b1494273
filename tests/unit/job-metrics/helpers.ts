/** Small hand-built runs for the job-metric tests. */
import type { JobEvent, JobEventKind } from '../../../shared/domain/jobs';
import type { RunMetrics } from '../../../shared/domain/job-metrics';
import type { JobRunRow } from '../../../electron/core/store/job-run-rows';

export function runRow(overrides: Partial<JobRunRow> = {}): JobRunRow {
  return {
    experimentId: 'exp',
    trialId: 1,
    cellIndex: 0,
    itemIndex: 0,
    repetition: 0,
    status: 'done',
    model: 'sim:default',
    structure: 'coding-team',
    size: 2,
    params: { size: 2, mode: 'preassign', execution: 'rounds', maxRounds: 60 },
    job: { id: 'job', domain: 'math', p: 0.9, criticalPath: 2, subtasks: 20 },
    correct: true,
    score: null,
    criticalPathMs: 60_000,
    wallMs: 60_000,
    startedAtMs: null,
    finishedAtMs: null,
    rounds: 3,
    tokensIn: 1000,
    tokensOut: 500,
    importedFrom: null,
    ...overrides,
  };
}

/** An event at `seconds` on the run's timeline. */
export function at(seconds: number, kind: JobEventKind, fields: Partial<JobEvent> = {}): JobEvent {
  return { kind, round: null, agent: null, atMs: seconds * 1000, ...fields };
}

/** A round starting at `start` s in which each agent replies after its latency (s) and then does `after` (its own actions). */
export function round(number: number, start: number, latencies: Record<number, number>, after: (agent: number, replyAt: number) => JobEvent[] = () => []): JobEvent[] {
  const events: JobEvent[] = [at(start, 'round_start', { round: number })];
  const order = Object.entries(latencies).sort((a, b) => a[1] - b[1]);
  for (const [agentText, latency] of order) {
    const agent = Number(agentText);
    events.push(at(start + latency, 'agent_reply', { round: number, agent }));
    events.push(...after(agent, start + latency));
  }
  return events;
}

export function edit(seconds: number, roundNumber: number, agent: number, path: string): JobEvent {
  return at(seconds, 'edit_file', { round: roundNumber, agent, path });
}

/** A measured run with every field set, for the group and speedup tests. */
export function measured(overrides: Partial<RunMetrics> = {}): RunMetrics {
  return {
    experimentId: 'exp',
    trialId: 1,
    cellIndex: 0,
    origin: 'quorum',
    model: 'sim:default',
    mode: 'preassign',
    execution: 'rounds',
    domain: 'math',
    jobId: 'job',
    itemIndex: 0,
    subtasks: 20,
    p: 0.9,
    n: 1,
    repetition: 0,
    success: true,
    trialFailed: false,
    finalTestsPass: null,
    finalTestShare: null,
    seconds: 100,
    rounds: 10,
    criticalPath: 2,
    theoreticalMinRounds: 20,
    efficiency: 1,
    lockConflicts: 0,
    concurrentWrites: 0,
    rewrites: 0,
    claimsBlocked: 0,
    testRuns: 0,
    testFailures: 0,
    stragglerGapSeconds: null,
    idleRounds: 0,
    agentTurns: 10,
    tokensIn: 1000,
    tokensOut: 0,
    barrierUtilization: null,
    ...overrides,
  };
}
