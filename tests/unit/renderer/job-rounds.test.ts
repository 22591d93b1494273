/** A run's rounds from its events alone: turns, what each did, the barriers, and the drawing's coordinates. */
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/domain/jobs';
import { glyphCounts, layoutJobRounds, LABEL_WIDTH, MIN_UNIT_WIDTH, neighbourTurn } from '../../../renderer/src/charts/job-rounds';
import { readJobRun } from '../../../renderer/src/lib/job-run';
import { actionWords, runSummary, turnWords } from '../../../renderer/src/lib/job-run-text';

const ev = (kind: JobEvent['kind'], atMs: number, fields: Partial<JobEvent> = {}): JobEvent => ({ kind, round: null, agent: null, atMs, ...fields });

/** Two agents, two rounds with a barrier: agent 1 is the straggler of round 1; a claim is blocked, a test run fails; the final tests pass. */
const ROUNDS: JobEvent[] = [
  ev('run_start', 0),
  ev('round_start', 0, { round: 1 }),
  ev('agent_reply', 2000, { round: 1, agent: 0, ok: true, seconds: 2 }),
  ev('claim_task', 2000, { round: 1, agent: 0, taskId: 'task-1', ok: true }),
  ev('lock_attempt', 2000, { round: 1, agent: 0, path: 'add.js', ok: true }),
  ev('edit_file', 2000, { round: 1, agent: 0, path: 'add.js', taskId: 'task-1', detail: '120 characters, new file' }),
  ev('complete_task', 2000, { round: 1, agent: 0, taskId: 'task-1', ok: true }),
  ev('agent_reply', 5000, { round: 1, agent: 1, ok: true, seconds: 5 }),
  ev('claim_blocked', 5000, { round: 1, agent: 1, taskId: 'task-2', ok: false, detail: 'task-1 was not done when the round began' }),
  ev('round_start', 5000, { round: 2 }),
  ev('agent_reply', 6000, { round: 2, agent: 0, ok: true, seconds: 1 }),
  ev('run_tests', 6500, { round: 2, agent: 0, returncode: 1, seconds: 0.5, detail: 'task-1: 1 failed' }),
  ev('run_tests', 6600, { round: 2, agent: 0, returncode: 0, seconds: 0.1, detail: 'task-1: 3 passed' }),
  ev('agent_reply', 7000, { round: 2, agent: 1, ok: false, seconds: 2, detail: 'timeout: no reply in 2 s' }),
  ev('final_tests', 7500, { returncode: 0, seconds: 0.5, detail: '12 passed' }),
  ev('run_end', 7000, { detail: 'all_done: 2 of 2 subtasks done after 2 rounds' }),
];

/** The same team without a barrier: each turn began its recorded seconds before its reply. */
const ASYNC: JobEvent[] = [
  ev('run_start', 0),
  ev('agent_reply', 2000, { round: 1, agent: 0, ok: true, seconds: 2 }),
  ev('edit_file', 2000, { round: 1, agent: 0, path: 'a.js' }),
  ev('edit_file', 2000, { round: 1, agent: 0, path: 'b.js' }),
  ev('agent_reply', 3000, { round: 1, agent: 1, ok: true, seconds: 3 }),
  ev('agent_reply', 3500, { round: 2, agent: 0, ok: true, seconds: 1.5 }),
  ev('complete_task', 3500, { round: 2, agent: 0, taskId: 'task-1', ok: true }),
  ev('run_end', 3500, { detail: 'all_done' }),
];

