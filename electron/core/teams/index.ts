/**
 * The engine's implementation of each structure in the registry
 * (shared/domain/structures). A cell whose structure this build does not know
 * (a database from a newer Quorum) can be shown but not run.
 */
import { LabFailure } from '../lab-errors';
import type { TeamStructure } from '../engine/types';
import { codingTeam } from './coding';
import { debateTeam } from './debate';
import { hierarchicalTeam } from './hierarchical';
import { leaderWorkerTeam } from './leader-worker';
import { moaTeam } from './moa';
import { pipelineTeam } from './pipeline';
import { singleAgent } from './single';
import { voteTeam } from './vote';

const structures = new Map<string, TeamStructure>([singleAgent, voteTeam, debateTeam, leaderWorkerTeam, hierarchicalTeam, pipelineTeam, moaTeam, codingTeam].map((s) => [s.id, s]));

export function registerStructure(structure: TeamStructure): void {
  structures.set(structure.id, structure);
}

export function knownStructures(): string[] {
  return [...structures.keys()];
}

export function getStructure(id: string): TeamStructure {
  const structure = structures.get(id);
  if (!structure) {
    throw new LabFailure('unsupported', `This version of Quorum cannot run the "${id}" structure. Its results can be shown; to run it, use the Quorum that planned it.`);
  }
  return structure;
}
