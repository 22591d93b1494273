/** What the lab reports back: experiment rows, progress, summaries and chart series. */
import type { CellFaults } from './faults';
import type { ExperimentSpec } from './spec';
import type { CellParams } from './structures';
import type { Issue } from '../contract/schema';
import type { CostMatchedBaseline, FailureFlag, IntervalMethod, PairedComparison, Share, TheoryFits } from './analysis';
import type { JobFigures } from './job-metrics';

/** 'planning': its trials are still being written; it can't be run until they all are. */
export const EXPERIMENT_STATUSES = ['planning', 'planned', 'running', 'paused', 'interrupted', 'completed', 'cancelled', 'failed'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const TRIAL_STATUSES = ['planned', 'running', 'done', 'failed'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export interface ExperimentRow {
  id: string;
  name: string;
  status: ExperimentStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  total: number;
  done: number;
  failed: number;
  /** Which file the spec came from, if any (an example or a path given to the CLI). */
  source: string | null;
}

/**
 * What an experiment is for: one the user made, the pilot of a
 * recommendation (startRecommendation), or the check of a prediction on
 * fresh items (verifyRecommendation).
 */
export type ExperimentPurpose =
  | { kind: 'experiment' }
  | { kind: 'pilot' }
  /** `fittedOn`: the experiment (a pilot or not) whose prediction this run checks. */
  | { kind: 'verification'; verificationId: string; predictionId: string; fittedOn: string };

export interface ExperimentDetail extends ExperimentRow {
  spec: ExperimentSpec;
  error: string | null;
  purpose: ExperimentPurpose;
}

export interface Progress {
  experimentId: string;
  status: ExperimentStatus;
  total: number;
  done: number;
  failed: number;
  inFlight: number;
  /** Trials finished per second over the recent window; 0 before the first finishes. */
  ratePerSecond: number;
  /** Seconds left at the current rate, or null while unknown. */
  etaSeconds: number | null;
}

export interface CellSummary {
  cellIndex: number;
  /** A registry id; a structure this build does not know (from a newer Quorum) is shown under its id. */
  structure: string;
  params: CellParams;
  size: number;
  aggregate: string | null;
  label: string;
  /** The label without the faults: the cells of one team under different faults share it. */
  teamLabel: string;
  /** Faults injected into the cell's trials (every count 0: none). */
  faults: CellFaults;
  /** Finished trials (completed or failed): the denominator of accuracy, the failure rate and the no-answer rate. */
  trials: number;
  /** Trials whose structure could not go on (e.g. a single agent's call failed): not correct, and counted apart. */
  failed: number;
  /** Trials that completed (trials − failed): the denominator of `completedAccuracy`. */
  completed: number;
  correct: number;
  /** Finished trials whose team gave no answer (counted apart from wrong ones). */
  noAnswer: number;
  /** Distinct items the cell met (with at least one finished trial). */
  items: number;
  /** Strict accuracy: correct / trials (a failed trial and a trial without an answer are not correct). */
  accuracy: number | null;
  /** 95% interval for accuracy, computed as `intervalMethod` says. */
  ciLow: number | null;
  ciHigh: number | null;
  /**
   * How this cell's intervals (accuracy, validity, liveness and the shares
   * below) were computed: 'item-clustered' where an item was met more than
   * once, 'wilson' where each item was met once.
   */
  intervalMethod: IntervalMethod;
  /**
   * Accuracy's design effect: its item-clustered variance over the variance
   * independent trials would have (2 means the repetitions carry half the
   * evidence of as many independent trials); null under Wilson or at 0 or 1.
   */
  designEffect: number | null;
  /** Accuracy over completed trials: correct / completed, beside the strict figure; what the cell's answers are worth when it does answer. */
  completedAccuracy: Share;
  /** Failure rate: failed / trials. */
  failureRate: Share;
  /** No-answer rate: trials that completed without an answer / trials. */
  noAnswerRate: Share;
  /** Trials whose team gave an answer (not failed, not "no answer"). */
  answered: number;
  /** Safety: correct / answered, the share of the team's answers that were right; null before any answer. */
  validity: number | null;
  validityLow: number | null;
  validityHigh: number | null;
  /** Liveness: answered / trials, the share of trials in which the team gave an answer at all (failed trials count as none). */
  liveness: number | null;
  livenessLow: number | null;
  livenessHigh: number | null;
  meanCriticalPathMs: number | null;
  meanWallMs: number | null;
  meanTokens: number | null;
  meanCalls: number | null;
  /** Messages between agents per trial. */
  meanMessages: number | null;
  meanRounds: number | null;
}

export interface ChartPoint {
  size: number;
  accuracy: number;
  ciLow: number;
  ciHigh: number;
  trials: number;
  /** Of those trials, the ones without an answer and the failed ones: not correct, and shown apart from wrong ones. */
  noAnswer: number;
  failed: number;
}

export interface ChartSeries {
  label: string;
  structure: string;
  points: ChartPoint[];
}

/** A point of a series drawn against something other than accuracy by size. */
export interface XYPoint {
  x: number;
  y: number;
  /** For a confidence band, when there is one. */
  low?: number;
  high?: number;
  size: number;
  trials: number;
  /** Of those trials, the ones without an answer and the failed ones: not correct, and shown apart from wrong ones. */
  noAnswer: number;
  failed: number;
}

export interface XYSeries {
  label: string;
  structure: string;
  points: XYPoint[];
}

/** What a fault sweep's x axis counts: Byzantine agents, else crashed agents, else stragglers. */
export const SWEPT_FAULT_KINDS = ['byzantine', 'crash', 'stragglers'] as const;
export type SweptFaultKind = (typeof SWEPT_FAULT_KINDS)[number];

/** Accuracy against the number of faulty agents, for one team at one size. */
export interface FaultSeries extends XYSeries {
  /** The team's label without its faults. */
  teamLabel: string;
  /** Agents in the team: the bounds below depend on it. */
  size: number;
  faultKind: SweptFaultKind;
  /**
   * The classical thresholds for this size: a majority of honest answers
   * survives f < n/2 faulty agents; agreement among n (Byzantine consensus)
   * needs f < n/3.
   */
  faultBounds: { majority: number; agreement: number };
}

/** How close a run came to what the hardware can do, per model and host (real backends only). */
export interface HardwareUse {
  host: string;
  model: string;
  outputTokens: number;
  /** From the first call's start to the last call's end on this host and model. */
  activeSeconds: number;
  achievedTokensPerSecond: number;
  /** Calibrated throughput at the host's slots, or null without a calibration. */
  calibratedTokensPerSecond: number | null;
  /** achieved / calibrated, or null without a calibration. */
  utilization: number | null;
}

export interface Results {
  experimentId: string;
  name: string;
  status: ExperimentStatus;
  cells: CellSummary[];
  accuracyBySize: ChartSeries[];
  /** Accuracy against mean tokens per trial: which structure buys accuracy cheapest. */
  costFrontier: XYSeries[];
  /** Mean critical-path latency against team size. */
  latencyBySize: XYSeries[];
  /** Accuracy against the number of faulty agents, one series per team and size; empty without a fault sweep. */
  accuracyByFaults: FaultSeries[];
  /** What the confidence intervals mean, for captions. */
  method: string;
  hardware: HardwareUse[];
  /** Every cell against the single agent and against the next smaller size of its team, paired by item and repetition, Holm-corrected per kind. */
  comparisons: PairedComparison[];
  /** Beside every team, the single agent given the same token budget (self-consistency at equal tokens). */
  costMatched: CostMatchedBaseline[];
  /** Cells whose failure rate stands apart from the others' (Fisher's exact test, Holm-corrected). */
  failureFlags: FailureFlag[];
  /** Why a comparison or a cost-matched baseline was not made (no single agent of that model, no tokens counted…), in words. */
  comparisonNotes: string[];
  /** Condorcet, Amdahl and the USL, fitted over the measured points. */
  theory: TheoryFits;
  /** For experiments of coding jobs: the paper's figures and ours; null for other experiments. */
  jobs: JobFigures | null;
}

export interface ExampleInfo {
  id: string;
  name: string;
  description: string | null;
  spec: ExperimentSpec;
}

export interface ExampleProblem {
  id: string;
  issues: Issue[];
}

export interface AppInfo {
  version: string;
  databasePath: string;
  transport: 'electron' | 'http';
}
