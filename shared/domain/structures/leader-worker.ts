/** A leader splits the task, k workers each solve a part, the leader combines their results. */
import * as s from '../../contract/schema';
import type { CellParams, StructureDefinition } from './types';

const k = (p: CellParams) => Number(p.workers);

export const leaderWorker: StructureDefinition = {
  id: 'leader-worker',
  title: 'Leader–worker',
  summary: 'A leader splits the task into k parts, k workers solve one part each in parallel, and the leader combines their results into the answer.',
  shape: {
    workers: s.axis(s.integer({ min: 1, max: 64 }), { description: 'Workers under the leader.' }).default(3),
  },
  fields: [{ name: 'workers', label: 'Workers', kind: 'integer', axis: true, min: 1, max: 64, default: 3, help: 'Workers under the leader; each count is a cell.' }],
  teamSize: (p) => k(p) + 1,
  paramsForAgents: (count) => ({ workers: Math.max(1, count - 1) }),
  label: () => 'leader–worker',
  formulas: { calls: 'k+2', messages: '2k', rounds: '3' },
  expected: (p) => ({ calls: k(p) + 2, messages: 2 * k(p), rounds: 3 }),
  roles: (p) => ['leader', ...Array.from({ length: k(p) }, () => 'worker')],
};
