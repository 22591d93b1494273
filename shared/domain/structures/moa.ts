/** Mixture of agents: layers of proposers, each reading the layer before, and one aggregator. */
import * as s from '../../contract/schema';
import type { CellParams, StructureDefinition } from './types';

const layers = (p: CellParams) => Number(p.layers);
const n = (p: CellParams) => Number(p.proposers);

export const moa: StructureDefinition = {
  id: 'moa',
  title: 'Mixture of agents',
  summary:
    'L layers of n proposers: the first layer answers the task, every later proposer answers after reading all n answers of the layer before, and an aggregator writes the final answer from the last layer\'s n answers.',
  shape: {
    layers: s.axis(s.integer({ min: 1, max: 6 }), { description: 'Proposer layers (L).' }).default(2),
    proposers: s.axis(s.integer({ min: 1, max: 32 }), { description: 'Proposers per layer (n).' }).default(3),
  },
  fields: [
    { name: 'layers', label: 'Layers', kind: 'integer', axis: true, min: 1, max: 6, default: 2, help: 'Proposer layers.' },
    { name: 'proposers', label: 'Proposers', kind: 'integer', axis: true, min: 1, max: 32, default: 3, help: 'Proposers per layer.' },
  ],
  teamSize: (p) => n(p) + 1,
  paramsForAgents: (count) => ({ proposers: Math.max(1, count - 1) }),
  label: () => 'mixture of agents',
  formulas: { calls: 'L·n + 1', messages: '(L−1)·n² + n', rounds: 'L+1' },
  expected: (p) => ({ calls: layers(p) * n(p) + 1, messages: (layers(p) - 1) * n(p) * n(p) + n(p), rounds: layers(p) + 1 }),
  roles: (p) => [...Array.from({ length: n(p) }, () => 'proposer'), 'aggregator'],
};
