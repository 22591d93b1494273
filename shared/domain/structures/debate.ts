/** Agents answer, then revise over rounds after reading their neighbours' answers; a final vote decides. */
import * as s from '../../contract/schema';
import { directedEdges, TOPOLOGIES, type Topology } from './topology';
import type { CellParams, StructureDefinition } from './types';

export const DEBATE_MODES = ['sync', 'async'] as const;

const n = (p: CellParams) => Number(p.size);

export const debate: StructureDefinition = {
  id: 'debate',
  title: 'Debate',
  summary:
    'Every agent answers, then for r rounds revises its answer after reading the answers of the agents it is connected to (full, ring, star, or a seeded random k-regular graph). "sync": a round ends when every agent (or a quorum) has answered; "async": no barrier, each agent\'s next turn starts when its last one ends and reads what has arrived. A final vote of the last answers decides.',
  shape: {
    sizes: s.axis(s.integer({ min: 1, max: 256 }), { description: 'Team sizes to try.' }).optional(),
    rounds: s.axis(s.integer({ min: 0, max: 10 }), { description: 'Revision rounds after the first answers.' }).default(2),
    topology: s.axis(s.oneOf(TOPOLOGIES), { description: 'Who reads whom.' }).default('full'),
    degree: s.integer({ min: 1, max: 255, description: 'For "random": neighbours per agent (k of a k-regular graph).' }).default(2),
    mode: s.axis(s.oneOf(DEBATE_MODES), { description: 'Rounds with a barrier ("sync"), or none ("async").' }).default('sync'),
    quorum: s.integer({ min: 1, max: 256, description: 'For "sync": a round ends once this many agents have answered (default: all).' }).optional(),
    finalRule: s.oneOf(['majority', 'plurality'], { description: 'How the last answers become one.' }).default('plurality'),
  },
  fields: [
    { name: 'sizes', label: 'Team sizes', kind: 'integer', axis: true, min: 1, max: 256, default: [3], help: 'Agents debating; each size is a cell.' },
    { name: 'rounds', label: 'Rounds', kind: 'integer', axis: true, min: 0, max: 10, default: 2, help: 'Revisions after the first answers.' },
    { name: 'topology', label: 'Topology', kind: 'choice', axis: true, choices: TOPOLOGIES, default: 'full', help: 'Who reads whom.' },
    { name: 'degree', label: 'Degree', kind: 'integer', axis: false, min: 1, max: 255, default: 2, help: '"random": neighbours per agent.' },
    { name: 'mode', label: 'Mode', kind: 'choice', axis: true, choices: DEBATE_MODES, default: 'sync', help: 'Barrier per round, or none.' },
    { name: 'quorum', label: 'Round quorum', kind: 'integer', axis: false, min: 1, max: 256, help: '"sync": answers that close a round.' },
    { name: 'finalRule', label: 'Final rule', kind: 'choice', axis: false, choices: ['majority', 'plurality'], default: 'plurality', help: 'How the last answers become one.' },
  ],
  teamSize: n,
  paramsForAgents: (count) => ({ size: count }),
  label: (p) => `debate (${String(p.topology)}${p.mode === 'async' ? ', async' : ''})`,
  labelAxes: ['topology', 'mode'],
  formulas: { calls: 'n(r+1)', messages: 'r × directed edges: full n(n−1), ring 2n, star 2(n−1), random n·k', rounds: 'r+1' },
  expected: (p) => ({
    calls: n(p) * (Number(p.rounds) + 1),
    messages: Number(p.rounds) * directedEdges(p.topology as Topology, n(p), Number(p.degree)),
    rounds: Number(p.rounds) + 1,
  }),
  roles: (p) => Array.from({ length: n(p) }, () => 'debater'),
  check: (p) => {
    const problems: Array<{ field: string; message: string }> = [];
    if (p.topology === 'random') {
      const k = Number(p.degree);
      if (k >= n(p)) problems.push({ field: 'degree', message: `is ${k}, but a team of ${n(p)} has at most ${n(p) - 1} neighbours per agent` });
      else if ((n(p) * k) % 2 !== 0) problems.push({ field: 'degree', message: `is ${k}: a ${k}-regular graph on ${n(p)} agents needs n·k even` });
    }
    if (p.quorum !== undefined && Number(p.quorum) > n(p)) problems.push({ field: 'quorum', message: `is ${String(p.quorum)}, more than the ${n(p)} agents` });
    return problems;
  },
};
