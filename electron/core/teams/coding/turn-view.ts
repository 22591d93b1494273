/**
 * What one agent knows at the start of one turn on a coding job: the board,
 * what became of its last turn's actions, its latest test results, what its
 * teammates did since, and the files it should read. Real models read it as
 * the turn's prompt (prompt.ts); the sim reads it from the intent and never
 * parses the prompt. Everything here is bounded (docs/coding-teams.md).
 */
import type { CoordinationMode, Execution } from '../../../../shared/domain/jobs';

export const SUBTASK_STATUSES = ['pending', 'assigned', 'claimed', 'done'] as const;
/** pending: nobody holds it; assigned: given to an agent who has not claimed it; claimed: an agent took it on; done: marked done. */
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

export interface BoardLine {
  id: string;
  title: string;
  status: SubtaskStatus;
  /** Agent index, or null while pending. */
  owner: number | null;
  dependencies: string[];
  files: string[];
  /** Every dependency is done: the subtask can be claimed or completed. */
  ready: boolean;
}

/** An agent's latest test run, as it reads it. */
export interface TestReport {
  returncode: number;
  /** Subtasks with a test that did not pass, in board order. */
  failing: string[];
  /** Subtasks whose every selected test passed. */
  passing: string[];
  /** The runner's output, cut to the prompt's bound. */
  output: string;
}

/** One teammate's latest turn, in a few lines. */
export interface TeammateUpdate {
  agent: number;
  /** What its actions did, one line each ("completed task-4", "was denied the lock on mean.js"). */
  lines: string[];
  /** The first words of its reply outside the actions. */
  note: string;
}

export interface ShownFile {
  path: string;
  content: string;
  /** dependency: a file one of its subtasks builds on; yours: its own file whose tests failed. */
  why: 'dependency' | 'yours';
}

export interface CodingTurnView {
  mode: CoordinationMode;
  execution: Execution;
  /** 1-based: the round (rounds) or the agent's own turn (async). */
  turn: number;
  maxRounds: number;
  agent: number;
  teamSize: number;
  /** This agent assigns the subtasks ("lead-assign", agent 0). */
  lead: boolean;
  board: BoardLine[];
  /** What became of its last turn's actions, and problems found in its reply, in words. */
  feedback: string[];
  tests: TestReport | null;
  /** Teammates who acted since this agent's last turn, each with its latest turn. */
  updates: TeammateUpdate[];
  files: ShownFile[];
  /** What the team did for this agent before the turn: subtasks stolen for it or given to it. */
  notices: string[];
}
