/**
 * Which cells a fit draws over: a team is the cells of one team entry, one
 * model and the same parameters except those that set its size, without
 * faults (theory describes healthy teams; faults have their own chart); its
 * n = 1 is the fault-free single agent of the same model.
 */
import type { CellSpec } from '../../../../shared/domain/cells';
import { hasFaults } from '../../../../shared/domain/faults';
import { structureDefinition } from '../../../../shared/domain/structures';

export interface Team {
  /** The team's label without size, e.g. "vote (majority)". */
  label: string;
  structure: string;
  model: string;
  /** The team's cells, by size (one per size). */
  cells: CellSpec[];
  /** The single agent of the same model, when the experiment has one. */
  single: CellSpec | null;
}

/** The parameters that set a team's size: what its agent count implies (size, workers, critics, proposers); a hierarchy's depth. */
function sizeKeys(structure: string): Set<string> {
  const definition = structureDefinition(structure);
  const implied = definition?.paramsForAgents ? Object.keys(definition.paramsForAgents(2)) : [];
  return new Set(['size', 'depth', ...implied]);
}

function teamKey(cell: CellSpec): string {
  const keys = sizeKeys(cell.structure);
  const rest = Object.entries(cell.params)
    .filter(([key]) => !keys.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([cell.entry, cell.structure, cell.model, rest]);
}

/** The fault-free teams of the experiment (single agents excluded), each with its single agent when there is one. */
export function teamsOf(cells: readonly CellSpec[]): Team[] {
  const healthy = cells.filter((c) => !hasFaults(c.faults));
  const byKey = new Map<string, CellSpec[]>();
  for (const cell of healthy) {
    if (cell.structure === 'single') continue;
    const key = teamKey(cell);
    byKey.set(key, [...(byKey.get(key) ?? []), cell]);
  }
  return [...byKey.values()].map((group) => {
    // Two cells of one size in a team (a hierarchy's branching changing with its depth) would share a point: keep the first.
    const bySize = new Map<number, CellSpec>();
    for (const cell of group.sort((a, b) => a.size - b.size || a.index - b.index)) if (!bySize.has(cell.size)) bySize.set(cell.size, cell);
    const first = group[0]!;
    return { label: sharedLabel(group), structure: first.structure, model: first.model, cells: [...bySize.values()], single: singleFor(first, healthy) };
  });
}

/** The parts of the cells' labels they all share: "leader–worker · k=2" and "leader–worker · k=4" are the "leader–worker" team. */
function sharedLabel(cells: readonly CellSpec[]): string {
  const parts = cells.map((c) => c.teamLabel.split(' · '));
  const shared = parts[0]!.filter((part) => parts.every((p) => p.includes(part)));
  return shared.length > 0 ? shared.join(' · ') : cells[0]!.teamLabel;
}

/** The fault-free single agent of the team's model, preferring the same temperature and persona as the team's first agent. */
function singleFor(cell: CellSpec, healthy: readonly CellSpec[]): CellSpec | null {
  const singles = healthy.filter((c) => c.structure === 'single' && c.model === cell.model);
  const agent = cell.agents[0];
  const alike = singles.find((s) => agent && s.agents[0] && s.agents[0].temperature === agent.temperature && s.agents[0].persona === agent.persona);
  return alike ?? singles[0] ?? null;
}

/** Whether every agent of the cells (and the single agent) draws alike: one model, one temperature, one persona. */
export function exchangeableAgents(cells: readonly CellSpec[]): boolean {
  const agents = cells.flatMap((c) => c.agents);
  const first = agents[0];
  if (!first) return false;
  return agents.every((a) => a.model === first.model && a.temperature === first.temperature && a.persona === first.persona);
}
