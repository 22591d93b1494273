/**
 * The sim backend: a documented statistical agent instead of a language model.
 *
 * It reads the ground truth from `request.oracle`, decides whether this call
 * answers correctly with a probability that falls with the item's shared
 * `hardness` (so agents err on the same items), picks a wrong answer mostly
 * from the item's distractors (so wrong answers coincide), writes a prose
 * reply around it, and draws token counts and timings. Every draw comes from
 * `request.seed`: the same request always gives the same result.
 * docs/sim-backend.md gives every formula and the profile table.
 */
import { createRng, deriveSeed, type Rng } from '../util/random';
import type { TaskItem } from '../tasks/types';
import { composeReply } from './sim-replies';
import { abortError, BackendError, type CallRequest, type CallResult, type ModelBackend } from './types';

export interface SimProfile {
  readonly description: string;
  /** Log-odds of a correct answer on an item of hardness 0.5, before noise. */
  readonly skill: number;
  /** k: how steeply the log-odds fall with the item's hardness logit. */
  readonly hardnessSlope: number;
  /** τ: SD of the profile's persistent blind spot on an item, shared by all its agents (not by other profiles). */
  readonly blindSpotSd: number;
  /** σ₀: SD of per-call log-odds noise at temperature 0. */
  readonly callNoiseSd: number;
  /** σ_T: extra per-call noise SD for each unit of temperature. */
  readonly temperatureNoiseSd: number;
  /** When wrong: probability the wrong answer is one of the item's distractors (else a near miss). */
  readonly distractorRate: number;
  /** Probability of a reply with no clear final answer. */
  readonly garbleRate: number;
  /** Probability of ending with the requested "Answer: N" line rather than another style. */
  readonly formatCompliance: number;
  readonly promptTokensPerSecond: number;
  readonly genTokensPerSecond: number;
  /** σ of the mean-one lognormal jitter on prompt and generation times. */
  readonly latencySd: number;
}

/** The sim's models, "sim:NAME". Measured accuracies are in docs/sim-backend.md. */
export const SIM_PROFILES = {
  default: {
    description: 'A mid-size local model: right about two times in three at difficulty 3.',
    skill: 0.1, hardnessSlope: 1, blindSpotSd: 0.5, callNoiseSd: 0.2, temperatureNoiseSd: 0.3,
    distractorRate: 0.8, garbleRate: 0.015, formatCompliance: 0.5,
    promptTokensPerSecond: 400, genTokensPerSecond: 40, latencySd: 0.25,
  },
  weak: {
    description: 'A small model: below one half at difficulty 3, quick.',
    skill: -0.85, hardnessSlope: 1.1, blindSpotSd: 0.5, callNoiseSd: 0.3, temperatureNoiseSd: 0.4,
    distractorRate: 0.65, garbleRate: 0.04, formatCompliance: 0.35,
    promptTokensPerSecond: 900, genTokensPerSecond: 90, latencySd: 0.3,
  },
  fast: {
    description: 'A small quantised model tuned for speed: between weak and default.',
    skill: -0.4, hardnessSlope: 1, blindSpotSd: 0.5, callNoiseSd: 0.25, temperatureNoiseSd: 0.35,
    distractorRate: 0.7, garbleRate: 0.025, formatCompliance: 0.45,
    promptTokensPerSecond: 1500, genTokensPerSecond: 150, latencySd: 0.2,
  },
  strong: {
    description: 'A large model: about 0.85 at difficulty 3, slow.',
    skill: 1.4, hardnessSlope: 0.9, blindSpotSd: 0.5, callNoiseSd: 0.15, temperatureNoiseSd: 0.25,
    distractorRate: 0.85, garbleRate: 0.005, formatCompliance: 0.7,
    promptTokensPerSecond: 150, genTokensPerSecond: 15, latencySd: 0.25,
  },
} as const satisfies Record<string, SimProfile>;

