/**
 * The paper's metrics of a team's runs on coding jobs, and ours beside them,
 * computed by one code path for Quorum's own runs and for the paper's
 * imported ones. Definitions (docs/job-metrics.md) follow the paper's where it
 * has one; every figure says how failed runs count.
 */
import type { CoordinationMode, Execution } from './jobs';

/** Where a run came from. */
export type RunOrigin = 'quorum' | 'paper';

/** One run of a team on one job, measured. */
export interface RunMetrics {
  experimentId: string;
  trialId: number;
  cellIndex: number;
  origin: RunOrigin;
  /** Model name as the run's cell names it: "sim:…", "ollama:…", or for imported runs the paper's with a "paper:" prefix, e.g. "paper:claude-sonnet-4-6". */
  model: string;
  mode: CoordinationMode;
  execution: Execution;
  /** Job domain ("math", "dataanalysis"…). */
  domain: string;
  /** The job (CodingJob.id) and the item it is in its experiment: runs of one job are not independent, so intervals cluster on it. */
  jobId: string;
  itemIndex: number;
  /** Subtasks in the job (the paper's N). */
  subtasks: number;
  /** The job's nominal parallel fraction. */
  p: number;
  /** Agents in the team. */
  n: number;
  repetition: number;
  /** Every subtask marked done before the cap (the paper's success). */
  success: boolean;
  /** The trial itself stopped on an error (the team could not go on): an unsuccessful run, timed from its start to the error. */
  trialFailed: boolean;
  /** Ours: every test passes on the final repository; null where no final test run exists (imported runs). */
  finalTestsPass: boolean | null;
  /** Ours: the share of the job's tests passing on the final repository (trials.score); null where no final test run exists. */
  finalTestShare: number | null;
  /** Seconds from start to end: wall clock for imported runs and real models, logical time on the sim. */
  seconds: number;
  rounds: number;
  /** Longest dependency chain in subtasks (C). */
  criticalPath: number;
  /** max(C, ⌈N / n⌉). */
  theoreticalMinRounds: number;
  /** theoreticalMinRounds / rounds. */
  efficiency: number;
  lockConflicts: number;
  concurrentWrites: number;
  rewrites: number;
  claimsBlocked: number;
  testRuns: number;
  testFailures: number;
  /** Mean over rounds with ≥ 2 replies of (slowest − mean reply latency), seconds; null with no such round. */
  stragglerGapSeconds: number | null;
  idleRounds: number;
  /** LLM turns (agent_reply events). */
  agentTurns: number;
  tokensIn: number;
  tokensOut: number;
  /** Ours: busy agent-time over agent-time in rounds with more than one agent; null for n = 1 or without reply timings. */
  barrierUtilization: number | null;
}

/** A mean with its 95% interval and how many runs it stands on. */
export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
  runs: number;
}

