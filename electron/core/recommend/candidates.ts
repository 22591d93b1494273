/**
 * The candidate grid: every cell of a spec, and the single agent of every
 * model the grid uses when the grid lacks it (the first question is always
 * whether a team beats one agent). Cells are grouped into families: the
 * cells of one team entry, model and faults that differ only in the
 * parameters that set the team's size (a vote's or a debate's size, the
 * leader–worker's workers, the pipeline's critics, the mixture's proposers,
 * the hierarchy's branching and depth). A family is what "how many agents"
 * is asked of.
 */
import { cellCost } from '../../../shared/domain/grid';
import { expandCells, modelsOf, type CellSpec, type ExperimentSpec } from '../../../shared/domain/spec';
import { structureDefinition, type CellParams } from '../../../shared/domain/structures';
import { faultLabel, hasFaults } from '../../../shared/domain/faults';

export interface Candidate {
  candidateIndex: number;
  cell: CellSpec;
  /** A single agent the grid did not list. */
  added: boolean;
  familyKey: string;
  /** Per trial, from the registry's formulas. */
  calls: number;
  messages: number;
  rounds: number;
}

export interface Family {
  key: string;
  structure: string;
  /** The family's cells, smallest team first. */
  members: Candidate[];
  /** A vote whose voters are alike and fault-free, under a rule Condorcet covers from the voters' answers. */
  condorcetRule: 'majority' | 'plurality' | null;
  /** The agents' configuration shared by the family (model, temperature, persona), or null for teams of different agents. */
  voterKey: string | null;
}

export interface CandidateGrid {
  candidates: Candidate[];
  families: Family[];
}

/** Parameters that set a cell's team size: changing one changes the registry's teamSize. */
export function sizeParams(structure: string, params: CellParams): string[] {
  const definition = structureDefinition(structure);
  if (!definition) return [];
  const base = definition.teamSize(params);
  return Object.entries(params)
    .filter(([, value]) => typeof value === 'number')
    .filter(([name, value]) => definition.teamSize({ ...params, [name]: (value as number) + 1 }) !== base)
    .map(([name]) => name);
}

function sortedParams(params: CellParams, leaveOut: readonly string[] = []): Array<[string, unknown]> {
  return Object.entries(params)
    .filter(([name]) => !leaveOut.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The same cell whatever spec it came from: structure, parameters, agents and faults. */
export function cellIdentity(cell: Pick<CellSpec, 'structure' | 'params' | 'agents' | 'faults'>): string {
  const agents = cell.agents.map((a) => [a.model, a.temperature, a.persona, a.role, a.weight]);
  return JSON.stringify([cell.structure, sortedParams(cell.params), agents, hasFaults(cell.faults) ? cell.faults : null]);
}

/** Model, temperature and persona when every agent of the team shares them; null when a team mixes them. */
export function agentsKey(cell: Pick<CellSpec, 'agents'>): string | null {
  const keys = new Set(cell.agents.map((a) => JSON.stringify([a.model, a.temperature, a.persona])));
  return keys.size === 1 ? [...keys][0]! : null;
}

function familyKeyOf(cell: CellSpec, added: boolean): string {
  const leaveOut = sizeParams(cell.structure, cell.params);
  const agents = agentsKey(cell) ?? JSON.stringify(cell.agents.map((a) => [a.model, a.temperature, a.persona, a.role]));
  return JSON.stringify([added ? 'added' : cell.entry, cell.structure, agents, faultLabel(cell.faults), sortedParams(cell.params, leaveOut)]);
}

/** Every model an agent of the grid uses, in first-use order. */
function modelsUsed(cells: readonly CellSpec[]): string[] {
  return [...new Set(cells.flatMap((c) => c.agents.map((a) => a.model)))];
}

/** The single agent of `model` as the spec would make it. */
export function singleCell(spec: ExperimentSpec, model: string, index: number): CellSpec {
  const [cell] = expandCells({ ...spec, agents: { ...spec.agents, model, models: undefined }, faults: undefined, teams: [{ structure: 'single' }] });
  const label = modelsOf(spec.agents).length > 1 || modelsUsed(expandCells(spec)).length > 1 ? `single · ${model.replace(/^(sim|ollama|openai):/, '')}` : 'single';
  return { ...cell!, index, entry: -1, label, teamLabel: label };
}

/** The grid of a candidate spec: its cells, then the single agent of each model it lacks. */
export function candidateGrid(spec: ExperimentSpec): CandidateGrid {
  const cells = expandCells(spec);
  const candidates: Candidate[] = cells.map((cell, i) => describe(cell, i, false));
  const singles = new Set(cells.filter((c) => c.structure === 'single' && !hasFaults(c.faults)).map((c) => c.model));
  for (const model of modelsUsed(cells)) {
    if (singles.has(model)) continue;
    candidates.push(describe(singleCell(spec, model, candidates.length), candidates.length, true));
  }
  return { candidates, families: familiesOf(candidates) };
}

/** The grid of an experiment's own cells (those this build knows), as they were stored: nothing added, since nothing measured it. */
export function gridOfCells(cells: readonly CellSpec[]): CandidateGrid {
  const known = cells.filter((c) => structureDefinition(c.structure) !== null);
  const candidates = known.map((cell, i) => describe(cell, i, false));
  return { candidates, families: familiesOf(candidates) };
}

function describe(cell: CellSpec, candidateIndex: number, added: boolean): Candidate {
  const cost = cellCost(cell);
  return { candidateIndex, cell, added, familyKey: familyKeyOf(cell, added), calls: cost.calls, messages: cost.messages, rounds: cost.rounds };
}

function familiesOf(candidates: readonly Candidate[]): Family[] {
  const byKey = new Map<string, Candidate[]>();
  for (const candidate of candidates) byKey.set(candidate.familyKey, [...(byKey.get(candidate.familyKey) ?? []), candidate]);
  return [...byKey.entries()].map(([key, members]) => {
    const sorted = [...members].sort((a, b) => a.cell.size - b.cell.size || a.candidateIndex - b.candidateIndex);
    const first = sorted[0]!.cell;
    const voterKey = agentsKey(first);
    return { key, structure: first.structure, members: sorted, condorcetRule: condorcetRuleOf(first, voterKey), voterKey };
  });
}

/** Majority and plurality votes of alike, fault-free voters are predicted from the voters' own answers. */
function condorcetRuleOf(cell: CellSpec, voterKey: string | null): 'majority' | 'plurality' | null {
  if (cell.structure !== 'vote' || voterKey === null || hasFaults(cell.faults)) return null;
  return cell.aggregate === 'majority' || cell.aggregate === 'plurality' ? cell.aggregate : null;
}

/** Whether a vote cell's voters give a pool of independent answers: every voter answers (no quorum stopping early), alike, fault-free. */
export function canPool(candidate: Candidate): boolean {
  const cell = candidate.cell;
  return cell.structure === 'vote' && !hasFaults(cell.faults) && agentsKey(cell) !== null && ['majority', 'plurality', 'judge'].includes(String(cell.aggregate));
}
