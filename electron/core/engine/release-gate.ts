/**
 * Hands a trial's call results to its structure in logical-time order.
 *
 * A sim call (virtual time) completes at once and reports the service time it
 * drew; results of several such calls would otherwise arrive in the order they
 * were asked, not the order they end on the trial's timeline. The gate holds
 * them and releases the one that ends first, one per turn of the event loop:
 * by the next turn the structure has reacted to it (asked its next calls,
 * which complete at once too), so nothing issued later can end earlier than
 * what is released. Asynchronous protocols (a debate without barriers, a
 * quorum) therefore play out the same way on every run.
 *
 * Results of real calls are released as they arrive: their order is the
 * real one.
 *
 * A structure that must wait for work of its own between a result and its
 * reaction to it (a coding team's test run in the sandbox, a worker thread)
 * keeps the gate closed meanwhile (`closeWhile`): otherwise a later result
 * could be released before the call its reaction asks for, and the order of
 * events would depend on how long the sandbox took.
 */
interface Held {
  endMs: number;
  seq: number;
  release: () => void;
}

export class ReleaseGate {
  private held: Held[] = [];
  private scheduled = false;
  /** Work of the structure's own in progress: nothing is released until it settles. */
  private closed = 0;

  /** Holds a virtual-time result until nothing issued could end before it. */
  hold(endMs: number, seq: number, release: () => void): void {
    // Sorted insert; ties go to the call asked first.
    let at = this.held.length;
    while (at > 0 && (this.held[at - 1]!.endMs > endMs || (this.held[at - 1]!.endMs === endMs && this.held[at - 1]!.seq > seq))) at--;
    this.held.splice(at, 0, { endMs, seq, release });
    this.schedule();
  }

  get holding(): number {
    return this.held.length;
  }

  /**
   * Keeps results held until `work` settles, and until the structure has
   * reacted to it: releasing resumes on a later turn of the event loop, after
   * the calls the reaction asks for have been placed.
   */
  closeWhile<T>(work: Promise<T>): Promise<T> {
    this.closed++;
    const reopen = (): void => {
      this.closed--;
      if (this.closed === 0 && this.held.length > 0) this.schedule();
    };
    return work.finally(reopen);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.releaseNext());
  }

  private releaseNext(): void {
    this.scheduled = false;
    if (this.closed > 0) return;
    const next = this.held.shift();
    if (!next) return;
    next.release();
    if (this.held.length > 0) this.schedule();
  }
}
