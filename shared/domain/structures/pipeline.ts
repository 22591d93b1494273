/** Draft → critique → revise, repeated: one writer, c critics. */
import * as s from '../../contract/schema';
import type { CellParams, StructureDefinition } from './types';

const c = (p: CellParams) => Number(p.critics);
const r = (p: CellParams) => Number(p.repeats);

export const pipeline: StructureDefinition = {
  id: 'pipeline',
  title: 'Pipeline',
  summary:
    'A writer drafts an answer; then, repeated R times, c critics each critique the current draft in parallel and the writer revises it after reading their critiques. The last revision is the answer.',
  shape: {
    repeats: s.axis(s.integer({ min: 1, max: 10 }), { description: 'Critique → revise cycles after the draft (R).' }).default(1),
    critics: s.axis(s.integer({ min: 1, max: 16 }), { description: 'Critics per cycle (c).' }).default(1),
  },
  fields: [
    { name: 'repeats', label: 'Cycles', kind: 'integer', axis: true, min: 1, max: 10, default: 1, help: 'Critique → revise cycles after the draft.' },
    { name: 'critics', label: 'Critics', kind: 'integer', axis: true, min: 1, max: 16, default: 1, help: 'Critics per cycle.' },
  ],
  teamSize: (p) => 1 + c(p),
  paramsForAgents: (count) => ({ critics: Math.max(1, count - 1) }),
  label: () => 'pipeline',
  // Draft, then per cycle c critiques and one revision; the draft goes to each
  // critic and each critique back to the writer.
  formulas: { calls: '1 + R(c+1)', messages: '2cR', rounds: '1 + 2R' },
  expected: (p) => ({ calls: 1 + r(p) * (c(p) + 1), messages: 2 * c(p) * r(p), rounds: 1 + 2 * r(p) }),
  roles: (p) => ['writer', ...Array.from({ length: c(p) }, () => 'critic')],
};
