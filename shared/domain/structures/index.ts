/** The structure registry: every team structure the lab can run, by id. */
import { codingTeam } from './coding-team';
import { debate } from './debate';
import { hierarchical } from './hierarchical';
import { leaderWorker } from './leader-worker';
import { moa } from './moa';
import { pipeline } from './pipeline';
import { single } from './single';
import type { StructureDefinition } from './types';
import { vote } from './vote';

export const STRUCTURE_DEFINITIONS = [single, vote, debate, leaderWorker, hierarchical, pipeline, moa, codingTeam] as const;
export const STRUCTURE_IDS = STRUCTURE_DEFINITIONS.map((d) => d.id) as [string, ...string[]];

const byId = new Map<string, StructureDefinition>(STRUCTURE_DEFINITIONS.map((d) => [d.id, d]));

/** The definition of `id`, or null for a structure this build does not know (a newer Quorum wrote it). */
export function structureDefinition(id: string): StructureDefinition | null {
  return byId.get(id) ?? null;
}

export type { CellParams, Expected, ParamField, ParamValue, StructureDefinition } from './types';
export { quorumOf, VOTE_RULES, type VoteRule } from './vote';
export { directedEdges, TOPOLOGIES, type Topology } from './topology';
export { treeNodes } from './hierarchical';
