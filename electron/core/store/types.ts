/** The store's public surface, as the lab and scheduler use it. */
import type { CellSpec, ExperimentSpec } from '../../../shared/domain/spec';
import type { ExperimentDetail, ExperimentRow, ExperimentStatus } from '../../../shared/domain/results';
import type { TaskItem } from '../tasks/types';
import type { TrialOutcome } from '../trial-record';

export interface PlannedTrial {
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  /** Derived from the experiment seed and the trial's coordinates, never from run order. */
  seed: number;
}

export interface NewExperiment {
  id: string;
  name: string;
  spec: ExperimentSpec;
  source: string | null;
  cells: CellSpec[];
  items: TaskItem[];
  trials: PlannedTrial[];
}

/** A trial still to run, with what the runner needs to run it. */
export interface PendingTrial {
  trialId: number;
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  seed: number;
}

export interface TrialCounts {
  total: number;
  planned: number;
  running: number;
  done: number;
  failed: number;
}

/** A finished trial's outcome, as handed to the store to write. */
export interface TrialOutcomeToSave {
  trialId: number;
  outcome: TrialOutcome;
}

/** Why a trial failed: its structure could not go on (never a storage problem, which stops the run instead). */
export interface TrialFailure {
  error: string;
  finishedAtMs: number;
}

export interface TrialFailureToSave {
  trialId: number;
  failure: TrialFailure;
}

/** What the runner hands the store for one finished trial: its outcome, or why it failed. */
export type TrialResultToSave = TrialOutcomeToSave | TrialFailureToSave;

/** One finished trial, the rows analysis works from. */
export interface TrialResultRow {
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  status: 'done' | 'failed';
  correct: boolean;
  criticalPathMs: number;
  wallMs: number;
  tokensIn: number;
  tokensOut: number;
  calls: number;
  finalAnswer: string | null;
  /** Messages between agents; null for trials recorded before schema 3. */
  messages: number | null;
  rounds: number | null;
}

/**
 * One model call of a finished trial and the answer read from it (null when
 * the call gave none or was not asked for one), as analysis reads them.
 */
export interface AnalysisCall {
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  /** The call's trial failed as a whole (its structure could not go on). */
  trialFailed: boolean;
  agentIndex: number;
  seq: number;
  intent: string;
  round: number;
  model: string;
  /** ok, error, timeout, crashed or cancelled. */
  status: string;
  tokens: number;
  /** The call's length on the trial's logical timeline (service time, queue wait excluded). */
  durationMs: number;
  answer: string | null;
  correct: boolean | null;
  score: number | null;
  /** For a worker's part of a decomposed job: which part; null otherwise. */
  partIndex: number | null;
}

export interface RunnerLease {
  runnerId: string;
  pid: number;
  hostname: string;
  heartbeatAtMs: number;
}

export type StoreErrorCode =
  | 'newer_schema'
  | 'not_a_database'
  | 'open_failed'
  | 'not_found'
  /** Another connection held the write lock for longer than the busy timeout. */
  | 'busy'
  | 'disk_full'
  /** The file, its folder or its disk cannot be written; reading commands still work on a read-only open. */
  | 'read_only'
  | 'io_error';

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: StoreErrorCode,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export type { ExperimentDetail, ExperimentRow, ExperimentStatus };
