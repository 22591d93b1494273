/**
 * The runs this process is running: one ExperimentRunner per experiment, its
 * lease kept alive by heartbeats, and how each run ends recorded in the file
 * (or, when the file cannot take it, remembered and written at the next
 * chance). The lab decides whether a run may start; this keeps it going.
 */
import { randomUUID } from 'node:crypto';
import type { ExperimentSpec } from '../../shared/domain/spec';
import type { CellSpec } from '../../shared/domain/cells';
import type { ExperimentStatus, Progress } from '../../shared/domain/results';
import type { BackendRegistry } from './backends/registry';
import { callSettingsFor } from './engine/call-settings';
import type { LabEventHub } from './events';
import { ExperimentRunner, type RunEnd } from './scheduler/experiment-runner';
import type { LiveCalls } from './scheduler/live-calls';
import type { LabStore } from './store/lab-store';
import type { PendingTrial } from './store/types';
import { suiteForTasks } from './tasks';

/** How long a run's own writes (results, heartbeats) wait for a lock before retrying later instead. */
const WRITE_ATTEMPT_PATIENCE_MS = 100;
/** How long a read waits to sweep stale runs before it answers without sweeping. */
const SWEEP_PATIENCE_MS = 200;

interface ActiveRun {
  runner: ExperimentRunner;
  heartbeat: NodeJS.Timeout;
  settled: Promise<void>;
}

export interface RunKeeperOptions {
  store: LabStore;
  events: LabEventHub;
  live: LiveCalls;
  backends: BackendRegistry;
  staleLeaseMs: number;
  heartbeatMs: number;
}

export class RunKeeper {
  /** This process's identity in runner leases. */
  readonly runnerId = randomUUID();
  private readonly active = new Map<string, ActiveRun>();
  /** How runs ended that the file could not record at the time (it was full, read-only or locked); written at the next chance. */
  private readonly unsavedEnds = new Map<string, { status: ExperimentStatus; error: string | null }>();

  constructor(private readonly options: RunKeeperOptions) {}

  /** Live progress of a run of this process, or null when it runs none for `id`. */
  progress(id: string): Progress | null {
    return this.active.get(id)?.runner.progress() ?? null;
  }

  isRunning(id: string): boolean {
    return this.active.has(id);
  }

  /** Starts the runner of an experiment whose lease this process holds. */
  launch(id: string, spec: ExperimentSpec, cells: readonly CellSpec[], pending: readonly PendingTrial[]): Progress {
    const { store, events, live } = this.options;
    const runner = new ExperimentRunner(
      {
        experimentId: id,
        defaults: spec.agents,
        settings: callSettingsFor(spec, id),
        suite: suiteForTasks(spec.tasks),
        cells,
        items: store.getItems(id),
        pending,
        counts: store.countTrials(id),
        ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
      },
      {
        // The result queue waits out a locked file itself, with backoff: each attempt waits only briefly.
        sink: { saveResults: (batch) => store.saveTrialResults(batch, { busyTimeoutMs: WRITE_ATTEMPT_PATIENCE_MS }) },
        backends: this.options.backends,
        onProgress: (progress) => events.publish({ type: 'progress', payload: progress }),
        onCallDelta: (trialId, call, text) => live.delta(id, trialId, call, text),
        onCallEnd: (trialId, call) => live.end(trialId, call),
        onSettled: (status, error) => this.settle(id, status, error),
      },
    );
    store.setStatus(id, 'running');
    const heartbeat = setInterval(() => this.beat(id, runner), this.options.heartbeatMs);
    heartbeat.unref();
    const settled = runner.run();
    this.active.set(id, { runner, heartbeat, settled });
    this.publishStatus(id, 'running', null);
    const progress = runner.progress();
    events.publish({ type: 'progress', payload: progress });
    return progress;
  }

  /** Pauses a run of this process and waits until it has settled; false when this process runs none. */
  async pause(id: string): Promise<boolean> {
    const run = this.active.get(id);
    if (!run) return false;
    run.runner.pause();
    await run.settled;
    return true;
  }

  /** Cancels a run of this process and waits until it has settled; false when this process runs none. */
  async cancel(id: string): Promise<boolean> {
    const run = this.active.get(id);
    if (!run) return false;
    run.runner.cancel();
    await run.settled;
    return true;
  }

