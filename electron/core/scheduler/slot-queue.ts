/**
 * A semaphore sized to a host's parallel slots: never more holders than
 * slots, and a freed slot goes straight to a waiter, so no slot sits idle
 * while work for the host is ready. Waiters are served by priority (lower
 * first: calls of older trials, so trials finish rather than all start), then
 * in arrival order. Waiters can be aborted, and the queue can be held (a host
 * that stopped answering) without losing waiters. Listeners hear of every
 * change, so a scheduler can admit work when a slot frees up.
 */
import { abortError } from '../backends/types';

interface Waiter {
  priority: number;
  order: number;
  resolve: (release: () => void) => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface SlotQueueStats {
  slots: number;
  busy: number;
  waiting: number;
  held: boolean;
  /** The most slots ever busy at once. */
  peakBusy: number;
}

export class SlotQueue {
  private busy = 0;
  private peakBusy = 0;
  private held = false;
  private readonly waiters: Waiter[] = [];
  private readonly listeners = new Set<() => void>();
  private arrivals = 0;

  constructor(private slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a whole number ≥ 1, got ${slots}`);
  }

  /** Resolves with a release function once a slot is free; rejects with AbortError if `signal` aborts first. */
  acquire(signal?: AbortSignal, priority = Number.MAX_SAFE_INTEGER): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        order: this.arrivals++,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(abortError());
          this.notify();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      let at = this.waiters.length;
      while (at > 0 && this.waiters[at - 1]!.priority > priority) at--;
      this.waiters.splice(at, 0, waiter);
      this.dispatch();
      this.notify();
    });
  }

  /** Runs `work` holding a slot; `signal` withdraws it while it still waits for one. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal, priority?: number): Promise<T> {
    const release = await this.acquire(signal, priority);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Stops handing out slots (waiters keep their place) until `unhold()`. */
  hold(): void {
    this.held = true;
  }

  unhold(): void {
    this.held = false;
    this.dispatch();
    this.notify();
  }

  resize(slots: number): void {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a whole number ≥ 1, got ${slots}`);
    this.slots = slots;
    this.dispatch();
    this.notify();
  }

  /** Calls `listener` after every change of busy, waiting or held; returns a function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Slots that would take a call right now. */
  free(): number {
    return this.held ? 0 : Math.max(0, this.slots - this.busy);
  }

  stats(): SlotQueueStats {
    return { slots: this.slots, busy: this.busy, waiting: this.waiters.length, held: this.held, peakBusy: this.peakBusy };
  }

  private dispatch(): void {
    while (!this.held && this.busy < this.slots && this.waiters.length > 0) {
      const waiter = this.waiters.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.busy++;
      this.peakBusy = Math.max(this.peakBusy, this.busy);
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.busy--;
        this.dispatch();
        this.notify();
      });
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
