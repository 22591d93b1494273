/**
 * Each metric of docs/job-metrics.md on a small run built by hand, as a user
 * would check it: two agents writing one file in one round is a concurrent
 * write, a file written again later is a rewrite, and so on.
 */
import { describe, expect, it } from 'vitest';
import { measureRun, PAPER_MAX_LATENCY_SECONDS } from '../../../electron/core/analysis/jobs/run-metrics';
import { theoreticalMinRounds } from '../../../electron/core/analysis/jobs/critical-path';
import { criticalPathLength } from '../../../electron/core/tasks/coding/graph';
import type { JobEvent } from '../../../shared/domain/jobs';
import { at, edit, round, runRow } from './helpers';

function measure(events: JobEvent[], overrides: Parameters<typeof runRow>[0] = {}) {
  const run = measureRun(runRow(overrides), events);
  if (!run) throw new Error('the run was not measured');
  return run;
}

const asyncTeam = { params: { size: 2, mode: 'self-claim', execution: 'async' } };

describe('consistency conflicts', () => {
  it('counts a file two agents edited in the same round as one concurrent write', () => {
    const events = [...round(1, 0, { 0: 5, 1: 8 }, (agent, t) => [edit(t, 1, agent, 'add.py')])];
    expect(measure(events).concurrentWrites).toBe(1);
  });

  it('does not count one agent editing a file twice in a round, nor two agents editing it in different rounds', () => {
    const events = [
      ...round(1, 0, { 0: 5 }, (agent, t) => [edit(t, 1, agent, 'add.py'), edit(t, 1, agent, 'add.py')]),
      ...round(2, 10, { 1: 5 }, (agent, t) => [edit(t, 2, agent, 'add.py')]),
    ];
    const run = measure(events);
    expect(run.concurrentWrites).toBe(0);
    expect(run.rewrites).toBe(1);
  });

  it('counts (round, path) pairs, not agents: three agents on one file in one round are one concurrent write', () => {
    const events = round(1, 0, { 0: 1, 1: 2, 2: 3 }, (agent, t) => [edit(t, 1, agent, 'mean.py')]);
    expect(measure(events, { size: 3 }).concurrentWrites).toBe(1);
  });

  it('counts as rewrites only edits of a file in a round after its first one', () => {
    const events = [
      ...round(1, 0, { 0: 5 }, (agent, t) => [edit(t, 1, agent, 'a.py'), edit(t, 1, agent, 'a.py')]),
      ...round(2, 10, { 0: 5 }, (agent, t) => [edit(t, 2, agent, 'a.py'), edit(t, 2, agent, 'b.py')]),
      ...round(3, 20, { 1: 5 }, (agent, t) => [edit(t, 3, agent, 'a.py'), edit(t, 3, agent, 'b.py')]),
    ];
    expect(measure(events).rewrites).toBe(3);
  });

  it('without a barrier, counts an edit over another agent\'s write made while its own turn was in progress', () => {
    const events = [
      at(10, 'agent_reply', { round: 1, agent: 0, seconds: 10 }),
      edit(10, 1, 0, 'a.py'),
      at(12, 'agent_reply', { round: 1, agent: 1, seconds: 7 }),
      edit(12, 1, 1, 'a.py'),
    ];
    expect(measure(events, asyncTeam).concurrentWrites).toBe(1);
  });

  it('without a barrier, does not count an edit made by an agent whose turn began after the other write', () => {
    const events = [
      at(10, 'agent_reply', { round: 1, agent: 0, seconds: 10 }),
      edit(10, 1, 0, 'a.py'),
      at(14, 'agent_reply', { round: 1, agent: 1, seconds: 3 }),
      edit(14, 1, 1, 'a.py'),
    ];
    const run = measure(events, asyncTeam);
    expect(run.concurrentWrites).toBe(0);
    expect(run.rewrites).toBe(1);
  });

  it('counts denied lock attempts as lock conflicts, and claims refused for unmet dependencies as claims blocked', () => {
    const events = [
      at(1, 'lock_attempt', { round: 1, agent: 0, path: 'a.py', ok: true }),
      at(1, 'lock_attempt', { round: 1, agent: 1, path: 'a.py', ok: false }),
      at(1, 'lock_attempt', { round: 1, agent: 1, path: 'b.py' }),
      at(2, 'claim_blocked', { round: 1, agent: 1, taskId: 'task-3' }),
      at(2, 'claim_blocked', { round: 1, agent: 0, taskId: 'task-4' }),
      at(2, 'claim_task', { round: 1, agent: 0, taskId: 'task-1' }),
    ];
    const run = measure(events);
    expect(run.lockConflicts).toBe(1);
    expect(run.claimsBlocked).toBe(2);
  });
});

