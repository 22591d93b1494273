/**
 * Finished trials on their way to the store. Group commit: results are written
 * in batches, one transaction per batch, when a batch is full, when its oldest
 * result has waited `maxDelayMs`, and when the run drains.
 *
 * A result leaves the queue only once its transaction has committed. A busy
 * database (another program holding the write lock past the busy timeout) is
 * waited out with backoff; while it lasts, `room()` holds the workers back so
 * the backlog stays bounded. Any other storage failure, or a lock that outlasts
 * `maxBusyWaitMs`, is fatal: the queue stops writing and reports it once, and
 * what it still holds is left unsaved for the next run to redo (those trials
 * are still 'planned' in the file).
 */
import { storageProblem } from '../store/storage-errors';
import type { TrialResultToSave } from '../store/types';
import type { TrialSink } from './trial-sink';

export interface ResultQueueOptions {
  maxBatch?: number;
  maxDelayMs?: number;
  /** Give up on a database that stays locked this long, counted from the first failed commit. */
  maxBusyWaitMs?: number;
  /** Workers wait in `room()` while this many results are uncommitted. */
  maxBacklog?: number;
}

const BUSY_RETRY_MIN_MS = 100;
const BUSY_RETRY_MAX_MS = 2000;

export class ResultQueue {
  private pending: TrialResultToSave[] = [];
  private timer: NodeJS.Timeout | null = null;
  private busySinceMs: number | null = null;
  private busyRetries = 0;
  private fatal: unknown = null;
  private waiters: Array<() => void> = [];
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly maxBusyWaitMs: number;
  private readonly maxBacklog: number;

  constructor(
    private readonly sink: TrialSink,
    /** Called once, with the error that stopped the queue. */
    private readonly onFatal: (error: unknown) => void,
    options: ResultQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.maxDelayMs = options.maxDelayMs ?? 100;
    this.maxBusyWaitMs = options.maxBusyWaitMs ?? 120_000;
    this.maxBacklog = options.maxBacklog ?? this.maxBatch * 4;
  }

  /** Results handed in and not yet committed. */
  get uncommitted(): number {
    return this.pending.length;
  }

  /** The error that stopped the queue, or null while it works. */
  get failure(): unknown {
    return this.fatal;
  }

  add(result: TrialResultToSave): void {
    if (this.fatal !== null) return;
    this.pending.push(result);
    if (this.busySinceMs !== null) return; // a retry is already scheduled
    if (this.pending.length >= this.maxBatch) this.commit();
    else this.timer ??= setTimeout(() => this.commit(), this.maxDelayMs);
  }

  /** Whether more may be added now without waiting for room. */
  hasRoom(): boolean {
    return this.pending.length < this.maxBacklog || this.fatal !== null;
  }

  /** Resolves when the backlog is small enough to add more (at once, unless the database is busy). */
  room(): Promise<void> {
    if (this.pending.length < this.maxBacklog || this.fatal !== null) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Commits everything held; resolves when it is all in the file, rejects with the fatal error if storage fails. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.fatal !== null) throw this.fatal;
      if (this.pending.length === 0) return;
      if (this.busySinceMs === null) this.commit();
      if (this.pending.length > 0 && this.fatal === null) await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Drops what is held without writing it (the run lost its lease: another process owns these trials now). */
  discard(): number {
    const dropped = this.pending.length;
    this.pending = [];
    this.clearTimer();
    this.wake();
    return dropped;
  }

  private commit(): void {
    this.clearTimer();
    while (this.pending.length > 0 && this.fatal === null) {
      const batch = this.pending.slice(0, this.maxBatch);
      try {
        this.sink.saveResults(batch);
      } catch (error) {
        this.handleFailure(error);
        return;
      }
      this.pending.splice(0, batch.length);
      this.busySinceMs = null;
      this.busyRetries = 0;
    }
    this.wake();
  }

  private handleFailure(error: unknown): void {
    const now = Date.now();
    if (storageProblem(error) === 'busy') {
      this.busySinceMs ??= now;
      if (now - this.busySinceMs < this.maxBusyWaitMs) {
        const delay = Math.min(BUSY_RETRY_MAX_MS, BUSY_RETRY_MIN_MS * 2 ** this.busyRetries++);
        this.timer = setTimeout(() => this.commit(), delay);
        return;
      }
    }
    this.fatal = error;
    this.clearTimer();
    this.wake();
    this.onFatal(error);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private wake(): void {
    if (this.pending.length >= this.maxBacklog && this.fatal === null && this.busySinceMs !== null) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
