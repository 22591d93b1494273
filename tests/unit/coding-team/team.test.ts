/**
 * The coding team run through the engine on the sim, as the lab runs it:
 * each coordination mode divides the work as documented, rounds keep their
 * barrier and async runs have none, the final test run grades the trial,
 * and a sim run is the same every time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandbox } from '../../../electron/core/sandbox';
import { eventsOf, runCoding } from './helpers';
import { fanOutJob, handMadeJob } from './jobs';
import { logicalPart } from '../teams/engine-helpers';

afterAll(() => closeSandbox());

const chainy = handMadeJob({ chain: 16, independent: 4 });
const middling = handMadeJob({ chain: 10, independent: 10 });
const parallel = handMadeJob({ chain: 2, independent: 18 });

describe('coordination modes', () => {
  it('preassign: the paper\'s loads, and the chain written by the agent that holds it', async () => {
    const outcome = await runCoding({ mode: 'preassign', n: 5, job: chainy });
    expect(eventsOf(outcome.jobEvents, 'run_start')[0]!.detail).toContain('loads [16, 1, 1, 1, 1]');
    const chainWriters = new Set(eventsOf(outcome.jobEvents, 'edit_file').filter((e) => Number(e.taskId!.slice(5)) <= 16).map((e) => e.agent));
    expect(chainWriters).toEqual(new Set([0]));
    expect(outcome).toMatchObject({ correct: true, finalAnswer: 'done' });
  });

  it('balanced: list scheduling along the critical path takes the independent subtasks off the chain', async () => {
    const outcome = await runCoding({ mode: 'balanced', n: 5, job: middling });
    expect(eventsOf(outcome.jobEvents, 'run_start')[0]!.detail).toContain('loads [10, 3, 3, 2, 2]');
    const completedBy0 = eventsOf(outcome.jobEvents, 'complete_task').filter((e) => e.ok && e.agent === 0).map((e) => e.taskId);
    expect(completedBy0).toEqual(Array.from({ length: 10 }, (_, i) => `task-${i + 1}`));
  });

  it('lead-assign: only the lead assigns, each subtask is done by the agent it went to, and the lead\'s turn comes first', async () => {
    const outcome = await runCoding({ mode: 'lead-assign', n: 4, job: parallel });
    const assigns = eventsOf(outcome.jobEvents, 'assign_task');
    expect(assigns.length).toBeGreaterThanOrEqual(20);
    expect(new Set(assigns.map((e) => e.agent))).toEqual(new Set([0]));
    const assignee = new Map(assigns.filter((e) => e.ok).map((e) => [e.taskId, Number(/to agent (\d+)/.exec(e.detail!)![1])]));
    expect(new Set(assignee.values()).size).toBe(4);
    for (const done of eventsOf(outcome.jobEvents, 'complete_task').filter((e) => e.ok)) expect(done.agent).toBe(assignee.get(done.taskId));
    // Within a round, every worker's call starts after the lead's call (and its test runs) ended.
    for (const round of new Set(outcome.calls.map((c) => c.round))) {
      const calls = outcome.calls.filter((c) => c.round === round);
      const lead = calls.find((c) => c.agentIndex === 0)!;
      for (const worker of calls.filter((c) => c.agentIndex !== 0)) expect(worker.logicalStartMs).toBeGreaterThanOrEqual(lead.logicalEndMs);
    }
  });

  it('self-claim: agents reading one board collide on the same subtasks, and the board gives each to one', async () => {
    const outcome = await runCoding({ mode: 'self-claim', n: 4, job: parallel });
    const refused = eventsOf(outcome.jobEvents, 'claim_task').filter((e) => e.ok === false);
    expect(refused.length).toBeGreaterThan(0);
    const winners = new Map<string, number>();
    for (const claim of eventsOf(outcome.jobEvents, 'claim_task').filter((e) => e.ok)) {
      expect(winners.get(claim.taskId!) ?? claim.agent).toBe(claim.agent);
      winners.set(claim.taskId!, claim.agent!);
    }
    // A loser's write met the winner's lock.
    expect(eventsOf(outcome.jobEvents, 'lock_attempt').some((e) => e.ok === false)).toBe(true);
    expect(outcome.correct).toBe(true);
  });

  it('work-stealing: an agent with nothing to do takes a ready subtask from the busiest one, and does it', async () => {
    // Twelve subtasks build on task-1: the paper's rule gives all of them to task-1's agent.
    const outcome = await runCoding({ mode: 'work-stealing', n: 4, job: fanOutJob(12, 3) });
    expect(eventsOf(outcome.jobEvents, 'run_start')[0]!.detail).toContain('loads [13, 1, 1, 1]');
    const steals = eventsOf(outcome.jobEvents, 'steal_task');
    expect(steals.length).toBeGreaterThan(0);
    for (const steal of steals) {
      expect(steal.detail).toBe('from agent 0');
      const done = eventsOf(outcome.jobEvents, 'complete_task').find((e) => e.ok && e.taskId === steal.taskId)!;
      expect(done.agent).toBe(steal.agent);
    }
  });
});

describe('executions on the logical timeline', () => {
  it('rounds: no call of a round starts before every turn of the previous round, test runs included, has ended', async () => {
    const outcome = await runCoding({ mode: 'preassign', n: 3, job: middling });
    const starts = new Map(eventsOf(outcome.jobEvents, 'round_start').map((e) => [e.round!, e.atMs]));
    expect(starts.size).toBe(outcome.rounds);
    for (const call of outcome.calls) expect(call.logicalStartMs).toBeGreaterThanOrEqual(starts.get(call.round + 1)!);
    for (const run of eventsOf(outcome.jobEvents, 'run_tests')) {
      const next = starts.get(run.round! + 1);
      if (next !== undefined) expect(run.atMs).toBeLessThanOrEqual(next);
    }
  });

  it('async: no barrier, an agent\'s next turn starts when its last one (and its test runs) ended, and the run is shorter', async () => {
    const rounds = await runCoding({ mode: 'preassign', n: 4, job: parallel, seed: 3 });
    const free = await runCoding({ mode: 'preassign', n: 4, execution: 'async', job: parallel, seed: 3 });
    expect(eventsOf(free.jobEvents, 'round_start')).toEqual([]);
    let followUps = 0;
    for (const agent of [0, 1, 2, 3]) {
      const calls = free.calls.filter((c) => c.agentIndex === agent).sort((a, b) => a.round - b.round);
      const tests = eventsOf(free.jobEvents, 'run_tests').filter((e) => e.agent === agent);
      for (let i = 1; i < calls.length; i++) {
        // Its previous turn's test runs (recorded when they end) hold it back, and nothing else does.
        const previousTests = tests.filter((t) => t.round === calls[i - 1]!.round + 1);
        expect(previousTests.length).toBeGreaterThan(0);
        expect(calls[i]!.logicalStartMs).toBeCloseTo(Math.max(calls[i - 1]!.logicalEndMs, ...previousTests.map((t) => t.atMs)), 6);
        followUps++;
      }
    }
    expect(followUps).toBeGreaterThan(0);
    // Without a barrier, some agent starts its next turn while a teammate is still in its previous one.
    const aheadOfTeammate = free.calls.some((next) => free.calls.some((other) => other.agentIndex !== next.agentIndex && other.round === next.round - 1 && next.logicalStartMs < other.logicalEndMs));
    expect(aheadOfTeammate).toBe(true);
    const barred = rounds.calls.some((next) => rounds.calls.some((other) => other.round === next.round - 1 && next.logicalStartMs < other.logicalEndMs));
    expect(barred).toBe(false);
    expect(free.correct && rounds.correct).toBe(true);
    expect(free.criticalPathMs).toBeLessThan(rounds.criticalPathMs);
  });
});

describe('the end of a run', () => {
  it('grades the run with a final test run: correct when every subtask is done, scored by the share of tests passing', async () => {
    let sawBugLeft = false;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const outcome = await runCoding({ mode: 'preassign', n: 3, job: parallel, model: 'sim:weak', seed });
      const [end] = eventsOf(outcome.jobEvents, 'run_end');
      const [final] = eventsOf(outcome.jobEvents, 'final_tests');
      expect(end!.detail).toMatch(/^all_done: 20 of 20 subtasks done/);
      expect(final!.seconds).toBeGreaterThan(0);
      expect(outcome).toMatchObject({ correct: true, finalAnswer: 'done' });
      const passed = Number(/(\d+) passed/.exec(final!.detail!)![1]);
      const failed = Number(/(\d+) failed/.exec(final!.detail!)?.[1] ?? 0);
      expect(outcome.score).toBeCloseTo(passed / (passed + failed), 10);
      expect(final!.returncode).toBe(failed > 0 ? 1 : 0);
      expect(final!.atMs).toBeGreaterThan(end!.atMs);
      expect(outcome.criticalPathMs).toBe(end!.atMs);
      if (failed > 0) sawBugLeft = true;
    }
    // Success (every subtask marked done) is not the same as working code.
    expect(sawBugLeft).toBe(true);
  });

  it('stops at the cap and fails the trial', async () => {
    const outcome = await runCoding({ mode: 'preassign', n: 2, job: chainy, maxRounds: 3 });
    expect(outcome).toMatchObject({ correct: false, finalAnswer: null, rounds: 3 });
    expect(eventsOf(outcome.jobEvents, 'run_end')[0]!.detail).toMatch(/^max_rounds: \d+ of 20 subtasks done after 3 rounds/);
  });

  it('is the same on every run of a sim trial', async () => {
    for (const execution of ['rounds', 'async']) {
      const first = await runCoding({ mode: 'self-claim', n: 4, execution, job: middling, seed: 9 });
      const second = await runCoding({ mode: 'self-claim', n: 4, execution, job: middling, seed: 9 });
      expect(logicalPart(second)).toEqual(logicalPart(first));
      expect(second.jobEvents.length).toBeGreaterThan(40);
    }
  });
});
