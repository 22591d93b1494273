/**
 * A coding-job run read from its recorded events alone (imported runs have
 * no calls): its rounds, each agent's turns (with a barrier a turn runs from
 * its round's start to the agent's reply; without one, for the reply's
 * recorded length before it), what each turn did on the board, and the
 * run's closing events. Nothing is measured here beyond counting what each
 * turn recorded; the run's metrics are the lab's. Pure.
 */
import type { Execution, JobEvent } from '../../../shared/domain/jobs';

/** What one turn (or the whole run) did, counted by kind. */
export interface TurnTally {
  edits: number;
  /** Lock attempts refused: another agent held the file. */
  locksDenied: number;
  claims: number;
  /** Claims refused because a dependency was not done. */
  claimsBlocked: number;
  /** Claims refused for another reason (taken, unknown subtask). */
  claimsRefused: number;
  completions: number;
  completionsRefused: number;
  testRuns: number;
  testFailures: number;
  assigns: number;
  steals: number;
}

export interface RunTurn {
  /** "agent:round", unique in the run. */
  key: string;
  agent: number;
  /** The round (with a barrier) or the agent's own turn number (async); null when the events gave none. */
  round: number | null;
  startMs: number;
  /** When the reply came back (the actions are applied then). */
  endMs: number;
  /** False when the agent's call failed (no usable reply). */
  replied: boolean;
  /** No agent_reply was recorded for this turn: it is drawn where its actions happened. */
  replyMissing: boolean;
  /** The reply's recorded problem, e.g. "timeout: …". */
  problem: string | null;
  /** The turn's actions in recorded order (its reply excluded). */
  actions: JobEvent[];
  tally: TurnTally;
}

export interface RunRound {
  round: number;
  startMs: number;
  endMs: number;
}

export interface FinalTests {
  passed: boolean;
  returncode: number | null;
  atMs: number;
  detail: string | null;
}

export interface JobRunReading {
  execution: Execution;
  agents: number;
  rounds: RunRound[];
  /** By agent, then start time. */
  turns: RunTurn[];
  finalTests: FinalTests | null;
  end: { atMs: number; detail: string | null } | null;
  endMs: number;
  totals: TurnTally;
}

/** pytest's return codes: 0 passed, 5 collected no tests; anything else is a failing run (1 failures, 2 interrupted or a collection error, 3 internal error). */
export function testsFailed(returncode: number | undefined): boolean {
  return returncode !== undefined && returncode !== 0 && returncode !== 5;
}

export function emptyTally(): TurnTally {
  return { edits: 0, locksDenied: 0, claims: 0, claimsBlocked: 0, claimsRefused: 0, completions: 0, completionsRefused: 0, testRuns: 0, testFailures: 0, assigns: 0, steals: 0 };
}

function count(tally: TurnTally, event: JobEvent): void {
  switch (event.kind) {
    case 'edit_file':
      tally.edits += 1;
      break;
    case 'lock_attempt':
      if (event.ok === false) tally.locksDenied += 1;
      break;
    case 'claim_task':
      if (event.ok === false) tally.claimsRefused += 1;
      else tally.claims += 1;
      break;
    case 'claim_blocked':
      tally.claimsBlocked += 1;
      break;
    case 'complete_task':
      if (event.ok === false) tally.completionsRefused += 1;
      else tally.completions += 1;
      break;
    case 'run_tests':
      tally.testRuns += 1;
      if (testsFailed(event.returncode)) tally.testFailures += 1;
      break;
    case 'assign_task':
      tally.assigns += 1;
      break;
    case 'steal_task':
      tally.steals += 1;
      break;
    default:
      break;
  }
}

function add(into: TurnTally, from: TurnTally): void {
  for (const key of Object.keys(into) as Array<keyof TurnTally>) into[key] += from[key];
}

const RUN_LEVEL = new Set<JobEvent['kind']>(['run_start', 'round_start', 'final_tests', 'run_end']);

export function readJobRun(events: readonly JobEvent[], agentCount: number): JobRunReading {
  const roundStarts = new Map<number, number>();
  for (const event of events) if (event.kind === 'round_start' && event.round !== null && !roundStarts.has(event.round)) roundStarts.set(event.round, event.atMs);
  const execution: Execution = roundStarts.size > 0 ? 'rounds' : 'async';
  const lastMs = events.reduce((latest, e) => Math.max(latest, e.atMs), 0);
  const endEvent = events.find((e) => e.kind === 'run_end') ?? null;
  const finalEvent = events.find((e) => e.kind === 'final_tests') ?? null;

  const ordered = [...roundStarts].sort((a, b) => a[0] - b[0]);
  const runEnd = endEvent?.atMs ?? lastMs;
  const rounds: RunRound[] = ordered.map(([round, startMs], index) => ({ round, startMs, endMs: index + 1 < ordered.length ? ordered[index + 1]![1] : Math.max(startMs, runEnd) }));

  // Each agent's turns, keyed by agent and round: its reply, and the actions recorded with the same agent and round.
  const turns = new Map<string, RunTurn>();
  const turnOf = (agent: number, round: number | null, atMs: number): RunTurn => {
    const key = `${agent}:${round ?? `@${atMs}`}`;
    let turn = turns.get(key);
    if (!turn) {
      turn = { key, agent, round, startMs: atMs, endMs: atMs, replied: true, replyMissing: true, problem: null, actions: [], tally: emptyTally() };
      turns.set(key, turn);
    }
    return turn;
  };
  for (const event of events) {
    if (event.agent === null || RUN_LEVEL.has(event.kind)) continue;
    const turn = turnOf(event.agent, event.round, event.atMs);
    if (event.kind === 'agent_reply') {
      turn.replyMissing = false;
      turn.endMs = event.atMs;
      turn.replied = event.ok !== false;
      turn.problem = event.ok === false ? (event.detail ?? 'the call failed') : null;
      const roundStart = event.round === null || execution === 'async' ? undefined : roundStarts.get(event.round);
      turn.startMs = roundStart ?? (event.seconds !== undefined ? event.atMs - event.seconds * 1000 : event.atMs);
    } else {
      turn.actions.push(event);
      count(turn.tally, event);
      if (turn.replyMissing) turn.endMs = Math.max(turn.endMs, event.atMs);
    }
  }

  const list = [...turns.values()].sort((a, b) => a.agent - b.agent || a.startMs - b.startMs || a.endMs - b.endMs);
  // Async turns without a recorded length began when the agent's previous turn ended.
  for (let i = 0; i < list.length; i++) {
    const turn = list[i]!;
    const previous = list[i - 1];
    if (execution === 'async' && turn.startMs === turn.endMs && !turn.replyMissing) turn.startMs = previous && previous.agent === turn.agent ? Math.min(previous.endMs, turn.endMs) : Math.min(0, turn.endMs);
  }
  const totals = emptyTally();
  for (const turn of list) add(totals, turn.tally);

  const agents = Math.max(agentCount, ...list.map((t) => t.agent + 1), 1);
  const endMs = Math.max(lastMs, ...rounds.map((r) => r.endMs), 1);
  return {
    execution,
    agents,
    rounds,
    turns: list,
    finalTests: finalEvent ? { passed: !testsFailed(finalEvent.returncode), returncode: finalEvent.returncode ?? null, atMs: finalEvent.atMs, detail: finalEvent.detail ?? null } : null,
    end: endEvent ? { atMs: endEvent.atMs, detail: endEvent.detail ?? null } : null,
    endMs,
    totals,
  };
}
