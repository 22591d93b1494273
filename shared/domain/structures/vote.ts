/** n agents answer independently; a rule turns their answers into one. */
import * as s from '../../contract/schema';
import type { CellParams, StructureDefinition } from './types';

export const VOTE_RULES = ['majority', 'plurality', 'weighted', 'quorum', 'judge'] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

const size = (p: CellParams) => Number(p.size);

export const vote: StructureDefinition = {
  id: 'vote',
  title: 'Vote',
  summary:
    'n agents answer independently and in parallel; a rule turns their answers into one: "majority" (more than half of all n, else no answer), "plurality" (the most common; ties by a seeded draw), "weighted" (by stated confidence, or by each model\'s measured accuracy), "quorum" (stop as soon as k agree and cancel the rest), "judge" (one more agent picks among the answers).',
  shape: {
    sizes: s.axis(s.integer({ min: 1, max: 1000 }), { description: 'Team sizes to try, one cell each.' }).optional(),
    aggregate: s.oneOf(VOTE_RULES, { description: 'How the votes become one answer.' }).default('majority'),
    quorum: s.integer({ min: 1, max: 1000, description: 'For "quorum": how many agreeing answers end the vote (default: more than half).' }).optional(),
    weightBy: s.oneOf(['confidence', 'accuracy'], { description: 'For "weighted": the confidence each agent states, or each agent\'s own "weight" (e.g. its measured accuracy).' }).default('confidence'),
  },
  fields: [
    { name: 'sizes', label: 'Team sizes', kind: 'integer', axis: true, min: 1, max: 1000, default: [3, 5], help: 'Agents voting; each size is a cell. Odd sizes avoid ties under majority.' },
    { name: 'aggregate', label: 'Rule', kind: 'choice', axis: false, choices: VOTE_RULES, default: 'majority', help: 'How the votes become one answer.' },
    { name: 'quorum', label: 'Quorum', kind: 'integer', axis: false, min: 1, max: 1000, help: '"quorum" rule: agreeing answers that end the vote.' },
    { name: 'weightBy', label: 'Weight by', kind: 'choice', axis: false, choices: ['confidence', 'accuracy'], default: 'confidence', help: '"weighted" rule: what a vote weighs.' },
  ],
  teamSize: (p) => size(p) + (p.aggregate === 'judge' ? 1 : 0),
  paramsForAgents: (count) => ({ size: count }),
  label: (p) => `vote (${String(p.aggregate)})`,
  formulas: { calls: 'n (+1 with a judge; a quorum may stop sooner)', messages: '0', rounds: '1 (2 with a judge)' },
  expected: (p) => ({ calls: size(p) + (p.aggregate === 'judge' ? 1 : 0), messages: 0, rounds: p.aggregate === 'judge' ? 2 : 1 }),
  roles: (p) => [...Array.from({ length: size(p) }, () => 'voter'), ...(p.aggregate === 'judge' ? ['judge'] : [])],
  check: (p) => {
    const quorum = p.quorum === undefined ? undefined : Number(p.quorum);
    if (quorum !== undefined && quorum > size(p)) return [{ field: 'quorum', message: `is ${quorum}, more than the ${size(p)} agents voting` }];
    return [];
  },
};

/** Agreeing answers that end a quorum vote: the given quorum, else more than half. */
export function quorumOf(params: CellParams): number {
  return params.quorum === undefined ? Math.floor(Number(params.size) / 2) + 1 : Number(params.quorum);
}
