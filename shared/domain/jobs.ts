/**
 * Coding jobs and the runs of teams on them, shaped like the paper's
 * ("Language Model Teams as Distributed Systems", docs/paper.md in the
 * handbook): a job is N subtasks whose dependencies form a graph, each
 * subtask one file with its own tests; a run is a team working the job's task
 * board in rounds (or without a barrier) until every subtask is done or a cap
 * is reached. Quorum writes its own jobs, prompts and parsers: the paper's
 * task files and released runs are read for their shape and numbers only.
 */

/** How the team divides the job's subtasks. */
export const COORDINATION_MODES = [
  /** The paper's pre-assignment without a lead: topological order; a subtask inherits the agent of its last dependency, else round-robin. */
  'preassign',
  /** A lead agent assigns subtasks to the others as the job goes. */
  'lead-assign',
  /** No assignment: each agent claims pending subtasks whose dependencies are done from the shared board (the paper's "decentralized"). */
  'self-claim',
  /** Ours: pre-assignment balanced by list scheduling along the critical path. */
  'balanced',
  /** Ours: pre-assigned, and an agent with nothing left takes a ready subtask from the most loaded agent. */
  'work-stealing',
] as const;
export type CoordinationMode = (typeof COORDINATION_MODES)[number];

/** Rounds with a barrier (the paper's), or none: an agent's next turn starts when its last one ends. */
export const EXECUTIONS = ['rounds', 'async'] as const;
export type Execution = (typeof EXECUTIONS)[number];

/** The shape of a job's dependency graph. */
export const JOB_SHAPES = [
  /** The paper's: one chain of C subtasks (with a few extra edges inside it) plus N − C independent ones. */
  'chain',
  /** One root many subtasks depend on. */
  'fan-out',
  /** Many independent subtasks one final subtask depends on. */
  'fan-in',
  /** Layers, each depending on the layer before. */
  'layered',
] as const;
export type JobShape = (typeof JOB_SHAPES)[number];

export type JobLanguage = 'javascript' | 'python';

export interface JobSubtask {
  /** "task-1"…, as on the board. */
  id: string;
  title: string;
  /** What to write, as the agent who takes the subtask reads it. */
  description: string;
  /** Ids of the subtasks that must be done first. */
  dependencies: string[];
  /** The files the subtask creates (one, in the paper's jobs), relative to the job's repository root. */
  files: string[];
}

/** A file of tests, as the test runner reads it. */
export interface JobTestFile {
  path: string;
  content: string;
}

export interface CodingJob {
  /** Stable within its source, e.g. "math-p09" or a generated job's seed-derived id. */
  id: string;
  project: string;
  /** The project's introduction, as every agent reads it at the start. */
  description: string;
  /** Where its subtasks come from, e.g. "math", "text", "geometry", or an imported task file's domain. */
  domain: string;
  language: JobLanguage;
  shape: JobShape;
  subtasks: JobSubtask[];
  /** Longest dependency chain, counted in subtasks (the paper's C). */
  criticalPath: number;
  /** Nominal parallel fraction (N − C)/N, as the paper labels its jobs (p = 0.2, 0.5, 0.9). */
  p: number;
  /** The test files run against the team's repository. */
  tests: JobTestFile[];
  /** Which tests check which subtask (test names as the runner reports them). */
  testsBySubtask: Record<string, string[]>;
  /**
   * A correct file per path, for generated jobs: the sim writes these (or a
   * documented buggy variant) instead of model output, and the job's own
   * tests check that its solutions pass. Absent for imported jobs.
   */
  solutions?: Record<string, string>;
  /**
   * Plausible mistakes per path, for generated jobs: the sim writes one of
   * these instead of the solution when its agent errs. Each fails at least
   * one of its subtask's tests (a unit test checks this for every job the
   * `coding` suite makes). Absent for imported jobs.
   */
  bugs?: Record<string, JobBug[]>;
  /**
   * Set on a Python job only when its spec opted in (tasks.allowHostPython):
   * its tests, which run the team's Python, run on this computer outside the
   * WebAssembly sandbox (docs/sandbox.md). The sandbox refuses a Python job's
   * tests without it.
   */
  hostPython?: true;
}

/** A documented buggy variant of one subtask's file. */
export interface JobBug {
  /** The mistake in words, e.g. "counts the last element twice". */
  mistake: string;
  /** The whole file with the mistake in it. */
  content: string;
}

/**
 * What a run records, named as the paper's events.parquet names its event
 * types so that imported runs and Quorum's own are measured by one code path.
 * Ours adds the kinds after `run_end`.
 */
export const JOB_EVENT_KINDS = [
  'run_start',
  'round_start',
  /** One LLM turn of one agent (the paper's "messages" count these). */
  'agent_reply',
  'lock_attempt',
  'edit_file',
  'claim_task',
  /** A claim refused because a dependency was not done. */
  'claim_blocked',
  'complete_task',
  /** A test run an agent asked for; returncode as pytest's (0 passed, 1 failures, 2 interrupted/collection error, 3 internal error, 5 no tests). */
  'run_tests',
  /** reason: "all_done", "max_rounds", "stuck", "failed". */
  'run_end',
  /** A lead's assignment of a subtask to an agent. */
  'assign_task',
  /** Work stealing: a subtask taken from another agent's queue. */
  'steal_task',
  /** The run's closing test run on the final repository (not asked for by any agent). */
  'final_tests',
] as const;
export type JobEventKind = (typeof JOB_EVENT_KINDS)[number];

export interface JobEvent {
  kind: JobEventKind;
  /** 1-based round (rounds execution) or the agent's own turn number (async); null for run-level events. */
  round: number | null;
  /** Agent index (0-based); null for run-level events. */
  agent: number | null;
  /** Milliseconds from the run's start on its timeline (logical time on the sim, wall time on real models). */
  atMs: number;
  path?: string;
  taskId?: string;
  /** lock_attempt: whether the lock was granted. */
  ok?: boolean;
  returncode?: number;
  /** Duration the event stands for (a reply's latency, a test run's time), in seconds. */
  seconds?: number;
  /** Anything else worth reading, in words. */
  detail?: string;
}
