/**
 * The spec's `sim` block: sim models of the user's own, built from a preset
 * profile with any behavioural knob changed, named so teams can use them as
 * `sim:NAME`. docs/sim-backend.md explains every knob and what it produces.
 * A model of one's own is a different model even with every knob equal to its
 * preset: its blind spots and favourite wrong answers are drawn from its name,
 * unless `sameModelAs` names the model it draws as.
 */
import * as s from '../contract/schema';
import { z } from '../contract/schema';

/** The preset profiles; the sim backend's SIM_PROFILES has exactly these names (a test checks it). */
export const SIM_PRESETS = ['default', 'weak', 'fast', 'strong'] as const;
export type SimPreset = (typeof SIM_PRESETS)[number];

const probability = (description: string) => s.number({ min: 0, max: 1, description }).optional();

export const simModelSchema = s.object(
  {
    preset: s.oneOf(SIM_PRESETS, { description: 'The profile this model starts from; the fields below override it.' }).default('default'),
    sameModelAs: z
      .string()
      .regex(/^sim:[a-z][a-z0-9_-]{0,39}$/, { error: 'must name a sim model, e.g. "sim:default"' })
      .meta({ description: 'Draw as this sim model does (its blind spots, favourite wrong answers and random draws), so the two differ only in the knobs changed here: a paired comparison. By default a model of your own is a model apart.' })
      .optional(),
    skill: s.number({ min: -6, max: 6, description: 'Log-odds of a right answer on an item of middling hardness (0.5).' }).optional(),
    hardnessSlope: s.number({ min: 0, max: 3, description: 'How strongly the item\'s shared hardness moves this model (0: every item alike for it).' }).optional(),
    blindSpotSd: s.number({ min: 0, max: 4, description: 'Strength of the model\'s persistent blind spots: how much its agents err on the same items (error correlation).' }).optional(),
    errorAgreement: probability('When two agents of this model are both wrong: how often they give the same wrong answer (at least the chance agreement of the item\'s wrong answers, about 0.2–0.35).'),
    conformity: probability('Revising when unsure and not stubborn: chance of taking a peer\'s answer (by how many peers give it) rather than working the task again.'),
    stubbornness: probability('Revising when unsure: chance of keeping one\'s own answer whatever the peers say.'),
    spotWrongPeer: probability('Chance of recognising a wrong answer as wrong when checking it: a peer\'s, a draft under critique, or one\'s own when challenged.'),
    judgeAccuracy: probability('Judge or aggregator: chance of picking the right candidate when one is there (otherwise a candidate by how many gave it).'),
    decomposeQuality: probability('Leader: chance that a split of the task into parts is sound.'),
    combineSkill: probability('Leader: chance of combining right part results into the right answer.'),
    deterministicAtZeroTemperature: z
      .boolean()
      .meta({ description: 'At temperature 0, every agent of this model gives the same reply to the same request (no vote gain); calls become independent by temperature 0.5.' })
      .optional(),
  },
  { description: 'A sim model of your own: a preset with some knobs changed.' },
);

export const simSpecSchema = s.object(
  {
    models: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, { error: 'must be a short lower-case name (letters, digits, - and _)' }),
        simModelSchema,
      )
      .optional()
      .meta({ description: 'Sim models of your own, used as "sim:NAME".' }),
  },
  { description: 'Settings of the statistical sim backend.' },
);

export type SimModelSpec = z.output<typeof simModelSchema>;
export type SimSpec = z.output<typeof simSpecSchema>;
