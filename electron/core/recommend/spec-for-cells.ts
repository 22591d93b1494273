/**
 * An ordinary experiment spec whose cells are exactly some cells of another
 * spec: how a pilot and a verification run a chosen part of a candidate grid
 * on items of their own. Each cell keeps its structure, parameters, agents
 * and faults, so it is the same cell (cellIdentity) in the new experiment,
 * and its label where the new spec allows it.
 */
import { formatIssues } from '../../../shared/contract/schema';
import type { CellFaults, FaultSpec } from '../../../shared/domain/faults';
import { hasFaults } from '../../../shared/domain/faults';
import { expandCells, parseExperimentSpec, type CellSpec, type ExperimentSpec, type TeamAgentSpec, type TeamSpec } from '../../../shared/domain/spec';
import { structureDefinition } from '../../../shared/domain/structures';
import { cellIdentity } from './candidates';

export interface SpecOverrides {
  name: string;
  description: string;
  /** Items to meet: how many, and how many of the task's items to skip first. */
  count: number;
  offset: number;
  seed: number;
}

export interface CellsSpec {
  spec: ExperimentSpec;
  /** For each requested cell (by position in the request), its cell index in the new spec. */
  cellIndexes: number[];
}

/** Fields of a cell's params as a team entry writes them. */
function entryFields(cell: CellSpec, sizes: number[] | null): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(cell.params)) {
    if (name === 'size') fields.sizes = sizes ?? [value];
    else fields[name] = value;
  }
  return fields;
}

function faultSpecOf(faults: CellFaults): FaultSpec | undefined {
  if (!hasFaults(faults)) return undefined;
  return {
    byzantine: faults.byzantine,
    mode: faults.mode,
    crash: faults.crash,
    crashFromRound: faults.crashFromRound,
    stragglers: faults.stragglers,
    ...(faults.delay ? { delay: faults.delay } : {}),
    drop: faults.drop,
  };
}

/** The cell's agents as an entry lists them: runs of alike agents grouped with a count; roles only where the structure would assign another. */
function listedAgents(cell: CellSpec): TeamAgentSpec[] {
  const defaultRoles = structureDefinition(cell.structure)?.roles(cell.params) ?? [];
  const listed: TeamAgentSpec[] = [];
  let previous: string | null = null;
  for (const agent of cell.agents) {
    const entry: TeamAgentSpec = {
      model: agent.model,
      count: 1,
      temperature: agent.temperature,
      ...(agent.persona !== null ? { persona: agent.persona } : {}),
      ...(agent.role !== defaultRoles[agent.index] ? { role: agent.role } : {}),
      ...(agent.weight !== null ? { weight: agent.weight } : {}),
    };
    const key = JSON.stringify({ ...entry, count: 0, defaultRole: defaultRoles[agent.index] });
    const last = listed[listed.length - 1];
    if (last && key === previous) last.count += 1;
    else listed.push(entry);
    previous = key;
  }
  return listed;
}

/** Whether the base spec's own agent defaults make this cell's agents (so the entry need not list them). */
function usesDefaults(base: ExperimentSpec, cell: CellSpec): boolean {
  if (base.agents.model === undefined || base.agents.models !== undefined) return false;
  const roles = structureDefinition(cell.structure)?.roles(cell.params) ?? [];
  return cell.agents.every((a) => a.model === base.agents.model && a.temperature === base.agents.temperature && a.persona === null && a.weight === null && a.role === (roles[a.index] ?? 'agent'));
}

function teamsFor(base: ExperimentSpec, cells: readonly CellSpec[]): TeamSpec[] {
  const teams: TeamSpec[] = [];
  // Plain cells of one series differing only in size become one entry with a list of sizes, so their series keeps its label.
  const groups = new Map<string, CellSpec[]>();
  const order: string[] = [];
  cells.forEach((cell, i) => {
    const sized = 'size' in cell.params && usesDefaults(base, cell);
    const key = sized ? `${cell.label}\u0000${JSON.stringify({ ...cell.params, size: 0 })}` : `#${i}`;
    if (!groups.has(key)) order.push(key);
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  });
  const labelCount = new Map<string, number>();
  for (const key of order) labelCount.set(groups.get(key)![0]!.teamLabel, (labelCount.get(groups.get(key)![0]!.teamLabel) ?? 0) + 1);
  for (const key of order) {
    const group = groups.get(key)!;
    const first = group[0]!;
    const sizes = group.map((c) => Number(c.params.size));
    const faults = faultSpecOf(first.faults);
    const label = labelCount.get(first.teamLabel)! > 1 && group.length === 1 ? `${first.teamLabel} · ${first.size} agents` : first.teamLabel;
    teams.push({
      structure: first.structure,
      label,
      ...entryFields(first, 'size' in first.params ? sizes : null),
      ...(usesDefaults(base, first) ? {} : { agents: listedAgents(first) }),
      ...(faults ? { faults } : {}),
    });
  }
  return teams;
}

/**
 * Builds the spec, checks it, and finds each requested cell in it. Throws
 * when a cell cannot be reproduced: that is a bug here, not the user's input.
 */
export function specForCells(base: ExperimentSpec, cells: readonly CellSpec[], overrides: SpecOverrides): CellsSpec {
  const { $schema: _schema, description: _description, faults: _faults, ...rest } = base;
  const draft: ExperimentSpec = {
    ...rest,
    name: overrides.name,
    description: overrides.description,
    tasks: { ...base.tasks, count: overrides.count, ...(overrides.offset > 0 ? { offset: overrides.offset } : { offset: undefined }) },
    teams: teamsFor(base, cells),
    repetitions: 1,
    seed: overrides.seed,
  };
  const parsed = parseExperimentSpec(JSON.parse(JSON.stringify(draft)));
  if (!parsed.ok) throw new Error(`internal: the spec made for ${overrides.name} is not valid:\n${formatIssues(parsed.issues)}`);
  const made = expandCells(parsed.value);
  const free = new Map<string, number[]>();
  for (const cell of made) free.set(cellIdentity(cell), [...(free.get(cellIdentity(cell)) ?? []), cell.index]);
  const cellIndexes = cells.map((cell) => {
    const index = free.get(cellIdentity(cell))?.shift();
    if (index === undefined) throw new Error(`internal: the spec made for ${overrides.name} lacks the cell "${cell.label}" (size ${cell.size})`);
    return index;
  });
  if (made.length !== cells.length) throw new Error(`internal: the spec made for ${overrides.name} has ${made.length} cells, not ${cells.length}`);
  return { spec: parsed.value, cellIndexes };
}
