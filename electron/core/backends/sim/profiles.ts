/**
 * The sim's models: four preset profiles ("sim:default" …) and the models a
 * spec defines under `sim.models`, which start from a preset and change some
 * of its knobs. docs/sim-backend.md explains every parameter and shows what it
 * produces; its profile table is generated from SIM_PROFILES.
 */
import type { SimModelSpec } from '../../../../shared/domain/sim-spec';
import { BackendError, type CallRoute } from '../types';

export interface SimProfile {
  readonly description: string;
  /** The model whose draws this one makes (blind spots, favourites, random streams); absent: its own name. */
  readonly drawsAs?: string;
  /** Log-odds of a right answer on an item of hardness 0.5, before blind spot and noise. */
  readonly skill: number;
  /** k: how steeply the log-odds fall with the item's hardness logit (shared by every model). */
  readonly hardnessSlope: number;
  /** τ: SD of the model's persistent blind spot on an item, shared by all its agents, not by other models. */
  readonly blindSpotSd: number;
  /** σ₀: SD of per-call log-odds noise at temperature 0. */
  readonly callNoiseSd: number;
  /** σ_T: extra per-call noise SD for each unit of temperature. */
  readonly temperatureNoiseSd: number;
  /** When wrong, without a favourite: probability the answer is one of the item's distractors (else a near miss). */
  readonly distractorRate: number;
  /** When two agents of this model are both wrong: probability they give the same wrong answer. */
  readonly errorAgreement: number;
  /** Revising when unsure and not stubborn: probability of taking a peer's answer (else working it again). */
  readonly conformity: number;
  /** Revising when unsure: probability of keeping one's answer anyway. */
  readonly stubbornness: number;
  /** Probability of recognising a wrong answer as wrong when checking it (a peer's, a draft, one's own when challenged). */
  readonly spotWrongPeer: number;
  /** Judging: probability of picking the right candidate when one is there (else one by how many gave it). */
  readonly judgeAccuracy: number;
  /** Leading: probability that a split of the task into parts is sound. */
  readonly decomposeQuality: number;
  /** Leading: probability of combining all-right part results into the right answer. */
  readonly combineSkill: number;
  /** At temperature 0 every agent of this model gives the same reply to the same request. */
  readonly deterministicAtZeroTemperature: boolean;
  /** Probability of a reply with no clear final answer. */
  readonly garbleRate: number;
  /** Probability of ending with the requested "Answer: N" line rather than another style. */
  readonly formatCompliance: number;
  readonly promptTokensPerSecond: number;
  readonly genTokensPerSecond: number;
  /** σ of the mean-one lognormal jitter on prompt and generation times. */
  readonly latencySd: number;
}

/** Shared by every preset: what differs between them is ability, speed and social behaviour. */
const COMMON = { hardnessSlope: 1, callNoiseSd: 0.2, temperatureNoiseSd: 0.3, deterministicAtZeroTemperature: true } as const;

