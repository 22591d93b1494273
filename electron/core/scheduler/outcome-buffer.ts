/**
 * Group commit: finished trials are written in batches, one transaction per
 * batch, instead of one transaction per trial. A batch is flushed when it is
 * full, when its oldest trial has waited `maxDelayMs`, and whenever the run
 * stops. The cost: a crash can lose the trials of one unflushed batch (at most
 * `maxDelayMs` of work), which the next run simply redoes; they are never
 * half-written.
 */
import type { TrialOutcomeToSave } from '../store/types';
import type { TrialSink } from './trial-sink';

export class OutcomeBuffer {
  private batch: TrialOutcomeToSave[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sink: TrialSink,
    private readonly onError: (error: unknown) => void,
    private readonly maxBatch = 256,
    private readonly maxDelayMs = 100,
  ) {}

  add(trial: TrialOutcomeToSave): void {
    this.batch.push(trial);
    if (this.batch.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flushSafely(), this.maxDelayMs);
  }

  /** Writes what is buffered now; throws what the sink throws. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.sink.saveOutcomes(batch);
  }

  private flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.onError(error);
    }
  }
}
