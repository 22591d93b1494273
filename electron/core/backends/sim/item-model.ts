/**
 * What a model brings to an item, fixed by (model, item) rather than by the
 * call: its log-odds of being right, and how it goes wrong. Every agent of the
 * model shares these; agents of another model draw their own. This is what
 * makes one model's agents err together (blind spots) and give the same wrong
 * answer (favourites) more than a mixed team's.
 */
import { labelsFor } from '../../tasks/choice-extract';
import { canonicalNumber } from '../../tasks/extract';
import type { TaskItem } from '../../tasks/types';
import { createRng, deriveSeed, type Rng } from '../../util/random';
import { logit } from './draws';
import type { SimProfile } from './profiles';

/** Geometric weights of distractors: the first is 2.5 times as tempting as the second, and so on. */
export const DISTRACTOR_DECAY = 0.4;
/** Offsets of a near miss (each with either sign): off by one or two, a lost carry, a slipped hundred. */
const NEAR_MISS_OFFSETS = [1, 2, 10, 100] as const;

/** The wrong answers a model gives on an item when it has no favourite, with their probabilities. */
export interface WrongAnswers {
  answers: string[];
  probabilities: number[];
  /** c = Σ q²: how often two independent wrong draws coincide. */
  chanceAgreement: number;
}

export interface ItemView {
  /** η = skill − k·logit(hardness) + τ·u: log-odds of a right answer before per-call noise. */
  logit: number;
  /** u ~ N(0, 1), the model's blind spot on the item. */
  blindSpot: number;
  wrong: WrongAnswers;
  /** The wrong answer this model favours on the item (one draw from `wrong`). */
  favourite: string;
  /** f: probability a wrong call gives the favourite, set so that two wrong agents agree with probability errorAgreement. */
  favouriteRate: number;
}

/** Offsets of a near miss for a decimal answer (word problems, money): a dime, a unit, ten units and a tenth of it. */
const DECIMAL_NEAR_MISS_OFFSETS = [0.1, 1, 10] as const;

/**
 * Near misses: for an integer answer ±1, ±2, ±10, ±100 and ± a tenth of it;
 * for a decimal one ±0.1, ±1, ±10 and ± a tenth of it (at the answer's own
 * decimals); for a choice, every other option's letter; for free text, a
 * stand-in wrong text that never reads as the answer.
 */
function nearMisses(item: TaskItem): string[] {
  const answer = item.answer;
  if (item.choices) return labelsFor(item.choices.length).filter((label) => label !== answer);
  if (/^-?\d+$/.test(answer)) {
    const value = Number(answer);
    const offsets = [...NEAR_MISS_OFFSETS, Math.max(1, Math.round(Math.abs(value) * 0.1))];
    return offsets.flatMap((offset) => [String(value - offset), String(value + offset)]);
  }
  if (/^-?\d+\.\d+$/.test(answer)) {
    const value = Number(answer);
    const decimals = answer.split('.')[1]!.length;
    const show = (n: number): string => canonicalNumber(n.toFixed(decimals)) ?? String(n);
    const offsets = [...DECIMAL_NEAR_MISS_OFFSETS, Math.max(0.1, Math.abs(value) * 0.1)];
    return offsets.flatMap((offset) => [show(value - offset), show(value + offset)]);
  }
  return [`not ${answer}`];
}

/**
 * q: with probability `distractorRate` a distractor (the j-th weighted
 * DISTRACTOR_DECAY^j), otherwise a near miss (uniform over its ten). Equal
 * values add up; the right answer is never among them.
 */
export function wrongAnswers(item: TaskItem, distractorRate: number): WrongAnswers {
  const distractors = item.distractors.filter((d) => d !== item.answer);
  const weights = distractors.map((_, j) => DISTRACTOR_DECAY ** j);
  const total = weights.reduce((a, b) => a + b, 0);
  const toDistractors = distractors.length > 0 ? distractorRate : 0;
  const mass = new Map<string, number>();
  const add = (answer: string, p: number): void => {
    if (answer !== item.answer && p > 0) mass.set(answer, (mass.get(answer) ?? 0) + p);
  };
  distractors.forEach((d, j) => add(d, (toDistractors * weights[j]!) / total));
  const misses = nearMisses(item);
  for (const miss of misses) add(miss, (1 - toDistractors) / misses.length);
  const answers = [...mass.keys()];
  const probabilities = answers.map((a) => mass.get(a)!);
  const sum = probabilities.reduce((a, b) => a + b, 0);
  const normalised = probabilities.map((p) => p / sum);
  return { answers, probabilities: normalised, chanceAgreement: normalised.reduce((a, p) => a + p * p, 0) };
}

/** One draw from `wrong`, leaving out `exclude` (renormalised). */
export function drawFrom(wrong: WrongAnswers, rng: Rng, exclude: string | null = null): string {
  const keep = wrong.answers.map((a) => a !== exclude);
  const total = wrong.probabilities.reduce((sum, p, i) => sum + (keep[i] ? p : 0), 0);
  let u = rng.next() * total;
  let last = wrong.answers[0]!;
  for (let i = 0; i < wrong.answers.length; i++) {
    if (!keep[i]) continue;
    last = wrong.answers[i]!;
    u -= wrong.probabilities[i]!;
    if (u < 0) return last;
  }
  return last;
}

/**
 * f = √((a − c) / (1 − c)): with the favourite given with probability f and
 * a fresh draw from q otherwise, two wrong agents agree with probability
 * f² + (1 − f²)·c = a (averaged over the favourite's own draw). Below the
 * chance agreement c no favourite is needed, and a is c.
 */
export function favouriteRate(errorAgreement: number, chanceAgreement: number): number {
  if (chanceAgreement >= 1) return 1;
  return Math.sqrt(Math.max(0, (errorAgreement - chanceAgreement) / (1 - chanceAgreement)));
}

/** The model's view of the item; `model` is the full name, so each model, own ones included, has its own blind spots. */
export function itemView(model: string, profile: SimProfile, item: TaskItem): ItemView {
  const rng = createRng(deriveSeed('sim-tendency', model, item.suite, item.prompt));
  const blindSpot = rng.normal();
  const wrong = wrongAnswers(item, profile.distractorRate);
  return {
    logit: profile.skill - profile.hardnessSlope * logit(item.hardness) + profile.blindSpotSd * blindSpot,
    blindSpot,
    wrong,
    favourite: drawFrom(wrong, rng),
    favouriteRate: favouriteRate(profile.errorAgreement, wrong.chanceAgreement),
  };
}

/** A wrong answer: the favourite with probability f, else a fresh draw; never `exclude`. */
export function drawWrong(view: ItemView, rng: Rng, exclude: string | null = null): string {
  if (rng.next() < view.favouriteRate && view.favourite !== exclude) return view.favourite;
  return drawFrom(view.wrong, rng, exclude);
}