describe('reading a run from its events', () => {
  const run = readJobRun(ROUNDS, 2);

  it('finds the rounds and their barriers from round_start, the last closed by the run end', () => {
    expect(run.execution).toBe('rounds');
    expect(run.rounds).toEqual([
      { round: 1, startMs: 0, endMs: 5000 },
      { round: 2, startMs: 5000, endMs: 7000 },
    ]);
  });

  it("times each turn from its round's start to the agent's reply and files its actions under it", () => {
    expect(run.turns.map((t) => [t.key, t.startMs, t.endMs, t.replied])).toEqual([
      ['0:1', 0, 2000, true],
      ['0:2', 5000, 6000, true],
      ['1:1', 0, 5000, true],
      ['1:2', 5000, 7000, false],
    ]);
    const first = run.turns[0]!;
    expect(first.tally).toMatchObject({ claims: 1, edits: 1, completions: 1, locksDenied: 0 });
    expect(run.turns[2]!.tally.claimsBlocked).toBe(1);
    expect(run.turns[1]!.tally).toMatchObject({ testRuns: 2, testFailures: 1 });
    expect(run.turns[3]!.problem).toBe('timeout: no reply in 2 s');
  });

  it('keeps the final tests and the end apart from the turns, and adds up the board', () => {
    expect(run.finalTests).toEqual({ passed: true, returncode: 0, atMs: 7500, detail: '12 passed' });
    expect(run.end?.detail).toMatch(/^all_done/);
    expect(run.totals).toMatchObject({ edits: 1, claims: 1, claimsBlocked: 1, completions: 1, testRuns: 2, testFailures: 1 });
    expect(run.endMs).toBe(7500);
  });

  it('reads a run without round_start as asynchronous: turns begin their recorded seconds before the reply', () => {
    const async = readJobRun(ASYNC, 2);
    expect(async.execution).toBe('async');
    expect(async.rounds).toEqual([]);
    expect(async.turns.map((t) => [t.key, t.startMs, t.endMs])).toEqual([
      ['0:1', 0, 2000],
      ['0:2', 2000, 3500],
      ['1:1', 0, 3000],
    ]);
  });

  it('still draws actions whose reply was not recorded, where they happened', () => {
    const orphan = readJobRun([ev('round_start', 0, { round: 1 }), ev('edit_file', 900, { round: 1, agent: 2, path: 'x.js' })], 1);
    expect(orphan.agents).toBe(3);
    expect(orphan.turns).toHaveLength(1);
    expect(orphan.turns[0]).toMatchObject({ agent: 2, replyMissing: true, endMs: 900 });
  });
});

describe('the run in words', () => {
  const run = readJobRun(ROUNDS, 2);

  it('says each action, a blocked claim with its reason, a failed test run with its return code; a granted lock not at all', () => {
    expect(actionWords(ROUNDS[5]!)).toBe('edited add.js (120 characters, new file)');
    expect(actionWords(ROUNDS[8]!)).toBe('claim on task-2 blocked: task-1 was not done when the round began');
    expect(actionWords(ROUNDS[11]!)).toBe('ran tests (task-1: 1 failed): failed (return code 1)');
    expect(actionWords(ROUNDS[4]!)).toBeNull();
  });

  it('says each turn and the whole run', () => {
    expect(turnWords(run.turns[0]!, 'rounds')).toBe('Agent 0, round 1, 0 ms to 2 s: 1 edit, 1 claim, 1 completion.');
    expect(turnWords(run.turns[3]!, 'rounds')).toBe('Agent 1, round 2, 5 s to 7 s, the call failed (timeout: no reply in 2 s): nothing on the board.');
    expect(runSummary(run)).toBe(
      '2 rounds with a barrier; 2 agents, 4 turns (1 failed). On the board: 1 edit, 1 claim, 1 blocked claim, 1 completion, 2 test runs (1 failed). Final tests at 7.5 s: passed (12 passed). Run ended at 7 s: all_done: 2 of 2 subtasks done after 2 rounds.',
    );
  });
});

