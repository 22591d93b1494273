/**
 * A FIFO semaphore sized to a host's parallel slots: never more holders than
 * slots, and a freed slot goes straight to the longest waiter, so no slot sits
 * idle while work for the host is ready. Waiters can be aborted, and the
 * queue can be held (a host that stopped answering) without losing waiters.
 */
import { abortError } from '../backends/types';

interface Waiter {
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

  constructor(private slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a whole number ≥ 1, got ${slots}`);
  }

  /** Resolves with a release function once a slot is free; rejects with AbortError if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(abortError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.dispatch();
    });
  }

  /** Runs `work` holding a slot. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
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
  }

  resize(slots: number): void {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a whole number ≥ 1, got ${slots}`);
    this.slots = slots;
    this.dispatch();
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
      });
    }
  }
}