  /** Resolves when the experiment's current run settles (completed, paused, cancelled or failed). */
  async waitFor(id: string): Promise<void> {
    await this.active.get(id)?.settled;
  }

  /** Pauses every run (calls already running finish) and waits for them to settle. */
  async close(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.runner.pause();
    await Promise.all(runs.map((r) => r.settled));
  }

  /**
   * Marks runs whose process died as interrupted (and drops abandoned plans)
   * before a read. Best effort: a read must still answer on a file that is
   * locked or read-only right now.
   */
  sweep(): void {
    try {
      for (const [id, end] of this.unsavedEnds) {
        this.recordEnd(id, end.status, end.error);
        this.unsavedEnds.delete(id);
      }
      // Opportunistic: a file another program has locked is swept at a later look, not waited for.
      this.options.store.markInterrupted(Date.now(), this.options.staleLeaseMs, { busyTimeoutMs: SWEEP_PATIENCE_MS });
    } catch {
      // The next look sweeps again.
    }
  }

  private recordEnd(id: string, status: ExperimentStatus, error: string | null): void {
    this.options.store.setStatus(id, status, { error });
    this.options.store.releaseLease(id, this.runnerId);
  }

  /**
   * Keeps the lease alive. A beat that finds the lease taken means another
   * process presumed this one dead (a laptop asleep past the stale threshold)
   * and now runs the experiment: this run must stop and write nothing more. A
   * beat that fails on a busy database is skipped; the next one tries again.
   */
  private beat(id: string, runner: ExperimentRunner): void {
    let held: boolean;
    try {
      held = this.options.store.heartbeat(id, this.runnerId, Date.now(), { busyTimeoutMs: WRITE_ATTEMPT_PATIENCE_MS });
    } catch {
      return;
    }
    if (!held) {
      runner.abandon(
        `Another Quorum process took over this experiment (it saw no heartbeat from this one for ${Math.round(this.options.staleLeaseMs / 1000)} s — was the computer asleep?). This run stopped; the other process carries on.`,
      );
    }
  }

  private settle(id: string, end: RunEnd, error: string | null): void {
    const run = this.active.get(id);
    if (run) clearInterval(run.heartbeat);
    this.active.delete(id);
    const store = this.options.store;
    if (end === 'abandoned') {
      // Not ours any more: the status is the new holder's to set.
      this.options.events.publish({ type: 'experimentStatus', payload: { experimentId: id, status: this.readStatus(id) ?? 'interrupted', error } });
      this.options.events.publish({ type: 'experimentsChanged', payload: {} });
      return;
    }
    let status: ExperimentStatus = end;
    let message = error;
    try {
      // The counts in the file, not the runner's, decide whether the experiment is complete.
      const counts = store.countTrials(id);
      const unsaved = counts.planned + counts.running;
      if (status === 'completed' && unsaved > 0) {
        status = 'interrupted';
        message = `${unsaved} trial(s) are not saved in the database although the run finished; resume to run them.`;
      }
      this.recordEnd(id, status, message);
      this.publishStatus(id, status, message);
      this.options.events.publish({
        type: 'progress',
        payload: { experimentId: id, status, total: counts.total, done: counts.done, failed: counts.failed, inFlight: 0, ratePerSecond: 0, etaSeconds: null },
      });
    } catch (storeError) {
      // The file can't take even the status (full disk, read-only): it is
      // written at the next look once the file takes writes again.
      const reason = storeError instanceof Error ? storeError.message : String(storeError);
      const ended = status === 'completed' ? 'interrupted' : status;
      this.unsavedEnds.set(id, { status: ended, error: message ?? `The run stopped, and its status could not be saved: ${reason}` });
      this.publishStatus(id, ended, `${message ?? 'The run stopped'} (its status could not be saved yet either: ${reason})`);
    }
  }

  private readStatus(id: string): ExperimentStatus | null {
    try {
      return this.options.store.getExperiment(id)?.status ?? null;
    } catch {
      return null;
    }
  }

  publishStatus(experimentId: string, status: ExperimentStatus, error: string | null): void {
    this.options.events.publish({ type: 'experimentStatus', payload: { experimentId, status, error } });
    this.options.events.publish({ type: 'experimentsChanged', payload: {} });
  }

}