export type SimProfileName = keyof typeof SIM_PROFILES;

export interface SimBackendOptions {
  /** Wait the drawn latency before resolving (default false: report it without sleeping). */
  realTime?: boolean;
  /** Multiplies the waited time in real-time mode, e.g. 0.01 to run a demo 100× faster (default 1). */
  timeScale?: number;
}

const SIM_KIND = 'sim';
const CHARS_PER_TOKEN = 4;
/** Geometric weights of distractors: the first is 2.5 times as tempting as the second, and so on. */
const DISTRACTOR_DECAY = 0.4;
/** When a wrong answer comes from the distractors: probability it is the profile's favourite for the item. */
const FAVOURITE_RATE = 0.5;

function isProfileName(name: string): name is SimProfileName {
  return Object.hasOwn(SIM_PROFILES, name);
}

/** The profile behind "sim:NAME"; throws BackendError('unknown_model') naming the known ones. */
export function simProfileFor(model: string): SimProfile {
  const name = model.startsWith(`${SIM_KIND}:`) ? model.slice(SIM_KIND.length + 1) : '';
  if (isProfileName(name)) return SIM_PROFILES[name];
  const known = Object.keys(SIM_PROFILES).map((n) => `"sim:${n}"`).join(', ');
  throw new BackendError(`Unknown sim model "${model}". Known sim models: ${known}.`, 'unknown_model');
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function hardnessLogit(hardness: number): number {
  const h = Math.min(0.999, Math.max(0.001, hardness));
  return Math.log(h / (1 - h));
}

interface ItemTendency {
  /** N(0,1): the profile's persistent blind spot on the item (scaled by τ in the log-odds). */
  blindSpot: number;
  /** The wrong answer this profile favours on the item, drawn from the distractors by their weights. */
  favouriteWrong: string | null;
}

/**
 * What a profile brings to an item, fixed by (model, item) rather than by the
 * call: every agent of that profile shares it, agents of other profiles do
 * not. This is what makes a team of one model more correlated, in its
 * successes and in its wrong answers, than a mixed team.
 */
function itemTendency(modelName: string, item: TaskItem): ItemTendency {
  const rng = createRng(deriveSeed('sim-tendency', modelName, item.suite, item.prompt));
  const blindSpot = rng.normal();
  return { blindSpot, favouriteWrong: weightedDistractor(item, rng) };
}

/** One of the item's distractors, the i-th with weight DISTRACTOR_DECAY^i; null when it has none. */
function weightedDistractor(item: TaskItem, rng: Rng): string | null {
  const options = item.distractors.filter((d) => d !== item.answer);
  const weights = options.map((_, i) => DISTRACTOR_DECAY ** i);
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < options.length; i++) {
    u -= weights[i]!;
    if (u < 0) return options[i]!;
  }
  return options[options.length - 1] ?? null;
}

/**
 * Log-odds that one call answers `item` correctly, before the per-call noise:
 * skill − k·logit(hardness) + τ·blindSpot. Exported for docs and tests.
 */
export function simItemLogit(model: string, item: TaskItem): number {
  const profile = simProfileFor(model);
  return profile.skill - profile.hardnessSlope * hardnessLogit(item.hardness) + profile.blindSpotSd * itemTendency(model, item).blindSpot;
}

/** A wrong answer near the right one: an off-by-one, a lost carry, a slipped digit. */
function nearMiss(answer: string, rng: Rng): string {
  if (!/^-?\d+$/.test(answer)) return `${answer}?`;
  const value = Number(answer);
  const offsets = [1, 2, 10, 100, Math.max(1, Math.round(Math.abs(value) * 0.1))];
  const offset = rng.pick(offsets) * (rng.next() < 0.5 ? -1 : 1);
  return String(value + offset);
}

/**
 * A wrong answer: with probability `distractorRate` a distractor (half the
 * time the profile's favourite on this item, otherwise a fresh weighted draw),
 * else a near miss. Favourites make same-model agents agree on wrong answers.
 */