/** The sim's preset models, "sim:NAME". Measured accuracies are in docs/sim-backend.md. */
export const SIM_PROFILES = {
  default: {
    ...COMMON,
    description: 'A mid-size local model: right about two times in three at difficulty 3.',
    skill: 0.35, blindSpotSd: 0.7, distractorRate: 0.8, errorAgreement: 0.65,
    conformity: 0.5, stubbornness: 0.3, spotWrongPeer: 0.08, judgeAccuracy: 0.3, decomposeQuality: 0.8, combineSkill: 0.9,
    garbleRate: 0.015, formatCompliance: 0.5,
    promptTokensPerSecond: 400, genTokensPerSecond: 40, latencySd: 0.25,
  },
  weak: {
    ...COMMON,
    description: 'A small model: below one half at difficulty 3, quick.',
    skill: -0.85, hardnessSlope: 1.1, blindSpotSd: 0.7, callNoiseSd: 0.3, temperatureNoiseSd: 0.4, distractorRate: 0.65, errorAgreement: 0.5,
    conformity: 0.6, stubbornness: 0.2, spotWrongPeer: 0.04, judgeAccuracy: 0.15, decomposeQuality: 0.6, combineSkill: 0.8,
    garbleRate: 0.04, formatCompliance: 0.35,
    promptTokensPerSecond: 900, genTokensPerSecond: 90, latencySd: 0.3,
  },
  fast: {
    ...COMMON,
    description: 'A small quantised model tuned for speed: between weak and default.',
    skill: -0.25, blindSpotSd: 0.7, callNoiseSd: 0.25, temperatureNoiseSd: 0.35, distractorRate: 0.7, errorAgreement: 0.55,
    conformity: 0.55, stubbornness: 0.25, spotWrongPeer: 0.06, judgeAccuracy: 0.2, decomposeQuality: 0.7, combineSkill: 0.85,
    garbleRate: 0.025, formatCompliance: 0.45,
    promptTokensPerSecond: 1500, genTokensPerSecond: 150, latencySd: 0.2,
  },
  strong: {
    ...COMMON,
    description: 'A large model: about 0.85 at difficulty 3, slow.',
    skill: 1.9, hardnessSlope: 0.9, blindSpotSd: 0.7, callNoiseSd: 0.15, temperatureNoiseSd: 0.25, distractorRate: 0.85, errorAgreement: 0.75,
    conformity: 0.4, stubbornness: 0.4, spotWrongPeer: 0.15, judgeAccuracy: 0.5, decomposeQuality: 0.9, combineSkill: 0.97,
    garbleRate: 0.005, formatCompliance: 0.7,
    promptTokensPerSecond: 150, genTokensPerSecond: 15, latencySd: 0.25,
  },
} as const satisfies Record<string, SimProfile>;

export type SimProfileName = keyof typeof SIM_PROFILES;

export const SIM_KIND = 'sim';

function isProfileName(name: string): name is SimProfileName {
  return Object.hasOwn(SIM_PROFILES, name);
}

/** A spec's own model: its preset with the knobs it sets. */
export function profileFromSpec(spec: SimModelSpec): SimProfile {
  const preset: SimProfile = SIM_PROFILES[spec.preset];
  return {
    ...preset,
    description: `A model of the experiment's own, from the "${spec.preset}" preset.`,
    ...(spec.sameModelAs !== undefined ? { drawsAs: spec.sameModelAs } : {}),
    skill: spec.skill ?? preset.skill,
    hardnessSlope: spec.hardnessSlope ?? preset.hardnessSlope,
    blindSpotSd: spec.blindSpotSd ?? preset.blindSpotSd,
    errorAgreement: spec.errorAgreement ?? preset.errorAgreement,
    conformity: spec.conformity ?? preset.conformity,
    stubbornness: spec.stubbornness ?? preset.stubbornness,
    spotWrongPeer: spec.spotWrongPeer ?? preset.spotWrongPeer,
    judgeAccuracy: spec.judgeAccuracy ?? preset.judgeAccuracy,
    decomposeQuality: spec.decomposeQuality ?? preset.decomposeQuality,
    combineSkill: spec.combineSkill ?? preset.combineSkill,
    deterministicAtZeroTemperature: spec.deterministicAtZeroTemperature ?? preset.deterministicAtZeroTemperature,
  };
}

/**
 * The profile behind "sim:NAME": the experiment's own models (on the call's
 * route) first, then the presets. Throws BackendError('unknown_model') naming
 * every model this call could have used.
 */
export function simProfileFor(model: string, route?: CallRoute): SimProfile {
  const name = model.startsWith(`${SIM_KIND}:`) ? model.slice(SIM_KIND.length + 1) : '';
  const own = route?.sim;
  if (own && Object.hasOwn(own, name)) return profileFromSpec(own[name]!);
  if (isProfileName(name)) return SIM_PROFILES[name];
  const known = [...Object.keys(SIM_PROFILES), ...Object.keys(own ?? {})].map((n) => `"sim:${n}"`).join(', ');
  throw new BackendError(`Unknown sim model "${model}". Known sim models: ${known}.`, 'unknown_model');
}
