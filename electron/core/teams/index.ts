import type { Structure } from '../../../shared/domain/spec';
import { singleAgent } from './single';
import type { TeamStructure } from './types';
import { voteTeam } from './vote';

const structures: Record<Structure, TeamStructure> = { single: singleAgent, vote: voteTeam };

export function getStructure(id: Structure): TeamStructure {
  return structures[id];
}
