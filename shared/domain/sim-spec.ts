/**
 * The spec's `sim` block: sim models of the user's own, built from a preset
 * profile with any behavioural knob changed, named so teams can use them as
 * `sim:NAME`. docs/sim-backend.md explains every knob and what it produces.
 */
import * as s from '../contract/schema';
import { z } from '../contract/schema';

export const SIM_PRESETS = ['default', 'weak', 'fast', 'strong'] as const;
export type SimPreset = (typeof SIM_PRESETS)[number];

const probability = (description: string) => s.number({ min: 0, max: 1, description }).optional();

export const simModelSchema = s.object(
  {
    preset: s.oneOf(SIM_PRESETS, { description: 'The profile this model starts from; the fields below override it.' }).default('default'),
    skill: s.number({ min: -6, max: 6, description: 'Log-odds of a right answer on an item of middling hardness.' }).optional(),
    blindSpotSd: s.number({ min: 0, max: 4, description: 'Strength of the model\'s persistent blind spots: how much its agents err on the same items (error correlation).' }).optional(),
    errorAgreement: probability('When two agents of this model are both wrong: how often they give the same wrong answer.'),
    conformity: probability('Debate: pull toward the peers\' majority when revising, stronger when the agent is unsure.'),
    stubbornness: probability('Debate: chance of keeping one\'s own answer whatever the peers say.'),
    spotWrongPeer: probability('Chance of recognising that a peer\'s answer is wrong.'),
    judgeAccuracy: probability('Judge: chance of picking the right candidate when one is there.'),
    decomposeQuality: probability('Leader: chance that a split of the task into parts is sound.'),
    combineSkill: probability('Leader: chance of combining right part results into the right answer.'),
    deterministicAtZeroTemperature: z.boolean().meta({ description: 'At temperature 0, every agent of this model gives the same answer to an item (no vote gain).' }).optional(),
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
