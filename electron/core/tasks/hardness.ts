/**
 * What every generated suite shares about an item's latent hardness: the
 * logistic map from a feature score, the mixture draw a spec may ask for
 * instead, and the checks on generate() options. docs/task-suites.md gives
 * each suite's own feature score.
 */
import { createRng, deriveSeed, type Rng } from '../util/random';
import type { GenerateOptions, HardnessMixture } from './types';

/** SD of the hardness logit within a mixture component that gives none: the spread of the suites' own draws. */
export const HARDNESS_MIXTURE_SD = 0.6;

/** Hardness from a logit, rounded to 4 decimals so that stored items read back exactly. */
export function hardnessFromLogit(z: number): number {
  return Math.round(10_000 / (1 + Math.exp(-z))) / 10_000;
}

/**
 * Hardness from a mixture: a component drawn by share, then
 * sigmoid(logit(mean) + sd·N(0, 1)). Its own stream (keyed by the suite), so
 * an item's text, answer and distractors are those of the same item without a
 * mixture: two experiments that differ only in the mixture are paired.
 */
export function mixtureHardness(mixture: HardnessMixture, suite: string, index: number, seed: number, difficulty: number): number {
  const rng = createRng(deriveSeed(seed, suite, 'hardness-mixture', difficulty, index));
  const components = mixture.mixture;
  let u = rng.next() * components.reduce((sum, c) => sum + c.share, 0);
  let component = components[components.length - 1]!;
  for (const candidate of components) {
    u -= candidate.share;
    if (u < 0) {
      component = candidate;
      break;
    }
  }
  const mean = Math.min(0.999, Math.max(0.001, component.mean));
  return hardnessFromLogit(Math.log(mean / (1 - mean)) + (component.sd ?? HARDNESS_MIXTURE_SD) * rng.normal());
}

/**
 * The item's hardness: the suite's own logit plus noise, or the mixture's draw.
 * The noise is drawn even under a mixture, so later draws from `rng` (the
 * distractors, the option order) do not depend on whether a mixture was given.
 */
export function itemHardness(options: { suite: string; index: number; seed: number; difficulty: number; hardness?: HardnessMixture | undefined }, logit: number, rng: Rng): number {
  const own = hardnessFromLogit(logit + HARDNESS_MIXTURE_SD * rng.normal());
  return options.hardness ? mixtureHardness(options.hardness, options.suite, options.index, options.seed, options.difficulty) : own;
}

/** The checks every generated suite makes on its options; `knob` says what difficulty means for it. */
export function checkGenerateOptions(suite: string, { count, difficulty, hardness }: GenerateOptions, range: { min: number; max: number; knob: string }): void {
  if (!Number.isInteger(difficulty) || difficulty < range.min || difficulty > range.max) {
    throw new RangeError(`${suite} difficulty must be an integer from ${range.min} to ${range.max} (${range.knob}), got ${difficulty}`);
  }
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`item count must be a non-negative integer, got ${count}`);
  if (hardness && !hardness.mixture.some((c) => c.share > 0)) throw new RangeError('a hardness mixture needs at least one component with a positive share');
}
