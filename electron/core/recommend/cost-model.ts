/**
 * Tokens and critical-path latency of a cell the pilot did not run, from the
 * structure registry's formulas and what the pilot measured
 * (docs/recommend.md, "What each prediction rests on").
 *
 * Tokens: every call costs its prompt and its reply, and every message
 * between agents is read once more in its receiver's prompt, so a trial's
 * tokens are u·calls + w·messages with the registry's calls and messages
 * for the cell. u and w are fitted per family to its two anchors (exactly:
 * two equations, two unknowns); a vote has no messages, so u alone, from its
 * voters' calls.
 *
 * Latency: a trial's critical path is its rounds one after another, each as
 * long as its slowest call. With the calls of a round drawn from the
 * measured service times, a round of w parallel calls takes E[max of w
 * draws] (an order statistic of the measured distribution); a cell takes
 * rounds × E[max of calls/rounds draws], times a factor fitted to the
 * family's anchors (its calls are longer or shorter than a voter's), the
 * factor interpolated in log size between them.
 */

export interface CostPoint {
  size: number;
  calls: number;
  messages: number;
  tokens: number;
}

export interface TokenLaw {
  perCall: number;
  perMessage: number;
  /** How the law was fitted, in words. */
  words: string;
}

/**
 * u and w from the anchors. With two anchors whose calls and messages are
 * not proportional, the exact solution (kept when both are ≥ 0); otherwise
 * tokens per call of the anchors, messages folded into it.
 */
export function fitTokenLaw(points: readonly CostPoint[]): TokenLaw {
  const usable = points.filter((p) => p.calls > 0 && Number.isFinite(p.tokens));
  if (usable.length >= 2) {
    const [a, b] = [usable[0]!, usable[usable.length - 1]!];
    const det = a.calls * b.messages - b.calls * a.messages;
    if (Math.abs(det) > 1e-9 * Math.max(1, a.calls * b.messages)) {
      const perCall = (a.tokens * b.messages - b.tokens * a.messages) / det;
      const perMessage = (a.calls * b.tokens - b.calls * a.tokens) / det;
      if (perCall >= 0 && perMessage >= 0) {
        return { perCall, perMessage, words: `${Math.round(perCall)} tokens per call and ${Math.round(perMessage)} per message, fitted to the anchors` };
      }
    }
  }
  const calls = usable.reduce((s, p) => s + p.calls, 0);
  const tokens = usable.reduce((s, p) => s + p.tokens, 0);
  const perCall = calls > 0 ? tokens / calls : 0;
  return { perCall, perMessage: 0, words: `${Math.round(perCall)} tokens per call, as measured` };
}

export function tokensOf(law: TokenLaw, calls: number, messages: number): number {
  return law.perCall * calls + law.perMessage * messages;
}

/** E[max of w independent draws] from the measured values; w may be fractional (interpolated between whole numbers). */
export function expectedMaximum(values: readonly number[], w: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const whole = (k: number): number => {
    if (k <= 1) return sorted.reduce((a, b) => a + b, 0) / sorted.length;
    // P(max = x_(j)) = (j/K)^k − ((j − 1)/K)^k for the j-th smallest of K values.
    let sum = 0;
    let below = 0;
    for (let j = 1; j <= sorted.length; j++) {
      const upTo = (j / sorted.length) ** k;
      sum += sorted[j - 1]! * (upTo - below);
      below = upTo;
    }
    return sum;
  };
  const low = Math.max(1, Math.floor(w));
  const fraction = w - low;
  return fraction <= 0 ? whole(low) : whole(low) * (1 - fraction) + whole(low + 1) * fraction;
}

export interface LatencyShape {
  rounds: number;
  calls: number;
}

/** rounds × E[max of calls/rounds draws]: the critical path of a cell whose calls took the measured times. */
export function roundsLatency(durations: readonly number[], shape: LatencyShape): number {
  const rounds = Math.max(1, shape.rounds);
  return rounds * expectedMaximum(durations, Math.max(1, shape.calls / rounds));
}

/**
 * A value known at anchor sizes, read at `size`: linear in log size between
 * the two anchors around it, the nearest anchor's value outside them.
 */
export function interpolateLogSize(anchors: ReadonlyArray<{ size: number; value: number }>, size: number): number {
  const sorted = [...anchors].sort((a, b) => a.size - b.size);
  if (sorted.length === 0) return Number.NaN;
  if (size <= sorted[0]!.size) return sorted[0]!.value;
  const last = sorted[sorted.length - 1]!;
  if (size >= last.size) return last.value;
  for (let k = 1; k < sorted.length; k++) {
    const [a, b] = [sorted[k - 1]!, sorted[k]!];
    if (size <= b.size) {
      if (b.size === a.size) return a.value;
      const t = (Math.log(size) - Math.log(a.size)) / (Math.log(b.size) - Math.log(a.size));
      return a.value + t * (b.value - a.value);
    }
  }
  return last.value;
}

/** The weight of each anchor at `size` under interpolateLogSize (they add up to 1). */
export function logSizeWeights(anchorSizes: readonly number[], size: number): number[] {
  return anchorSizes.map((_, k) => interpolateLogSize(anchorSizes.map((s, j) => ({ size: s, value: j === k ? 1 : 0 })), size));
}
