/**
 * Runs one experiment's pending trials with bounded concurrency, and answers
 * pause, resume and cancel. Trials are planned in the store before anything
 * runs; the runner only ever moves a trial from planned to done or failed, in
 * one transaction, so a crash loses at most the trials in flight and a
 * restart picks up exactly the ones that remain.
 *
 * A trial fails only for reasons of its own (its structure could not go on).
 * A storage problem is never a trial's failure: the run stops as interrupted,
 * the trials whose results could not be written stay planned, and a resume
 * runs them.
 */
import type { AgentSpec, CellSpec } from '../../../shared/domain/spec';
import type { ExperimentStatus, Progress } from '../../../shared/domain/results';
import type { BackendRegistry } from '../backends/registry';
import type { TaskItem, TaskSuite } from '../tasks/types';
import { runTrial, type CallSettings, type StreamingCall } from '../trial/run-trial';
import type { PendingTrial, TrialCounts } from '../store/types';
import { RateMeter } from './rate';
import { ResultQueue, type ResultQueueOptions } from './result-queue';
import type { TrialSink } from './trial-sink';

export interface RunnerPlan {
  experimentId: string;
  agents: AgentSpec;
  settings: CallSettings;
  suite: TaskSuite;
  cells: readonly CellSpec[];
  items: readonly TaskItem[];
  pending: readonly PendingTrial[];
  counts: TrialCounts;
  concurrency: number;
}

export interface RunnerHooks {
  sink: TrialSink;
  backends: BackendRegistry;
  onProgress(progress: Progress): void;
  /**
   * Called once when the run stops for good or pauses; never for in-between
   * states. 'abandoned': the run gave the experiment up (its lease was lost)
   * and wrote nothing more; whoever holds it now decides its status.
   */
  onSettled(status: RunEnd, error: string | null): void;
  /** Pieces of replies as they stream in (real backends only), and the end of each call. */
  onCallDelta?(trialId: number, call: StreamingCall, text: string): void;
  onCallEnd?(trialId: number, call: StreamingCall): void;
  /** How often progress may be reported while trials finish (ms). */
  progressIntervalMs?: number;
  /** Batching and busy-database patience of the result queue (tests shorten them). */
  results?: ResultQueueOptions;
}

export type RunEnd = Extract<ExperimentStatus, 'completed' | 'paused' | 'cancelled' | 'failed' | 'interrupted'> | 'abandoned';

/** Yield to the event loop at least this often, so pause, cancel and HTTP stay responsive during sim runs. */
const YIELD_EVERY_MS = 10;

export class ExperimentRunner {
  private readonly abort = new AbortController();
  private readonly rate = new RateMeter();
  private queue: PendingTrial[];
  private inFlight = 0;
  private done: number;
  private failed: number;
  private stopping: 'pause' | 'cancel' | 'abandon' | 'storage' | 'error' | null = null;
  private stopReason: string | null = null;
  private lastProgressAt = 0;
  private lastYieldAt = Date.now();
  private finished: Promise<void> | null = null;
  private readonly results: ResultQueue;

  constructor(
    private readonly plan: RunnerPlan,
    private readonly hooks: RunnerHooks,
  ) {
    this.queue = [...plan.pending];
    this.done = plan.counts.done;
    this.failed = plan.counts.failed;
    this.results = new ResultQueue(
      hooks.sink,
      // Storage failed (disk full, read-only, locked for minutes): stop rather than run trials that cannot be kept.
      (error) => this.stop('storage', describe(error)),
      hooks.results,
    );
  }

  get experimentId(): string {
    return this.plan.experimentId;
  }

  /** Starts the workers; the promise settles when the run completes, pauses or is cancelled. */
  run(): Promise<void> {
    if (!this.finished) this.finished = this.drive();
    return this.finished;
  }

  /** Stops taking new trials; those in flight finish and are saved. */
  pause(): void {
    if (!this.stopping) this.stopping = 'pause';
  }

  /** Stops taking new trials and aborts those in flight; they stay planned. */
  cancel(): void {
    this.stop('cancel', null);
  }

  /**
   * Stops at once and writes nothing more: another process holds the
   * experiment now (this one's lease was lost), so results still queued are
   * dropped and those trials are left to that process.
   */
  abandon(reason: string): void {
    this.stop('abandon', reason);
    this.results.discard();
  }