describe('test runs', () => {
  it('counts every test run, and as failures those ending with return code 1, 2 or 3', () => {
    const events = [0, 1, 2, 3, 4, 5].map((returncode) => at(returncode, 'run_tests', { round: 1, agent: 0, returncode }));
    const run = measure(events);
    expect(run.testRuns).toBe(6);
    expect(run.testFailures).toBe(3);
  });

  it('reads the final test-pass metric from the final test run, not from the agents\' own test runs', () => {
    const passing = measure([at(1, 'run_tests', { returncode: 1 }), at(9, 'final_tests', { returncode: 0 })], { score: 1 });
    expect(passing.finalTestsPass).toBe(true);
    expect(passing.finalTestShare).toBe(1);
    expect(passing.testRuns).toBe(1);
    const failing = measure([at(9, 'final_tests', { returncode: 1 })], { score: 0.75 });
    expect(failing.finalTestsPass).toBe(false);
    expect(failing.finalTestShare).toBe(0.75);
    const none = measure([at(1, 'run_tests', { returncode: 0 })], { score: null });
    expect(none.finalTestsPass).toBeNull();
    expect(none.finalTestShare).toBeNull();
  });
});

describe('rounds and waiting', () => {
  it('measures the straggler gap as the slowest reply minus the mean, averaged over rounds with two or more replies', () => {
    const events = [
      ...round(1, 0, { 0: 10, 1: 20, 2: 60 }), // slowest 60, mean 30: gap 30
      ...round(2, 100, { 0: 10, 1: 20 }), // slowest 20, mean 15: gap 5
      ...round(3, 200, { 0: 40 }), // one reply: no gap
    ];
    expect(measure(events, { size: 3 }).stragglerGapSeconds).toBeCloseTo(17.5, 10);
  });

  it("drops replies of 180 s or more from the paper's runs, as the paper does, but keeps them in Quorum's", () => {
    const events = round(1, 0, { 0: 10, 1: 20, 2: 200 });
    expect(measure(events, { size: 3, importedFrom: 'paper:2603.12229' }).stragglerGapSeconds).toBeCloseTo(20 - 15, 10);
    expect(measure(events, { size: 3 }).stragglerGapSeconds).toBeCloseTo(200 - 230 / 3, 10);
    expect(PAPER_MAX_LATENCY_SECONDS).toBe(180);
  });

  it('has no straggler gap for one agent, nor without a barrier', () => {
    expect(measure(round(1, 0, { 0: 10 }), { size: 1 }).stragglerGapSeconds).toBeNull();
    const events = [at(10, 'agent_reply', { round: 1, agent: 0, seconds: 10 }), at(30, 'agent_reply', { round: 1, agent: 1, seconds: 30 })];
    expect(measure(events, asyncTeam).stragglerGapSeconds).toBeNull();
  });

  it('counts rounds with replies but no completed subtask as idle', () => {
    const events = [
      ...round(1, 0, { 0: 5, 1: 6 }, (agent, t) => (agent === 0 ? [at(t, 'complete_task', { round: 1, agent, taskId: 'task-1' })] : [])),
      ...round(2, 10, { 0: 5, 1: 6 }),
      ...round(3, 20, { 0: 5 }),
      at(30, 'round_start', { round: 4 }),
    ];
    const run = measure(events);
    expect(run.idleRounds).toBe(2);
    expect(run.agentTurns).toBe(5);
  });

  it('measures barrier utilization as busy agent-time over agent-time in rounds two or more agents worked in', () => {
    const events = [
      ...round(1, 0, { 0: 4, 1: 10 }), // round lasts 10 s (until round 2): 14 of 20 agent-seconds busy
      ...round(2, 10, { 0: 10 }), // one agent: left out
      at(20, 'run_end', { round: 2 }),
    ];
    expect(measure(events).barrierUtilization).toBeCloseTo(0.7, 10);
  });

  it('measures async utilization per agent from its first turn\'s start to its last turn\'s end', () => {
    const backToBack = [
      at(10, 'agent_reply', { round: 1, agent: 0, seconds: 10 }),
      at(20, 'agent_reply', { round: 2, agent: 0, seconds: 10 }),
      at(15, 'agent_reply', { round: 1, agent: 1, seconds: 15 }),
    ];
    expect(measure(backToBack, asyncTeam).barrierUtilization).toBeCloseTo(1, 10);
    const waiting = [
      at(10, 'agent_reply', { round: 1, agent: 0, seconds: 10 }),
      at(30, 'agent_reply', { round: 2, agent: 0, seconds: 10 }), // idle from 10 s to 20 s
      at(15, 'agent_reply', { round: 1, agent: 1, seconds: 15 }),
    ];
    expect(measure(waiting, asyncTeam).barrierUtilization).toBeCloseTo((20 + 15) / (30 + 15), 10);
  });

  it('has no barrier utilization for a team of one', () => {
    expect(measure(round(1, 0, { 0: 10 }), { size: 1 }).barrierUtilization).toBeNull();
  });
});