describe('the drawing', () => {
  const run = readJobRun(ROUNDS, 2);
  const layout = layoutJobRounds(run, { width: 1000 });

  it('puts one lane per agent and one band per round, each closed by its barrier, on one time scale', () => {
    expect(layout.lanes.map((l) => l.label)).toEqual(['Agent 0', 'Agent 1']);
    expect(layout.bands.map((b) => [b.round, b.x, b.width])).toEqual([
      [1, LABEL_WIDTH, 5000 * layout.pxPerMs],
      [2, LABEL_WIDTH + 5000 * layout.pxPerMs, 2000 * layout.pxPerMs],
    ]);
    expect(layout.barriers.map((b) => b.x)).toEqual([LABEL_WIDTH + 5000 * layout.pxPerMs, LABEL_WIDTH + 7000 * layout.pxPerMs]);
    // The whole run fits the width given.
    expect(layout.plotRight).toBeCloseTo(1000 - 36, 5);
  });

  it("draws a turn's wait at the barrier after its reply, and none for the straggler", () => {
    const fast = layout.turns.find((t) => t.key === '0:1')!;
    const slow = layout.turns.find((t) => t.key === '1:1')!;
    expect(fast.wait).toEqual({ x1: fast.x + fast.width, x2: LABEL_WIDTH + 5000 * layout.pxPerMs });
    expect(slow.wait).toBeNull();
  });

  it('marks each kind of action under its turn, failures apart, with counts', () => {
    const tests = layout.turns.find((t) => t.key === '0:2')!;
    expect(tests.glyphs.map((g) => [g.kind, g.count])).toEqual([
      ['tests', 1],
      ['tests-failed', 1],
    ]);
    expect(layout.turns.find((t) => t.key === '1:1')!.glyphs.map((g) => g.kind)).toEqual(['claim-blocked']);
    expect(glyphCounts({ ...run.totals, edits: 3 }).find((g) => g.kind === 'edit')?.count).toBe(3);
    expect(layout.marks.map((m) => [m.kind, m.passed])).toEqual([
      ['final-tests', true],
      ['end', null],
    ]);
  });

  it('puts the rightmost closing mark\'s label on top, so a label running left crosses no other rule', () => {
    // Final tests before the run's end, and after it.
    for (const finalAt of [6_000, 7_500]) {
      const events = [...ROUNDS.filter((e) => e.kind !== 'final_tests'), ev('final_tests', finalAt, { returncode: 0 })];
      const marks = [...layoutJobRounds(readJobRun(events, 2), { width: 900 }).marks].sort((a, b) => a.x - b.x);
      expect(marks).toHaveLength(2);
      expect(marks[1]!.labelY).toBeLessThan(marks[0]!.labelY);
    }
  });

  it('widens a long run so a typical round keeps room for its marks, and scrolls instead', () => {
    const long: JobEvent[] = Array.from({ length: 60 }, (_, i) => [ev('round_start', i * 1000, { round: i + 1 }), ev('agent_reply', i * 1000 + 800, { round: i + 1, agent: 0, ok: true })]).flat();
    const wide = layoutJobRounds(readJobRun(long, 1), { width: 800 });
    expect(wide.bands[10]!.width).toBeGreaterThanOrEqual(MIN_UNIT_WIDTH - 1e-9);
    expect(wide.width).toBeGreaterThan(800);
  });

  it('has no bands or barriers without a barrier', () => {
    const async = layoutJobRounds(readJobRun(ASYNC, 2), { width: 800 });
    expect(async.bands).toEqual([]);
    expect(async.barriers).toEqual([]);
    expect(async.turns.every((t) => t.wait === null)).toBe(true);
  });

  it('moves the keyboard along an agent and to the nearest turn of the next agent', () => {
    expect(neighbourTurn(layout.turns, '0:1', 'right')).toBe('0:2');
    expect(neighbourTurn(layout.turns, '0:2', 'right')).toBe('0:2');
    expect(neighbourTurn(layout.turns, '0:2', 'down')).toBe('1:2');
    expect(neighbourTurn(layout.turns, '1:1', 'up')).toBe('0:1');
    expect(neighbourTurn(layout.turns, '1:2', 'first')).toBe('1:1');
  });
});
