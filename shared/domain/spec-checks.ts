/**
 * Checks across fields, run once the spec's shape is right: what one field
 * can't know about another (a size and a quorum, an agent list and a size,
 * two entries drawn as one series, a model and the server it needs).
 */
import type { Issue } from '../contract/schema';
import { expandCells, entryParamSets } from './cells';
import { faultLabel, faultyAgents } from './faults';
import { SIM_PRESETS } from './sim-spec';
import type { ExperimentSpec, TeamSpec } from './spec';
import { MAX_TRIALS, modelsOf } from './spec';
import { structureDefinition } from './structures';

/** Structures whose size comes from `sizes` (or from the agent list). */
const SIZED = new Set(['vote', 'debate']);

export function crossChecks(spec: ExperimentSpec): Issue[] {
  const issues: Issue[] = [];
  spec.teams.forEach((entry, t) => issues.push(...entryChecks(entry, t)));
  if (issues.length > 0) return issues;

  const cells = expandCells(spec);
  // Each series is drawn as one line: two entries must not share one.
  const seriesOwner = new Map<string, number>();
  for (const cell of cells) {
    const key = cell.label;
    const owner = seriesOwner.get(key);
    if (owner === undefined) seriesOwner.set(key, cell.entry);
    else if (owner !== cell.entry && !issues.some((i) => i.path === `teams[${cell.entry}]`)) {
      issues.push({ path: `teams[${cell.entry}]`, message: `has the same label "${cell.label}" as teams[${owner}]; give one of them its own "label"` });
    }
  }

  for (const cell of cells) {
    const faulty = faultyAgents(cell.faults);
    if (faulty > cell.size && !issues.some((i) => i.path === `teams[${cell.entry}]`)) {
      issues.push({ path: `teams[${cell.entry}]`, message: `has faults on ${faulty} agents (${faultLabel(cell.faults)}), more than its ${cell.size}; lower the fault counts or raise the size` });
    }
  }

  const allModels = new Set([...modelsOf(spec.agents), ...cells.flatMap((c) => c.agents.map((a) => a.model))]);
  if (spec.agents.host && spec.hosts && !spec.hosts.some((h) => h.url === undefined || sameUrl(h.url, spec.agents.host!))) {
    issues.push({ path: 'agents.host', message: 'pins a host that is not in "hosts"; add it there (with its slots) or drop the pin' });
  }
  if ([...allModels].some((m) => m.startsWith('openai:')) && !spec.openai) {
    issues.push({ path: 'openai', message: 'is required for openai:NAME models: give { "baseUrl": "http://…/v1" }' });
  }
  const ownSim = new Set(Object.keys(spec.sim?.models ?? {}));
  for (const model of allModels) {
    const name = model.startsWith('sim:') ? model.slice(4) : null;
    if (name !== null && !(SIM_PRESETS as readonly string[]).includes(name) && !ownSim.has(name)) {
      const known = [...SIM_PRESETS, ...ownSim].map((n) => `sim:${n}`).join(', ');
      issues.push({ path: 'agents', message: `use an unknown sim model "${model}"; known: ${known} (define your own under sim.models)` });
    }
  }
  // A file's rows are counted when the experiment is created, and the lab checks this again then.
  const trials = cells.length * (spec.tasks.count ?? 0) * spec.repetitions;
  if (trials > MAX_TRIALS) issues.push({ path: '(root)', message: `plans ${trials} trials, more than the ${MAX_TRIALS} allowed; lower tasks.count or repetitions` });
  return issues;
}

function entryChecks(entry: TeamSpec, t: number): Issue[] {
  const definition = structureDefinition(entry.structure);
  if (!definition) return [];
  const issues: Issue[] = [];
  const fields = entry as Record<string, unknown>;
  const listed = entry.agents ? entry.agents.reduce((n, a) => n + a.count, 0) : null;
  if (SIZED.has(entry.structure) && fields.sizes === undefined && listed === null) {
    issues.push({ path: `teams[${t}].sizes`, message: "is required (or list the team's agents)" });
  }
  if (Array.isArray(fields.sizes)) {
    const seen = new Set<unknown>();
    (fields.sizes as unknown[]).forEach((size, i) => {
      if (seen.has(size)) issues.push({ path: `teams[${t}].sizes[${i}]`, message: `repeats size ${String(size)}; list each size once` });
      seen.add(size);
    });
  }
  if (issues.length > 0) return issues;
  for (const params of entryParamSets(entry, definition, listed)) {
    for (const problem of definition.check?.(params) ?? []) {
      const path = `teams[${t}].${problem.field}`;
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: problem.message });
    }
    if (listed !== null && definition.teamSize(params) !== listed) {
      issues.push({
        path: `teams[${t}].agents`,
        message: `lists ${listed} agent${listed === 1 ? '' : 's'}, but a ${definition.title.toLowerCase()} with these settings has ${definition.teamSize(params)}`,
      });
      break;
    }
  }
  return issues;
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
