/**
 * A leader splits the task into k parts, k workers solve one part each in
 * parallel, and the leader combines their results: a tree one level deep.
 * A lost worker is left out of the combination; a leader that cannot split or
 * combine leaves the team without an answer.
 */
import type { TeamStructure } from '../engine/types';
import { runTree } from './tree';

export const leaderWorkerTeam: TeamStructure = {
  id: 'leader-worker',
  run: (context) => runTree(context, { branching: Number(context.params.workers ?? context.agents.length - 1), depth: 1 }),
};
