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
import type { TaskItem, TaskSuite } from '../tasks/types';
import { runTrial, TrialPaused, type CallSettings, type StreamingCall } from '../engine/trial-engine';
import type { PendingTrial, TrialCounts } from '../store/types';
import { AdmissionGate, type BackendLookup } from './admission';
import { RateMeter } from './rate';
import { ResultQueue, type ResultQueueOptions } from './result-queue';
import type { TrialSink } from './trial-sink';

export interface RunnerPlan {
  experimentId: string;
  /** The spec's agent defaults (system prompt, token limit). */
  defaults: AgentSpec;
  settings: CallSettings;
  suite: TaskSuite;
  cells: readonly CellSpec[];
  items: readonly TaskItem[];
  pending: readonly PendingTrial[];
  counts: TrialCounts;
  /** The spec's optional cap on trials in flight. */
  concurrency?: number;
}

export interface RunnerHooks {
  sink: TrialSink;
  backends: BackendLookup;
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

export class ExperimentRunner {
  private readonly abort = new AbortController();
  /** Withdraws calls still waiting for a slot, and stops trials at their next call, when the run pauses. */
  private readonly pausing = new AbortController();
  private readonly rate = new RateMeter();
  private readonly queue: PendingTrial[];
  private readonly admission: AdmissionGate;
  private readonly results: ResultQueue;
  private done: number;
  private failed: number;
  private stopping: 'pause' | 'cancel' | 'abandon' | 'storage' | 'error' | null = null;
  private stopReason: string | null = null;
  private lastProgressAt = 0;
  private finished: Promise<void> | null = null;
  private fillScheduled = false;
  private waitingForRoom = false;
  private resolveIdle: (() => void) | null = null;

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
    this.admission = new AdmissionGate({
      backends: hooks.backends,
      models: plan.cells.flatMap((cell) => cell.agents.map((agent) => agent.model)),
      route: plan.settings.route,
      cap: plan.concurrency,
      onChange: () => this.scheduleFill(),
    });
  }

  get experimentId(): string {
    return this.plan.experimentId;
  }

  /** Starts admitting trials; the promise settles when the run completes, pauses or is cancelled. */
  run(): Promise<void> {
    if (!this.finished) this.finished = this.drive();
    return this.finished;
  }

  /**
   * Stops within a round: no new trial starts, calls waiting for a slot are
   * withdrawn, and trials in flight stop at their next call (they stay
   * planned and run again on resume). Calls already running finish.
   */
  pause(): void {
    if (this.stopping) return;
    this.stopping = 'pause';
    this.pausing.abort();
    this.scheduleFill();
  }

  /** Stops taking new trials and aborts those in flight at once; they stay planned. */
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
    this.pausing.abort();
    this.abort.abort();
    this.scheduleFill();
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
      inFlight: this.admission.trialsInFlight,
      ratePerSecond: this.rate.perSecond(now),
      etaSeconds: status === 'running' ? this.rate.etaSeconds(now, remaining) : null,
    };
  }

  private async drive(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.resolveIdle = resolve;
      this.fill();
    });
    this.admission.close();
    if (this.stopping !== 'abandon') {
      try {
        await this.results.drain();
      } catch (error) {
        this.stop('storage', describe(error));
      }
    }
    this.settle();
  }

  private scheduleFill(): void {
    if (this.fillScheduled) return;
    this.fillScheduled = true;
    queueMicrotask(() => {
      this.fillScheduled = false;
      this.fill();
    });
  }

  /** Admits trials while the hosts have room for their calls, and notices when the run is over. */
  private fill(): void {
    while (this.stopping === null && this.queue.length > 0 && this.admission.mayAdmit()) {
      if (!this.results.hasRoom()) {
        // Finished trials are piling up unsaved (a busy database): wait for room before starting more.
        if (!this.waitingForRoom) {
          this.waitingForRoom = true;
          void this.results.room().then(() => {
            this.waitingForRoom = false;
            this.scheduleFill();
          });
        }
        break;
      }
      this.start(this.queue.shift()!);
    }
    const over = this.stopping !== null || this.queue.length === 0;
    if (over && this.admission.trialsInFlight === 0 && this.resolveIdle) {
      const resolve = this.resolveIdle;
      this.resolveIdle = null;
      resolve();
    }
  }

  private start(trial: PendingTrial): void {
    const ticket = this.admission.admit();
    void this.runOne(trial, ticket.backends, ticket.priority)
      .catch((error: unknown) => this.stop('error', describe(error)))
      .finally(() => ticket.release());
  }

  private async runOne(trial: PendingTrial, backends: BackendLookup, priority: number): Promise<void> {
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
        {
          item,
          suite: this.plan.suite,
          cell,
          defaults: this.plan.defaults,
          settings: this.plan.settings,
          seed: trial.seed,
          priority,
          pauseSignal: this.pausing.signal,
          ...(stream ? { stream } : {}),
        },
        backends,
        this.abort.signal,
      );
      if (this.stopping === 'abandon') return;
      this.results.add({ trialId: trial.trialId, outcome });
      this.done++;
    } catch (error) {
      // Cancelled, or stopped by a pause at its next call: the trial stays planned.
      if (this.abort.signal.aborted || error instanceof TrialPaused) return;
      this.results.add({ trialId: trial.trialId, failure: { error: describe(error), finishedAtMs: Date.now() } });
      this.failed++;
    }
    this.rate.record(Date.now());
    this.reportProgress();
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
        if (this.queue.length > 0 || this.done + this.failed < this.plan.counts.total) return this.hooks.onSettled('paused', null);
    }
    this.hooks.onSettled('completed', null);
  }

  private reportProgress(): void {
    const now = Date.now();
    const interval = this.hooks.progressIntervalMs ?? 100;
    const last = this.done + this.failed === this.plan.counts.total;
    if (!last && now - this.lastProgressAt < interval) return;
    this.lastProgressAt = now;
    this.hooks.onProgress(this.progress());
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
