/** Completion rate over a sliding window, and the ETA it implies. */
export class RateMeter {
  private readonly stamps: number[] = [];

  constructor(private readonly windowMs = 10_000) {}

  record(nowMs: number, count = 1): void {
    for (let i = 0; i < count; i++) this.stamps.push(nowMs);
    this.trim(nowMs);
  }

  perSecond(nowMs: number): number {
    this.trim(nowMs);
    if (this.stamps.length === 0) return 0;
    const first = this.stamps[0]!;
    // Until the window fills, divide by the time since the first completion
    // (at least one second) so early rates are not wildly inflated.
    const span = Math.max(1000, Math.min(this.windowMs, nowMs - first));
    return (this.stamps.length * 1000) / span;
  }

  etaSeconds(nowMs: number, remaining: number): number | null {
    if (remaining === 0) return 0;
    const rate = this.perSecond(nowMs);
    return rate > 0 ? remaining / rate : null;
  }

  private trim(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop]! < cutoff) drop++;
    if (drop > 0) this.stamps.splice(0, drop);
  }
}
