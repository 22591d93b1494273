/**
 * The sim's random source for one call: a "coupled" stream that blends a draw
 * every agent of the model shares on this exact request (what greedy decoding
 * would give) with the call's own draw (what sampling adds).
 *
 * Each uniform is Φ(√(1−δ)·A + √δ·B), A from the shared stream and B from the
 * call's, so every draw keeps its distribution whatever δ is; only how much
 * two agents' draws agree changes. δ = 0 makes every agent of a model give the
 * same reply to the same request (temperature 0 on a deterministic server),
 * δ = 1 makes calls independent given the item (today's sampling).
 */
import { createRng, type Rng } from '../../util/random';

/** Temperature from which calls are fully independent given the item (δ = 1). */
export const FULL_DIVERSITY_TEMPERATURE = 0.5;

/**
 * δ(T): the share of a call's randomness that is its own. With a
 * deterministic model it rises linearly from 0 at temperature 0 to 1 at
 * FULL_DIVERSITY_TEMPERATURE; otherwise calls are independent at every
 * temperature (a server that samples even at 0).
 */
export function samplingDiversity(temperature: number, deterministicAtZero: boolean): number {
  if (!deterministicAtZero) return 1;
  return Math.min(1, Math.max(0, temperature) / FULL_DIVERSITY_TEMPERATURE);
}

/**
 * Standard normal CDF, by the Abramowitz–Stegun 7.1.26 approximation of erf
 * (absolute error below 1.5e-7: far finer than any rate the sim reports).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Rng methods built on any uniform source, the same way util/random builds them. */
function rngFrom(next: () => number): Rng {
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal() {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/** A stream whose draws blend `sharedSeed`'s (weight 1 − δ) and `ownSeed`'s (weight δ). */
export function coupledRng(sharedSeed: number, ownSeed: number, diversity: number): Rng {
  const own = createRng(ownSeed);
  if (diversity >= 1) return own;
  const shared = createRng(sharedSeed);
  if (diversity <= 0) return shared;
  const a = Math.sqrt(1 - diversity);
  const b = Math.sqrt(diversity);
  return rngFrom(() => {
    // Clamp away from 1 so callers that floor(u·n) never index past the end.
    return Math.min(normalCdf(a * shared.normal() + b * own.normal()), 1 - 1e-12);
  });
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function logit(p: number): number {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
}
