/**
 * Spreads retries apart without Math.random, so runs stay reproducible: a
 * xorshift generator, one per backend.
 */
export class Jitter {
  private state = 0x9e3779b9;

  /** Uniform in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
}