describe('the run as a whole', () => {
  it('takes the theoretical minimum rounds as max(C, ⌈N / n⌉) and efficiency as that over the rounds run', () => {
    expect(theoreticalMinRounds(16, 20, 5)).toBe(16);
    expect(theoreticalMinRounds(2, 20, 3)).toBe(7);
    const run = measure([], { size: 5, rounds: 20, job: { id: 'j', domain: 'math', p: 0.2, criticalPath: 16, subtasks: 20 } });
    expect(run.theoreticalMinRounds).toBe(16);
    expect(run.efficiency).toBeCloseTo(0.8, 10);
  });

  it('finds the critical path as the longest dependency chain, counted in subtasks', () => {
    const chain = (id: string, ...dependencies: string[]) => ({ id, dependencies });
    expect(criticalPathLength([chain('a'), chain('b', 'a'), chain('c', 'b', 'a'), chain('d'), chain('e', 'd')])).toBe(3);
    expect(criticalPathLength([chain('a'), chain('b')])).toBe(1);
    expect(() => criticalPathLength([chain('a', 'b'), chain('b', 'a')])).toThrow(/cycle/);
  });

  it('counts a trial that stopped on an error as an unsuccessful run, timed from its start to the error', () => {
    const run = measure([], { status: 'failed', correct: false, criticalPathMs: null, wallMs: null, startedAtMs: 1_000, finishedAtMs: 31_000 });
    expect(run.success).toBe(false);
    expect(run.trialFailed).toBe(true);
    expect(run.seconds).toBe(30);
  });

  it("takes the run's seconds from its length on its timeline, and its tokens from the trial", () => {
    const run = measure([], { criticalPathMs: 42_500, tokensIn: 700, tokensOut: 300 });
    expect(run.seconds).toBe(42.5);
    expect(run.tokensIn + run.tokensOut).toBe(1000);
    expect(run.origin).toBe('quorum');
    expect(measure([], { importedFrom: 'paper:2603.12229' }).origin).toBe('paper');
  });

  it('leaves out a run whose mode this version does not know', () => {
    expect(measureRun(runRow({ params: { mode: 'telepathy' } }), [])).toBeNull();
  });
});