/** Metrics of a group of runs (a cell, or the runs sharing the values of the chosen axes). */
export interface RunGroupMetrics {
  /** The axis values that define the group, e.g. { mode: "preassign", n: 3, model: "…", p: 0.9 }. */
  key: Record<string, string | number>;
  runs: number;
  successes: number;
  /** Share of runs that succeeded (failed runs in the denominator). */
  successRate: Estimate;
  /** Distinct jobs (items of an experiment) the runs are on: the clusters the intervals are drawn over. */
  jobs: number;
  /** Share of runs with a final test run in which every test passed (runs without one are not in the denominator). */
  finalTestsPassRate: Estimate;
  /** Mean share of the job's tests passing on the final repository, over runs with a final test run. */
  finalTestShare: Estimate;
  /** Mean seconds of successful runs (the paper's speedup uses these). */
  seconds: Estimate;
  /** Mean seconds of all runs, failed ones at the time they stopped. */
  secondsAllRuns: Estimate;
  /** Speedup over the n = 1 runs of the same model, domain, p and mode, as the paper computes it; null at n = 1 or without a baseline. */
  speedup: Estimate | null;
  /**
   * Ours, with failed runs kept: the same ratio of expected time to a
   * successful run when failed runs are run again (mean seconds of all runs ÷
   * success rate, per baseline stratum); 0 when no run at n succeeded.
   */
  speedupAllRuns: Estimate | null;
  /** The paper's pooled per-run speedups: each successful run at n ≥ 2 against its stratum's n = 1 mean; null without any. */
  runSpeedups: RunSpeedups | null;
  /** Amdahl's S(n) = 1 / ((1 − p) + p/n) at the group's nominal p, when one p defines the group. */
  amdahl: number | null;
  /** The job's critical path C when one value holds for the whole group, else null. */
  criticalPath: number | null;
  rounds: Estimate;
  /** max(C, ⌈N / n⌉) per run, averaged. */
  theoreticalMinRounds: Estimate;
  efficiency: Estimate;
  lockConflicts: Estimate;
  concurrentWrites: Estimate;
  rewrites: Estimate;
  claimsBlocked: Estimate;
  testRuns: Estimate;
  testFailures: Estimate;
  stragglerGapSeconds: Estimate;
  idleRounds: Estimate;
  agentTurns: Estimate;
  /** Input + output tokens per run, all runs. */
  tokens: Estimate;
  tokensIn: Estimate;
  tokensOut: Estimate;
  /** tokens(n) / tokens(1) of the same baseline as the speedup (successful runs, per stratum, averaged as the speedup is). */
  tokenMultiplier: number | null;
  /** speedup / tokenMultiplier. */
  tokenEfficiency: number | null;
  /** Ours: tokens per successful run with failed runs run again (mean tokens of all runs ÷ success rate), at n over at 1. */
  tokenMultiplierAllRuns: number | null;
  /** speedupAllRuns / tokenMultiplierAllRuns. */
  tokenEfficiencyAllRuns: number | null;
  barrierUtilization: Estimate;
}

/** The paper's pooled per-run speedups of a group (its successful runs at n ≥ 2). */
export interface RunSpeedups {
  runs: number;
  median: number;
  mean: number;
  /** Share of those runs slower than their n = 1 baseline (speedup below 1). */
  shareBelowOne: number;
}

/** The axes a report can group runs by. */
export const RUN_AXES = ['mode', 'execution', 'n', 'model', 'p', 'domain', 'origin', 'experiment'] as const;
export type RunAxis = (typeof RUN_AXES)[number];

export interface RunReport {
  /** The axes the groups are keyed by (per cell when empty). */
  by: RunAxis[];
  experiments: string[];
  groups: RunGroupMetrics[];
  /** How each figure treats failed runs and what each interval is, in words. */
  method: string;
  /** What was left out and why (runs of cells Quorum cannot read, experiments without coding jobs), in words. */
  notes: string[];
}

/** A point of a job figure: a group's mean with its 95% interval and the runs behind it. */
export interface JobFigurePoint {
  x: number;
  y: number;
  low: number | null;
  high: number | null;
  runs: number;
}

export interface JobSeries {
  label: string;
  /** The axis values the series stands for, e.g. { model, mode, p }. */
  key: Record<string, string | number>;
  points: JobFigurePoint[];
}

/** The paper's figures and ours, for an experiment of coding jobs (or several, pooled). */
export interface JobFigure {
  /** 'speedup-all-runs': ours beside the paper's speedup, with failed runs kept (time to a successful run). */
  id: 'speedup' | 'speedup-all-runs' | 'straggler-gap' | 'tokens' | 'conflicts' | 'idle-rounds' | 'barrier-utilization' | 'success' | 'final-tests';
  title: string;
  xLabel: string;
  yLabel: string;
  series: JobSeries[];
  /** Curves drawn for reference, e.g. Amdahl's S(n) at each p. */
  references: JobSeries[];
  /** What is plotted, its intervals and how failed runs count, in words. */
  caption: string;
}

export interface JobFigures {
  figures: JobFigure[];
  /** Why a figure was not drawn, in words. */
  notes: string[];
}
