/**
 * Runs one experiment's pending trials with bounded concurrency, and answers
 * pause, resume and cancel. Trials are planned in the store before anything
 * runs; the runner only ever moves a trial from planned to done or failed, in
 * one transaction, so a crash loses at most the trials in flight and a
 * restart picks up exactly the ones that remain.
 */
import type { AgentSpec, CellSpec } from '../../../shared/domain/spec';
import type { ExperimentStatus, Progress } from '../../../shared/domain/results';
import type { BackendRegistry } from '../backends/registry';
import type { TaskItem, TaskSuite } from '../tasks/types';
import { runTrial, type CallSettings, type StreamingCall } from '../trial/run-trial';
import type { PendingTrial, TrialCounts } from '../store/types';
import { OutcomeBuffer } from './outcome-buffer';
import { RateMeter } from './rate';
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
  /** Called once when the run stops for good or pauses; never for in-between states. */
  onSettled(status: Extract<ExperimentStatus, 'completed' | 'paused' | 'cancelled' | 'failed'>, error: string | null): void;
  /** Pieces of replies as they stream in (real backends only), and the end of each call. */
  onCallDelta?(trialId: number, call: StreamingCall, text: string): void;
  onCallEnd?(trialId: number, call: StreamingCall): void;
  /** How often progress may be reported while trials finish (ms). */
  progressIntervalMs?: number;
}

/** Yield to the event loop at least this often, so pause, cancel and HTTP stay responsive during sim runs. */
const YIELD_EVERY_MS = 10;

export class ExperimentRunner {
  private readonly abort = new AbortController();
  private readonly rate = new RateMeter();
  private queue: PendingTrial[];
  private inFlight = 0;
  private done: number;
  private failed: number;
  private stopping: 'pause' | 'cancel' | null = null;
  private lastProgressAt = 0;
  private lastYieldAt = Date.now();
  private finished: Promise<void> | null = null;
  private readonly buffer: OutcomeBuffer;
  private writeError: unknown = null;

  constructor(
    private readonly plan: RunnerPlan,
    private readonly hooks: RunnerHooks,
  ) {
    this.queue = [...plan.pending];
    this.done = plan.counts.done;
    this.failed = plan.counts.failed;
    this.buffer = new OutcomeBuffer(hooks.sink, (error) => {
      // Storage failed (disk full, file removed): stop rather than run trials that cannot be kept.
      this.writeError = error;
      this.cancel();
    });
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
    this.stopping = 'cancel';
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
    try {
      await Promise.all(Array.from({ length: workers }, () => this.work()));
      this.buffer.flush();
    } catch (error) {
      this.writeError ??= error;
    }
    if (this.writeError !== null) {
      const message = this.writeError instanceof Error ? this.writeError.message : String(this.writeError);
      this.hooks.onSettled('failed', `Stopped because results could not be saved: ${message}. Trials saved so far are kept; fix the cause and resume.`);
      return;
    }
    if (this.stopping === 'cancel') this.hooks.onSettled('cancelled', null);
    else if (this.stopping === 'pause' && this.queue.length > 0) this.hooks.onSettled('paused', null);
    else this.hooks.onSettled('completed', null);
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
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
      this.buffer.add({ trialId: trial.trialId, outcome });
      this.done++;
    } catch (error) {
      if (this.abort.signal.aborted) return; // cancelled: the trial stays planned
      const message = error instanceof Error ? error.message : String(error);
      this.buffer.flush(); // keep the write order: earlier successes land before this failure
      this.hooks.sink.markFailed(trial.trialId, message, Date.now());
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
