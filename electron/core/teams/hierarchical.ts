/**
 * A full b-ary tree of leaders over workers, d levels deep: every inner node
 * splits its part among its b children, the b^d leaves solve theirs, and every
 * inner node combines its children's results on the way up. A lost subtree is
 * left out where it would have been combined; only the root cannot be lost.
 */
import type { TeamStructure } from '../engine/types';
import { runTree } from './tree';

export const hierarchicalTeam: TeamStructure = {
  id: 'hierarchical',
  run: (context) => runTree(context, { branching: Number(context.params.branching), depth: Number(context.params.depth) }),
};
