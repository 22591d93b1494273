/**
 * Which cell a cell is compared with: the single agent of the same model,
 * and the next smaller size of the same team. docs/statistics.md states the
 * rules; ComparisonKind (shared/domain/analysis.ts) repeats them for the UI.
 */
import { faultLabel, hasFaults, type CellFaults } from '../../../../shared/domain/faults';
import type { CellSpec } from '../../../../shared/domain/spec';
import { structureDefinition } from '../../../../shared/domain/structures';

export interface BaselineChoice {
  cellIndex: number;
  /** Why this cell, in words. */
  reason: string;
}

/** The model most of the team's agents use (ties: the first agent's among them), and how many use it. */
export function teamModel(cell: CellSpec): { model: string; agents: number; of: number } {
  if (cell.agents.length === 0) return { model: cell.model, agents: cell.size, of: cell.size };
  const counts = new Map<string, number>();
  for (const agent of cell.agents) counts.set(agent.model, (counts.get(agent.model) ?? 0) + 1);
  let best = cell.agents[0]!.model;
  for (const agent of cell.agents) if (counts.get(agent.model)! > counts.get(best)!) best = agent.model;
  return { model: best, agents: counts.get(best)!, of: cell.agents.length };
}

/** The temperature most of the team's agents of `model` use (ties: the first). */
function teamTemperature(cell: CellSpec, model: string): number | null {
  const agents = cell.agents.filter((a) => a.model === model);
  if (agents.length === 0) return null;
  const counts = new Map<number, number>();
  for (const agent of agents) counts.set(agent.temperature, (counts.get(agent.temperature) ?? 0) + 1);
  let best = agents[0]!.temperature;
  for (const agent of agents) if (counts.get(agent.temperature)! > counts.get(best)!) best = agent.temperature;
  return best;
}

/**
 * The experiment's single agent to compare `cell` with: a fault-free
 * single-agent cell (with trials) whose agent has the team's model (for a
 * team of several models, the one most of its agents use), preferring the
 * team's temperature and no persona, then the lowest index. Null when there
 * is none, or when `cell` is that single agent itself.
 */
export function singleBaseline(cell: CellSpec, cells: readonly CellSpec[], measured: (cellIndex: number) => boolean): BaselineChoice | null {
  const { model, agents, of } = teamModel(cell);
  const temperature = teamTemperature(cell, model);
  const candidates = cells.filter((c) => c.structure === 'single' && !hasFaults(c.faults) && measured(c.index) && (c.agents[0]?.model ?? c.model) === model);
  const rank = (c: CellSpec): number => {
    const agent = c.agents[0];
    const sameTemperature = agent !== undefined && agent.temperature === temperature;
    const plain = agent === undefined || agent.persona === null;
    return (sameTemperature ? 0 : 2) + (plain ? 0 : 1);
  };
  const chosen = [...candidates].sort((a, b) => rank(a) - rank(b) || a.index - b.index)[0];
  if (!chosen || chosen.index === cell.index) return null;
  const parts = [`the single agent of ${model}`];
  if (of > 1 && agents < of) parts.push(`the model ${agents} of its ${of} agents use`);
  const chosenTemperature = chosen.agents[0]?.temperature;
  if (chosenTemperature !== undefined && temperature !== null && chosenTemperature !== temperature) parts.push(`at temperature ${chosenTemperature} (the team's is ${temperature})`);
  if (hasFaults(cell.faults)) parts.push('without faults');
  return { cellIndex: chosen.index, reason: parts.join(', ') };
}

/** The parameters that set a team's size: what its agent count implies (size, workers, critics, proposers), else its integer axes. */
function sizeParams(structure: string): Set<string> {
  const definition = structureDefinition(structure);
  if (!definition) return new Set(['size']);
  if (definition.paramsForAgents) return new Set(['size', ...Object.keys(definition.paramsForAgents(2))]);
  return new Set(['size', ...definition.fields.filter((f) => f.axis && f.kind === 'integer').map((f) => (f.name === 'sizes' ? 'size' : f.name))]);
}

function faultKey(faults: CellFaults): string {
  if (!hasFaults(faults)) return 'none';
  return JSON.stringify([faultLabel(faults), faults.stragglers > 0 ? faults.delay : null]);
}

function otherParams(cell: CellSpec, sizeKeys: ReadonlySet<string>): string {
  const entries = Object.entries(cell.params).filter(([key]) => !sizeKeys.has(key));
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The next smaller size of the same team: same entry, structure, model,
 * faults and parameters except those that set the size; of those with a
 * smaller size, the largest.
 */
export function smallerBaseline(cell: CellSpec, cells: readonly CellSpec[], measured: (cellIndex: number) => boolean): BaselineChoice | null {
  const sizeKeys = sizeParams(cell.structure);
  const key = otherParams(cell, sizeKeys);
  const faults = faultKey(cell.faults);
  const smaller = cells.filter(
    (c) => c.index !== cell.index && measured(c.index) && c.entry === cell.entry && c.structure === cell.structure && c.model === cell.model && c.size < cell.size && faultKey(c.faults) === faults && otherParams(c, sizeKeys) === key,
  );
  const chosen = smaller.sort((a, b) => b.size - a.size || a.index - b.index)[0];
  if (!chosen) return null;
  return { cellIndex: chosen.index, reason: `the same team at the next smaller size, n = ${chosen.size}` };
}
