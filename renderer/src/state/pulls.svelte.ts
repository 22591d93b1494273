import { SvelteSet } from 'svelte/reactivity';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { PullProgress } from '../../../shared/domain/models';
import type { ErrorLog } from './errors.svelte';

/** A pull as the view shows it: the lab's progress plus the figures derived from it. */
export interface PullRow extends PullProgress {
  /** Share of bytes downloaded, in [0, 1]; null while the size is not known yet. */
  fraction: number | null;
  /** Seconds left at the current speed; null when unknown. */
  etaSeconds: number | null;
}

export function pullRow(progress: PullProgress): PullRow {
  const known = progress.totalBytes > 0;
  const fraction = progress.state === 'done' ? 1 : known ? Math.min(1, progress.completedBytes / progress.totalBytes) : null;
  const left = progress.totalBytes - progress.completedBytes;
  const etaSeconds = progress.state === 'running' && known && progress.bytesPerSecond > 0 ? Math.max(0, left) / progress.bytesPerSecond : null;
  return { ...progress, fraction, etaSeconds };
}

/** Model downloads: start them, follow their progress events, cancel them. */
export class PullsState {
  pulls = $state.raw<PullProgress[]>([]);
  /** What is typed in the pull field. */
  name = $state('');
  starting = $state(false);
  readonly cancelling = new SvelteSet<string>();

  rows = $derived(this.pulls.map(pullRow));

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  readonly #onDone: (progress: PullProgress) => void;

  constructor(lab: LabBridge, errors: ErrorLog, onDone: (progress: PullProgress) => void) {
    this.#lab = lab;
    this.#errors = errors;
    this.#onDone = onDone;
  }

  /** Starts pulling the model named in the field onto `host`. */
  async start(host: string | null): Promise<void> {
    const name = this.name.trim();
    if (name === '' || this.starting) return;
    this.starting = true;
    try {
      const request = host === null ? { name } : { name, host };
      const started = await this.#errors.attempt(this.#lab.pullModel(request), `Pulling ${name}`);
      if (!started) return;
      this.name = '';
      // Its first events may have overtaken this reply; they are newer.
      if (!this.pulls.some((pull) => pull.pullId === started.pullId)) this.pulls = [started, ...this.pulls];
    } finally {
      this.starting = false;
    }
  }

  async cancel(pullId: string): Promise<void> {
    if (this.cancelling.has(pullId)) return;
    this.cancelling.add(pullId);
    try {
      const result = await this.#lab.cancelPull({ pullId });
      if (result.ok) this.apply(result.value);
      // Finished before the cancel reached it: its last event says how it ended.
      else if (result.error.code !== 'not_found') this.#errors.report(result.error, 'Cancelling the pull');
    } finally {
      this.cancelling.delete(pullId);
    }
  }

  dismiss(pullId: string): void {
    this.pulls = this.pulls.filter((pull) => pull.pullId !== pullId);
  }

  /** Takes in a progress event (or reply). A finished pull is never reopened by a late event. */
  apply(progress: PullProgress): void {
    const index = this.pulls.findIndex((pull) => pull.pullId === progress.pullId);
    const previous = index < 0 ? null : this.pulls[index];
    if (previous && previous.state !== 'running') return;
    this.pulls = index < 0 ? [progress, ...this.pulls] : this.pulls.map((pull, i) => (i === index ? progress : pull));
    if (progress.state === 'done') this.#onDone(progress);
  }
}
