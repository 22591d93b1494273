/**
 * From team entries to cells. Every parameter a structure declares as an axis
 * may be one value or a list; a team entry becomes one cell per combination of
 * its axis values (sizes × rounds × topology …), and, unless it lists its own
 * agents, once per model of the model axis. Each cell's agents are resolved
 * here: model, temperature, persona and role per agent.
 */
import { faultLabel, faultSets, type CellFaults } from './faults';
import type { ExperimentSpec, TeamAgentSpec, TeamSpec } from './spec';
import { structureDefinition, type CellParams, type ParamValue, type StructureDefinition } from './structures';

/** One agent of a cell, as the engine gets it. */
export interface AgentConfig {
  index: number;
  model: string;
  temperature: number;
  /** A named persona or a system prompt of the user's own; null for the default system prompt. */
  persona: string | null;
  /** The role the entry gave it, or the one the structure assigns by position. */
  role: string;
  /** For votes weighted by accuracy. */
  weight: number | null;
}

/** One cell of the grid: a structure with one value for each of its parameters, and its agents. */
export interface CellSpec {
  index: number;
  structure: string;
  params: CellParams;
  /** Agents in the team. */
  size: number;
  agents: AgentConfig[];
  /** The model-axis value: the team's one model, or "mixed" for a team of several. */
  model: string;
  /** The series this cell belongs to in charts and tables (faults included). */
  label: string;
  /** The label without the faults: cells of one team under different faults share it (the fault-sweep chart's series). */
  teamLabel: string;
  /** Faults injected into this cell's trials (none: every count 0). */
  faults: CellFaults;
  /** The team entry it came from (teams[i]). */
  entry: number;
  /** The vote rule, kept as its own column for SQL users; null for other structures. */
  aggregate: string | null;
}

/** Fields of a team entry that are not structure parameters. */
const ENTRY_FIELDS = new Set(['structure', 'label', 'agents', 'faults']);

/** `sizes` is written in the plural (a list of sizes) and is `size` in a cell. */
function paramName(field: string): string {
  return field === 'sizes' ? 'size' : field;
}

function asList(value: unknown): ParamValue[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as ParamValue[];
}

/** Every combination of the entry's axis values, in the order the axes and values are written. */
export function entryParamSets(entry: TeamSpec, definition: StructureDefinition, agentCount: number | null): CellParams[] {
  const axes = new Set(definition.fields.filter((f) => f.axis).map((f) => f.name));
  const implied = agentCount === null ? {} : (definition.paramsForAgents?.(agentCount) ?? {});
  let combos: Array<Record<string, ParamValue>> = [{}];
  for (const [field, raw] of Object.entries(entry as Record<string, unknown>)) {
    if (ENTRY_FIELDS.has(field)) continue;
    const name = paramName(field);
    const values = axes.has(field) ? asList(raw) : raw === undefined ? [] : [raw as ParamValue];
    if (values.length === 0) continue;
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  // Parameters implied by the agent list fill what the entry left out (e.g. the size).
  return combos.map((combo) => ({ ...implied, ...combo }));
}

/** Names an axis value in a series label, e.g. "r=2" or "ring". */
function axisSuffix(name: string, value: ParamValue): string {
  switch (name) {
    case 'rounds':
      return `r=${value}`;
    case 'workers':
      return `k=${value}`;
    case 'branching':
      return `b=${value}`;
    case 'depth':
      return `d=${value}`;
    case 'repeats':
      return `R=${value}`;
    case 'critics':
      return `c=${value}`;
    case 'layers':
      return `L=${value}`;
    case 'proposers':
      return `n=${value}`;
    default:
      return String(value);
  }
}

export function structureLabel(entry: TeamSpec): string {
  if (entry.label) return entry.label;
  const definition = structureDefinition(entry.structure);
  if (!definition) return entry.structure;
  const [first] = entryParamSets(entry, definition, entry.agents ? countAgents(entry.agents) : null);
  return definition.label(first ?? {});
}

function countAgents(agents: readonly TeamAgentSpec[]): number {
  return agents.reduce((n, a) => n + a.count, 0);
}

function resolveAgents(entry: TeamSpec, spec: ExperimentSpec, model: string | null, roles: string[], size: number): AgentConfig[] {
  const defaults = spec.agents;
  const listed: TeamAgentSpec[] = entry.agents ?? [{ count: size }];
  const agents: AgentConfig[] = [];
  for (const agent of listed) {
    for (let copy = 0; copy < agent.count; copy++) {
      const index = agents.length;
      agents.push({
        index,
        model: agent.model ?? model ?? defaults.model ?? defaults.models?.[0] ?? 'sim:default',
        temperature: agent.temperature ?? defaults.temperature,
        persona: agent.persona ?? null,
        role: agent.role ?? roles[index] ?? 'agent',
        weight: agent.weight ?? null,
      });
    }
  }
  return agents;
}

/**
 * Expands the spec into cells in a stable order: model-major (so trials of
 * one model can run together and a GPU loads each model about once), then
 * entries, then axis values as written. Teams with their own agents, which
 * may mix models, come after the model axis.
 */
export function expandCells(spec: ExperimentSpec): CellSpec[] {
  const cells: CellSpec[] = [];
  const models = spec.agents.models ?? (spec.agents.model !== undefined ? [spec.agents.model] : []);
  const push = (entry: TeamSpec, entryIndex: number, model: string | null) => {
    const definition = structureDefinition(entry.structure);
    if (!definition) return;
    const listedCount = entry.agents ? countAgents(entry.agents) : null;
    const named = new Set(entry.label ? [] : (definition.labelAxes ?? []));
    const variesBy = axesWithSeveralValues(entry, definition).filter((name) => name !== 'size' && !named.has(name));
    const faultOptions = faultSets(entry.faults ?? spec.faults);
    for (const params of entryParamSets(entry, definition, listedCount)) {
      const size = definition.teamSize(params);
      const agents = resolveAgents(entry, spec, model, definition.roles(params), size);
      const distinct = new Set(agents.map((a) => a.model));
      const base = entry.label ?? definition.label(params);
      const suffix = variesBy.map((name) => axisSuffix(name, params[name]!));
      const modelNote = model !== null && models.length > 1 ? [model.replace(/^(sim|ollama|openai):/, '')] : [];
      const teamLabel = [base, ...suffix, ...modelNote].join(' · ');
      for (const faults of faultOptions) {
        const faultNote = faultLabel(faults);
        cells.push({
          index: cells.length,
          structure: definition.id,
          params,
          size,
          agents,
          model: distinct.size === 1 ? agents[0]!.model : 'mixed',
          label: faultNote === null ? teamLabel : `${teamLabel} · ${faultNote}`,
          teamLabel,
          faults,
          entry: entryIndex,
          aggregate: definition.id === 'vote' ? String(params.aggregate) : null,
        });
      }
    }
  };
  for (const model of models) {
    spec.teams.forEach((entry, i) => {
      if (!entry.agents) push(entry, i, model);
    });
  }
  spec.teams.forEach((entry, i) => {
    if (entry.agents) push(entry, i, null);
  });
  return cells;
}

/** Axes given more than one value in this entry: they tell its series apart. */
function axesWithSeveralValues(entry: TeamSpec, definition: StructureDefinition): string[] {
  return definition.fields
    .filter((f) => f.axis)
    .filter((f) => Array.isArray((entry as Record<string, unknown>)[f.name]) && ((entry as Record<string, unknown>)[f.name] as unknown[]).length > 1)
    .map((f) => paramName(f.name));
}