  private stop(kind: 'cancel' | 'abandon' | 'storage' | 'error', reason: string | null): void {
    // A graver reason replaces a milder one: a storage failure during a cancel still settles as interrupted.
    if (this.stopping === null || this.stopping === 'pause' || this.stopping === 'cancel') {
      this.stopping = kind;
      this.stopReason = reason;
    }
    this.abort.abort();
  }

  progress(status: ExperimentStatus = 'running'): Progress {
    const now = Date.now();
    const total = this.plan.counts.total;
    const remaining = total - this.done - this.failed;
    return {
      experimentId: this.plan.experimentId,
      status,
      total,
      done: this.done,
      failed: this.failed,
      inFlight: this.inFlight,
      ratePerSecond: this.rate.perSecond(now),
      etaSeconds: status === 'running' ? this.rate.etaSeconds(now, remaining) : null,
    };
  }

  private async drive(): Promise<void> {
    const workers = Math.max(1, Math.min(this.plan.concurrency, this.queue.length));
    // A worker that fails stops the others at once, and every worker is waited
    // for: the run settles only once nothing of it is still running.
    await Promise.all(Array.from({ length: workers }, () => this.work().catch((error: unknown) => this.stop('error', describe(error)))));
    if (this.stopping !== 'abandon') {
      try {
        await this.results.drain();
      } catch (error) {
        this.stop('storage', describe(error));
      }
    }
    this.settle();
  }

  private settle(): void {
    const reason = this.stopReason ?? 'unknown';
    switch (this.stopping) {
      case 'abandon':
        return this.hooks.onSettled('abandoned', reason);
      case 'storage':
        return this.hooks.onSettled(
          'interrupted',
          `Stopped because results could not be saved: ${reason} Every trial saved so far is kept; trials whose results were not saved are still planned and run when you resume.`,
        );
      case 'error':
        return this.hooks.onSettled('failed', `The run stopped on an unexpected error: ${reason}`);
      case 'cancel':
        return this.hooks.onSettled('cancelled', null);
      case 'pause':
        if (this.queue.length > 0) return this.hooks.onSettled('paused', null);
    }
    this.hooks.onSettled('completed', null);
  }

  private async work(): Promise<void> {
    while (this.stopping === null) {
      await this.results.room();
      if (this.stopping !== null) return;
      const trial = this.queue.shift();
      if (!trial) return;
      this.inFlight++;
      try {
        await this.runOne(trial);
      } finally {
        this.inFlight--;
      }
      await this.maybeYield();
    }
  }

  private async runOne(trial: PendingTrial): Promise<void> {
    const cell = this.plan.cells[trial.cellIndex];
    const item = this.plan.items[trial.itemIndex];
    if (!cell || !item) throw new Error(`trial ${trial.trialId} refers to a missing cell or item; the database may be damaged`);
    try {
      const { onCallDelta, onCallEnd } = this.hooks;
      const stream =
        onCallDelta && onCallEnd
          ? { onDelta: (call: StreamingCall, text: string) => onCallDelta(trial.trialId, call, text), onCallEnd: (call: StreamingCall) => onCallEnd(trial.trialId, call) }
          : undefined;
      const outcome = await runTrial(
        { item, suite: this.plan.suite, cell, agents: this.plan.agents, settings: this.plan.settings, seed: trial.seed, ...(stream ? { stream } : {}) },
        this.hooks.backends,
        this.abort.signal,
      );
      if (this.stopping === 'abandon') return;
      this.results.add({ trialId: trial.trialId, outcome });
      this.done++;
    } catch (error) {
      if (this.abort.signal.aborted) return; // cancelled: the trial stays planned
      this.results.add({ trialId: trial.trialId, failure: { error: describe(error), finishedAtMs: Date.now() } });
      this.failed++;
    }
    this.rate.record(Date.now());
    this.reportProgress();
  }

  private reportProgress(): void {
    const now = Date.now();
    const interval = this.hooks.progressIntervalMs ?? 100;
    const last = this.done + this.failed === this.plan.counts.total;
    if (!last && now - this.lastProgressAt < interval) return;
    this.lastProgressAt = now;
    this.hooks.onProgress(this.progress());
  }

  private async maybeYield(): Promise<void> {
    const now = Date.now();
    if (now - this.lastYieldAt < YIELD_EVERY_MS) return;
    this.lastYieldAt = now;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