function pickWrongAnswer(model: string, item: TaskItem, profile: SimProfile, rng: Rng): string {
  if (rng.next() < profile.distractorRate) {
    const favourite = itemTendency(model, item).favouriteWrong;
    const choice = rng.next() < FAVOURITE_RATE ? favourite : weightedDistractor(item, rng);
    if (choice !== null) return choice;
  }
  return nearMiss(item.answer, rng);
}

/** Without an oracle the sim cannot know the answer: it sums the prompt's numbers and nudges the sum. */
function guessWithoutOracle(request: CallRequest, rng: Rng): string {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const numbers = (lastUser.match(/-?\d+/g) ?? []).map(Number).filter(Number.isFinite);
  if (numbers.length === 0) return String(rng.int(0, 100));
  return String(numbers.reduce((a, b) => a + b, 0) + rng.int(-20, 20));
}

/** Mean-one lognormal factor: exp(σ·N − σ²/2). */
function jitter(sd: number, rng: Rng): number {
  return Math.exp(sd * rng.normal() - (sd * sd) / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class SimBackend implements ModelBackend {
  readonly kind = SIM_KIND;
  /** Without real time, calls complete at once and report the service time they drew. */
  readonly virtualTime: boolean;
  private readonly realTime: boolean;
  private readonly timeScale: number;

  constructor(options: SimBackendOptions = {}) {
    this.realTime = options.realTime ?? false;
    this.virtualTime = !this.realTime;
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale >= 0) || !Number.isFinite(this.timeScale)) {
      throw new RangeError(`timeScale must be a finite number ≥ 0, got ${options.timeScale}`);
    }
  }

  async check(model: string): Promise<void> {
    simProfileFor(model);
  }

  async call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    if (signal.aborted) throw abortError();
    const profile = simProfileFor(request.model);
    const intent = request.intent;
    const rng = createRng(deriveSeed(request.seed, SIM_KIND, request.model, request.agentIndex ?? -1));

    let claimed: string;
    if (intent) {
      const noiseSd = profile.callNoiseSd + profile.temperatureNoiseSd * Math.max(0, request.temperature);
      const pCorrect = sigmoid(simItemLogit(request.model, intent.item) + noiseSd * rng.normal());
      claimed = rng.next() < pCorrect ? intent.item.answer : pickWrongAnswer(request.model, intent.item, profile, rng);
    } else {
      claimed = guessWithoutOracle(request, rng);
    }
    const garbled = rng.next() < profile.garbleRate;
    let text = composeReply(
      { claimed, steps: intent?.item.difficulty ?? 2, garbled, formatCompliance: profile.formatCompliance },
      rng,
    );

    const promptChars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
    const tokensIn = Math.max(1, Math.ceil(promptChars / CHARS_PER_TOKEN));
    // Tokenisers vary around four characters a token; draw this reply's ratio.
    const charsPerToken = CHARS_PER_TOKEN * jitter(0.1, rng);
    let tokensOut = Math.max(1, Math.round(text.length / charsPerToken));
    let doneReason: CallResult['doneReason'] = 'stop';
    if (tokensOut > request.maxTokens) {
      tokensOut = Math.max(0, request.maxTokens);
      text = text.slice(0, Math.floor(tokensOut * charsPerToken));
      doneReason = 'length';
    }
    const promptMs = (tokensIn / profile.promptTokensPerSecond) * 1000 * jitter(profile.latencySd, rng);
    const genMs = (tokensOut / profile.genTokensPerSecond) * 1000 * jitter(profile.latencySd, rng);

    if (this.realTime) await sleep((promptMs + genMs) * this.timeScale, signal);
    return { text, tokensIn, tokensOut, queueMs: 0, loadMs: 0, promptMs, genMs, host: SIM_KIND, doneReason, simulated: true };
  }
}
