/**
 * A team of n agents works a coding job's task board (docs/coding-teams.md):
 * the paper's pre-assigned and self-claiming teams, a lead who assigns, and
 * ours: a balanced pre-assignment and work stealing; in rounds with a
 * barrier or without one. How many calls a run takes depends on the run
 * (it ends when every subtask is done), so the formulas give the most it
 * can take.
 */
import * as s from '../../contract/schema';
import { COORDINATION_MODES, EXECUTIONS, type CoordinationMode } from '../jobs';
import type { CellParams, StructureDefinition } from './types';

export const DEFAULT_MAX_ROUNDS = 60;

const n = (p: CellParams) => Number(p.size);
const cap = (p: CellParams) => Number(p.maxRounds ?? DEFAULT_MAX_ROUNDS);

const MODE_WORDS: Readonly<Record<CoordinationMode, string>> = {
  preassign: 'pre-assigned',
  'lead-assign': 'lead assigns',
  'self-claim': 'self-claim',
  balanced: 'balanced',
  'work-stealing': 'work stealing',
};

export const codingTeam: StructureDefinition = {
  id: 'coding-team',
  title: 'Coding team',
  summary:
    'n agents build a coding job (subtasks with dependencies, each a file with its own tests) on a shared task board with files, locks and test runs. "preassign" (the paper\'s: topological order, a subtask goes to the agent of its last-listed dependency, else round-robin), "lead-assign" (agent 0 is the lead: it assigns subtasks as the job goes and works too; n counts it), "self-claim" (the paper\'s decentralized team: agents claim ready subtasks from the board), "balanced" (list scheduling along the critical path) and "work-stealing" (pre-assigned; an idle agent takes a ready subtask from the most loaded one). "rounds": every agent takes a turn, then a barrier; "async": an agent\'s next turn starts when its last one ends. The run ends when every subtask is done, at maxRounds, or when no agent can make progress; a final test run grades it.',
  shape: {
    sizes: s.axis(s.integer({ min: 1, max: 64 }), { description: 'Team sizes to try (n agents; in "lead-assign" the lead is one of them).' }).optional(),
    mode: s.axis(s.oneOf(COORDINATION_MODES), { description: 'How the team divides the subtasks.' }).default('preassign'),
    execution: s.axis(s.oneOf(EXECUTIONS), { description: 'Rounds with a barrier ("rounds", the paper\'s), or none ("async").' }).default('rounds'),
    maxRounds: s.integer({ min: 1, max: 1000, description: 'The cap: a run not done after this many rounds (async: turns of any one agent) fails.' }).default(DEFAULT_MAX_ROUNDS),
  },
  fields: [
    { name: 'sizes', label: 'Team sizes', kind: 'integer', axis: true, min: 1, max: 64, default: [1, 2, 3, 4, 5], help: 'Agents in the team; each size is a cell. In "lead-assign" the lead is one of them.' },
    { name: 'mode', label: 'Coordination', kind: 'choice', axis: true, choices: COORDINATION_MODES, default: 'preassign', help: 'How the team divides the subtasks.' },
    { name: 'execution', label: 'Execution', kind: 'choice', axis: true, choices: EXECUTIONS, default: 'rounds', help: 'Rounds with a barrier, or none.' },
    { name: 'maxRounds', label: 'Round cap', kind: 'integer', axis: false, min: 1, max: 1000, default: DEFAULT_MAX_ROUNDS, help: 'A run not done after this many rounds fails.' },
  ],
  teamSize: n,
  paramsForAgents: (count) => ({ size: count }),
  label: (p) => `coding team (${MODE_WORDS[p.mode as CoordinationMode] ?? String(p.mode)}${p.execution === 'async' ? ', async' : ''})`,
  labelAxes: ['mode', 'execution'],
  // The run decides: it stops when every subtask is done. These are the most it can take.
  formulas: {
    calls: 'depends on the run: at most n × maxRounds (one turn per agent per round)',
    messages: '0 (agents coordinate through the board; its events are recorded as run events)',
    rounds: 'depends on the run: at most maxRounds',
  },
  expected: (p) => ({ calls: n(p) * cap(p), messages: 0, rounds: cap(p) }),
  roles: (p) => Array.from({ length: n(p) }, (_, i) => (p.mode === 'lead-assign' && i === 0 ? 'lead' : 'worker')),
};
