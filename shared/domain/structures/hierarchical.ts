/** A tree of leaders over workers: every leader splits its task among b children, down d levels. */
import * as s from '../../contract/schema';
import type { CellParams, StructureDefinition } from './types';

const b = (p: CellParams) => Number(p.branching);
const d = (p: CellParams) => Number(p.depth);

/** Nodes of a full b-ary tree of depth d: (b^(d+1) − 1)/(b − 1). */
export function treeNodes(branching: number, depth: number): number {
  return (branching ** (depth + 1) - 1) / (branching - 1);
}

export const hierarchical: StructureDefinition = {
  id: 'hierarchical',
  title: 'Hierarchical',
  summary:
    'A tree of leaders over workers: the root splits the task among b sub-leaders, each of which splits its part again, down d levels; the b^d leaves solve their parts, and every leader combines its children\'s results on the way up.',
  shape: {
    branching: s.axis(s.integer({ min: 2, max: 8 }), { description: 'Children of every leader (b).' }).default(2),
    depth: s.axis(s.integer({ min: 1, max: 4 }), { description: 'Levels below the root (d); depth 1 is a leader over b workers.' }).default(2),
  },
  fields: [
    { name: 'branching', label: 'Branching', kind: 'integer', axis: true, min: 2, max: 8, default: 2, help: 'Children of every leader.' },
    { name: 'depth', label: 'Depth', kind: 'integer', axis: true, min: 1, max: 4, default: 2, help: 'Levels below the root.' },
  ],
  teamSize: (p) => treeNodes(b(p), d(p)),
  label: () => 'hierarchical',
  // Every inner node decomposes and synthesizes (2 calls), every leaf solves (1);
  // every tree edge carries a part down and a result up (2 messages).
  formulas: { calls: '2·(b^d − 1)/(b − 1) + b^d', messages: '2·(N − 1), N = (b^(d+1) − 1)/(b − 1) agents', rounds: '2d+1' },
  expected: (p) => {
    const leaves = b(p) ** d(p);
    const inner = treeNodes(b(p), d(p)) - leaves;
    return { calls: 2 * inner + leaves, messages: 2 * (treeNodes(b(p), d(p)) - 1), rounds: 2 * d(p) + 1 };
  },
  roles: (p) => {
    const leaves = b(p) ** d(p);
    const inner = treeNodes(b(p), d(p)) - leaves;
    return [...Array.from({ length: inner }, (_, i) => (i === 0 ? 'leader' : 'sub-leader')), ...Array.from({ length: leaves }, () => 'worker')];
  },
  check: (p) => (treeNodes(b(p), d(p)) > 1000 ? [{ field: 'depth', message: `makes a tree of ${treeNodes(b(p), d(p))} agents, more than 1000` }] : []),
};
