/**
 * The coding board as agents meet it: claims refused while a dependency is
 * open (claim_blocked), completions that check ownership, files and — unlike
 * the paper — dependencies, locks that really contend and lapse, test runs
 * in the sandbox, and every action recorded as a run event.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/domain/jobs';
import { closeSandbox } from '../../../electron/core/sandbox';
import type { CodingAction } from '../../../electron/core/teams/coding/actions';
import { CodingEnvironment } from '../../../electron/core/teams/coding/environment';
import { sandboxRunner } from '../../../electron/core/teams/coding/test-runs';
import type { CoordinationMode } from '../../../shared/domain/jobs';
import { handMadeJob } from './jobs';

afterAll(() => closeSandbox());

const job = handMadeJob({ chain: 3, independent: 2 });

function board(mode: CoordinationMode, teamSize = 3, owners: Record<string, number> | null = null): CodingEnvironment {
  const environment = new CodingEnvironment(job);
  environment.start({ mode, execution: 'rounds', teamSize, virtualTime: true, runner: sandboxRunner }, owners ? new Map(Object.entries(owners)) : null);
  for (let agent = 0; agent < teamSize; agent++) environment.beginTurn(agent);
  return environment;
}

async function act(environment: CodingEnvironment, agent: number, action: CodingAction, atMs = 1000) {
  return environment.act(agent, action, { round: 1, atMs });
}

const kinds = (events: readonly JobEvent[]) => events.map((e) => `${e.kind}${e.ok === false ? ':refused' : ''}`);

describe('claims', () => {
  it('refuses a claim while a dependency is open and records it as claim_blocked', async () => {
    const environment = board('self-claim');
    expect(await act(environment, 0, { kind: 'claim', task: 'task-2' })).toMatchObject({ ok: false, detail: 'claim task-2: task-2 waits for task-1 to be done' });
    expect(await act(environment, 1, { kind: 'claim', task: '1' })).toMatchObject({ ok: true });
    expect(await act(environment, 2, { kind: 'claim', task: 'task-1' })).toMatchObject({ ok: false, detail: 'claim task-1: agent 1 holds task-1' });
    const events = environment.jobEvents().filter((e) => e.kind !== 'run_start');
    expect(kinds(events)).toEqual(['claim_blocked:refused', 'claim_task', 'claim_task:refused']);
    expect(events.map((e) => [e.agent, e.taskId])).toEqual([[0, 'task-2'], [1, 'task-1'], [2, 'task-1']]);
  });

  it('gives out subtasks rather than letting them be claimed outside claim modes', async () => {
    const environment = board('lead-assign');
    expect(await act(environment, 1, { kind: 'claim', task: 'task-4' })).toMatchObject({ ok: false, detail: expect.stringContaining('given out, not claimed') });
    expect(await act(environment, 1, { kind: 'assign', task: 'task-4', to: 1 })).toMatchObject({ ok: false, detail: 'assign task-4: only the lead assigns subtasks' });
    expect(await act(environment, 0, { kind: 'assign', task: 'task-4', to: 1 })).toMatchObject({ ok: true });
    expect(await act(environment, 1, { kind: 'claim', task: 'task-4' })).toMatchObject({ ok: true });
    expect(environment.agentState(1).notices).toEqual(['The lead assigned you task-4.']);
  });
});

describe('completing', () => {
  it('checks ownership, the files and the dependencies', async () => {
    const environment = board('preassign', 2, { 'task-1': 0, 'task-2': 1, 'task-3': 0, 'task-4': 1, 'task-5': 0 });
    const write = (agent: number, path: string) => act(environment, agent, { kind: 'write', path, content: job.solutions![path]! });
    expect(await act(environment, 1, { kind: 'complete', task: 'task-1' })).toMatchObject({ ok: false, detail: "complete task-1: task-1 is agent 0's, not yours" });
    expect(await act(environment, 0, { kind: 'complete', task: 'task-1' })).toMatchObject({ ok: false, detail: 'complete task-1: task-1 is not done: step1.js has not been written' });
    await write(1, 'step2.js');
    // The paper marked a subtask done on ownership alone; here its dependencies must be done first.
    expect(await act(environment, 1, { kind: 'complete', task: 'task-2' })).toMatchObject({ ok: false, detail: 'complete task-2: task-2 cannot be done before task-1' });
    await write(0, 'step1.js');
    expect(await act(environment, 0, { kind: 'complete', task: 'task-1' })).toMatchObject({ ok: true });
    expect(await act(environment, 1, { kind: 'complete', task: 'task-2' })).toMatchObject({ ok: true });
    expect(environment.board.status('task-2')).toBe('done');
  });
});

describe('locks', () => {
  it('deny a write to a file another agent holds, tell the writer who holds it, and lapse after the holder\'s next turn', async () => {
    const environment = board('self-claim');
    expect(await act(environment, 0, { kind: 'write', path: 'step1.js', content: 'export function step1(x) { return x + 1; }\n' }, 1000)).toMatchObject({ ok: true });
    const denied = await act(environment, 1, { kind: 'write', path: './step1.js', content: 'export const wrong = 1;\n' }, 2000);
    expect(denied.ok).toBe(false);
    expect(denied.detail).toMatch(/agent 0 holds the lock on step1.js \(it wrote it at 1.0 s\); nothing was written/);
    expect(environment.fileContent('step1.js')).toBe('export function step1(x) { return x + 1; }\n');
    const attempts = environment.jobEvents().filter((e) => e.kind === 'lock_attempt');
    expect(attempts.map((e) => [e.agent, e.path, e.ok])).toEqual([[0, 'step1.js', true], [1, 'step1.js', false]]);
    expect(environment.jobEvents().filter((e) => e.kind === 'edit_file').map((e) => e.agent)).toEqual([0]);

    // Agent 0 ends the turn it wrote in: it still holds the file through its next one.
    environment.endTurn(0, '');
    environment.beginTurn(0);
    expect((await act(environment, 1, { kind: 'write', path: 'step1.js', content: 'export const wrong = 1;\n' }, 3000)).ok).toBe(false);
    // Its next turn ends without writing the file again: the lease lapses.
    environment.endTurn(0, '');
    expect((await act(environment, 1, { kind: 'write', path: 'step1.js', content: 'export const wrong = 1;\n' }, 4000)).ok).toBe(true);
  });

  it('keep the job\'s test files out of the team\'s reach', async () => {
    const environment = board('self-claim');
    expect(await act(environment, 0, { kind: 'write', path: 'tests/task-1.test.js', content: 'x' })).toMatchObject({ ok: false, detail: expect.stringContaining('test files') });
  });
});

describe('test runs', () => {
  it('run in the sandbox, last their documented time on the sim, and tell the agent what failed', async () => {
    const environment = board('preassign', 2, { 'task-1': 0, 'task-2': 0, 'task-3': 1, 'task-4': 1, 'task-5': 1 });
    await act(environment, 0, { kind: 'write', path: 'step1.js', content: job.solutions!['step1.js']! });
    await act(environment, 0, { kind: 'write', path: 'step2.js', content: job.bugs!['step2.js']![0]!.content });
    await act(environment, 0, { kind: 'complete', task: 'task-1' });
    await act(environment, 0, { kind: 'complete', task: 'task-2' });
    expect(environment.hasWork(0)).toBe(false);
    const result = await act(environment, 0, { kind: 'run_tests', tasks: ['task-1', 'task-2'] }, 5000);
    expect(result).toMatchObject({ ok: true, seconds: 1 + 0.02 * 4 });
    const run = environment.jobEvents().find((e) => e.kind === 'run_tests')!;
    expect(run).toMatchObject({ agent: 0, returncode: 1, seconds: 1.08, atMs: 5000 + 1080 });
    expect(environment.agentState(0).tests).toMatchObject({ returncode: 1, failing: ['task-2'], passing: ['task-1'] });
    expect(environment.agentState(0).tests!.output).toContain('FAILED');
    // A failing test of its own is work: the agent has a file to fix although its subtasks are marked done.
    expect(environment.hasWork(0)).toBe(true);
  });
});
