/**
 * The Designer's team form, as pure functions: form values from a team entry
 * and back, each field read against the registry's declaration (its kind,
 * range and whether it is an axis), and the entry written into the spec's
 * text. The text stays the source of truth: a write parses it, replaces or
 * appends one entry of `teams`, and formats it again (`formatSpec`).
 */
import { z } from '../../../../shared/contract/schema';
import { STRUCTURE_DEFINITIONS, structureDefinition, type ParamField, type ParamValue, type StructureDefinition } from '../../../../shared/domain/structures';
import { formatSpec, isRecord, parseSpecText, type JsonSyntaxError } from '../../state/spec-text';

/** One row of a team's own agents, as typed. */
export interface AgentRow {
  model: string;
  count: string;
  temperature: string;
  persona: string;
  role: string;
}

export const AGENT_KEYS = ['model', 'count', 'temperature', 'persona', 'role'] as const;

/** The form as typed: every value is text (an axis is a comma-separated list). */
export interface TeamFormValues {
  structure: string;
  label: string;
  params: Record<string, string>;
  agents: AgentRow[];
}

/** A problem with one input: `label`, `param:sizes`, `agent:0:count`. */
export interface FormProblem {
  key: string;
  message: string;
}

export const DEFAULT_STRUCTURE = 'vote';
const LABEL_MAX = 80;
const ROLE_MAX = 40;
const PERSONA_MAX = 20_000;
const MODEL_PATTERN = /^(sim|ollama|openai):\S+$/;

export function blankAgent(): AgentRow {
  return { model: '', count: '1', temperature: '', persona: '', role: '' };
}

/** A value as the form shows it: lists as "3, 5, 9". */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => fieldText(v)).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A fresh form for `structure`, with the registry's suggested values. */
export function defaultValues(structure: string): TeamFormValues {
  const definition = structureDefinition(structure) ?? structureDefinition(DEFAULT_STRUCTURE)!;
  return {
    structure: definition.id,
    label: '',
    params: Object.fromEntries(definition.fields.map((field) => [field.name, fieldText(field.default)])),
    agents: [],
  };
}

/** The form for an existing entry; null when its structure is not one this build knows. */
export function valuesFromEntry(entry: unknown): TeamFormValues | null {
  if (!isRecord(entry) || typeof entry.structure !== 'string') return null;
  const definition = structureDefinition(entry.structure);
  if (!definition) return null;
  const agents = Array.isArray(entry.agents) ? entry.agents : [];
  return {
    structure: definition.id,
    label: typeof entry.label === 'string' ? entry.label : '',
    // A field the entry leaves out shows its default, which is what the lab will use.
    params: Object.fromEntries(definition.fields.map((field) => [field.name, fieldText(Object.hasOwn(entry, field.name) ? entry[field.name] : schemaDefault(definition, field))])),
    agents: agents.map((agent) => {
      const row = blankAgent();
      if (!isRecord(agent)) return row;
      for (const key of AGENT_KEYS) row[key] = fieldText(agent[key]);
      if (row.count === '') row.count = '1';
      return row;
    }),
  };
}

/** The value the lab fills in when the field is left out (undefined when it has none). */
function schemaDefault(definition: StructureDefinition, field: ParamField): unknown {
  const schema = definition.shape[field.name];
  if (!schema) return undefined;
  const parsed = z.safeParse(schema, undefined);
  return parsed.success ? parsed.data : undefined;
}

export type FieldParse = { ok: true; value: ParamValue | ParamValue[] | undefined } | { ok: false; message: string };

function items(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readInteger(field: ParamField, item: string): { ok: true; value: number } | { ok: false; message: string } {
  if (!/^-?\d+$/.test(item)) return { ok: false, message: `"${item}" is not a whole number` };
  const value = Number(item);
  const min = field.min ?? Number.MIN_SAFE_INTEGER;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  if (value < min || value > max) return { ok: false, message: `${value} is out of range: ${rangeText(field)}` };
  return { ok: true, value };
}

/** "1–1000", "≥ 1", or "" for a field without bounds. */
export function rangeText(field: ParamField): string {
  if (field.min !== undefined && field.max !== undefined) return `${field.min}–${field.max}`;
  if (field.min !== undefined) return `≥ ${field.min}`;
  if (field.max !== undefined) return `≤ ${field.max}`;
  return '';
}

/**
 * Reads one field's text. Blank means "leave it out". An axis takes a
 * comma-separated list; one value is written as a list only where the
 * registry suggests a list (team sizes), so `"rounds": 2` stays a number.
 */
export function parseField(field: ParamField, text: string): FieldParse {
  const values = items(text);
  if (values.length === 0) return { ok: true, value: undefined };
  if (!field.axis && values.length > 1) return { ok: false, message: 'takes one value' };
  const read: ParamValue[] = [];
  for (const item of values) {
    if (field.kind === 'integer') {
      const number = readInteger(field, item);
      if (!number.ok) return number;
      read.push(number.value);
    } else if (field.kind === 'choice') {
      if (!(field.choices ?? []).includes(item)) return { ok: false, message: `"${item}" is not one of ${(field.choices ?? []).join(', ')}` };
      read.push(item);
    } else {
      if (item !== 'true' && item !== 'false') return { ok: false, message: 'must be true or false' };
      read.push(item === 'true');
    }
  }
  const seen = new Set<ParamValue>();
  for (const value of read) {
    if (seen.has(value)) return { ok: false, message: `lists ${String(value)} twice` };
    seen.add(value);
  }
  const asList = field.axis && (read.length > 1 || Array.isArray(field.default));
  return { ok: true, value: asList ? read : read[0] };
}

function readAgent(row: AgentRow, index: number, problems: FormProblem[]): Record<string, unknown> {
  const agent: Record<string, unknown> = {};
  const key = (name: string) => `agent:${index}:${name}`;
  const model = row.model.trim();
  if (model !== '') {
    if (MODEL_PATTERN.test(model)) agent.model = model;
    else problems.push({ key: key('model'), message: 'must look like "sim:default", "ollama:NAME" or "openai:NAME"' });
  }
  const count = row.count.trim();
  if (count !== '') {
    if (/^\d+$/.test(count) && Number(count) >= 1 && Number(count) <= 1000) agent.count = Number(count);
    else problems.push({ key: key('count'), message: 'must be a whole number 1–1000' });
  }
  const temperature = row.temperature.trim();
  if (temperature !== '') {
    const value = Number(temperature);
    if (Number.isFinite(value) && value >= 0 && value <= 2) agent.temperature = value;
    else problems.push({ key: key('temperature'), message: 'must be a number 0–2' });
  }
  const persona = row.persona.trim();
  if (persona !== '') {
    if (persona.length <= PERSONA_MAX) agent.persona = persona;
    else problems.push({ key: key('persona'), message: `must be at most ${PERSONA_MAX} characters` });
  }
  const role = row.role.trim();
  if (role !== '') {
    if (role.length <= ROLE_MAX) agent.role = role;
    else problems.push({ key: key('role'), message: `must be at most ${ROLE_MAX} characters` });
  }
  return agent;
}

export type BuiltEntry = { ok: true; entry: Record<string, unknown> } | { ok: false; problems: FormProblem[] };

/**
 * The team entry the form describes. `base` is the entry being edited: its
 * key order is kept, and so are fields the form does not show (an agent's
 * `weight`, say) while the structure stays the same. Axis values are always
 * written; another field equal to the lab's own default is left out unless
 * the entry already had it.
 */
export function buildEntry(values: TeamFormValues, base: Record<string, unknown> | null = null): BuiltEntry {
  const definition = structureDefinition(values.structure);
  if (!definition) return { ok: false, problems: [{ key: 'structure', message: `"${values.structure}" is not a structure this Quorum knows` }] };
  const problems: FormProblem[] = [];
  const sameStructure = base !== null && base.structure === definition.id;
  const kept = sameStructure ? base : null;
  const managed = new Map<string, unknown>();
  managed.set('structure', definition.id);

  const label = values.label.trim();
  if (label.length > LABEL_MAX) problems.push({ key: 'label', message: `must be at most ${LABEL_MAX} characters` });
  managed.set('label', label === '' ? undefined : label);

  for (const field of definition.fields) {
    const parsed = parseField(field, values.params[field.name] ?? '');
    if (!parsed.ok) {
      problems.push({ key: `param:${field.name}`, message: parsed.message });
      continue;
    }
    // Axes are what the experiment varies: always written. Other fields only when they differ from the lab's default.
    const isDefault = !field.axis && parsed.value !== undefined && JSON.stringify(parsed.value) === JSON.stringify(schemaDefault(definition, field));
    managed.set(field.name, isDefault && !(kept && Object.hasOwn(kept, field.name)) ? undefined : parsed.value);
  }

  const baseAgents = kept && Array.isArray(kept.agents) ? kept.agents : [];
  const agents = values.agents.map((row, i) => {
    const own = readAgent(row, i, problems);
    const before = baseAgents[i];
    // Keep what the form does not show (weight, …); the form's fields replace the rest.
    const rest = isRecord(before) ? Object.fromEntries(Object.entries(before).filter(([key]) => !(AGENT_KEYS as readonly string[]).includes(key))) : {};
    return { ...rest, ...own };
  });
  managed.set('agents', agents.length > 0 ? agents : undefined);
  if (problems.length > 0) return { ok: false, problems };

  const order = [...Object.keys(kept ?? {}), ...managed.keys()];
  const entry: Record<string, unknown> = {};
  for (const key of order) {
    if (Object.hasOwn(entry, key)) continue;
    const value = managed.has(key) ? managed.get(key) : kept?.[key];
    if (value !== undefined) entry[key] = value;
  }
  return { ok: true, entry };
}

/** A team entry of the spec as the Designer lists it. */
export interface TeamSummary {
  index: number;
  /** The entry's label, else its structure's title. */
  name: string;
  /** Its parameters in words: "team sizes 3, 5, 9 · rule majority". */
  details: string;
  /** Whether the form can show it (its structure is known). */
  editable: boolean;
}

/** The team entries in the spec's text; null while the text is not a JSON object. */
export function teamsInText(text: string): TeamSummary[] | null {
  const parsed = parseSpecText(text);
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const teams = parsed.value.teams;
  if (!Array.isArray(teams)) return [];
  return teams.map((entry, index) => {
    const structure = isRecord(entry) && typeof entry.structure === 'string' ? entry.structure : '';
    const definition = structureDefinition(structure);
    const record = isRecord(entry) ? entry : {};
    const label = typeof record.label === 'string' && record.label !== '' ? record.label : null;
    const details = (definition?.fields ?? [])
      .filter((field) => Object.hasOwn(record, field.name))
      .map((field) => `${field.label.toLowerCase()} ${fieldText(record[field.name])}`);
    if (Array.isArray(record.agents)) details.push(`${record.agents.length} listed agent${record.agents.length === 1 ? '' : 's'}`);
    return {
      index,
      name: label ?? definition?.title ?? (structure || 'unknown structure'),
      details: [label && definition ? definition.title.toLowerCase() : null, ...details].filter((d) => d !== null).join(' · '),
      editable: definition !== null,
    };
  });
}

/** The entry at `teams[index]` in the text, if it is an object. */
export function teamAt(text: string, index: number): Record<string, unknown> | null {
  const parsed = parseSpecText(text);
  if (!parsed.ok || !isRecord(parsed.value) || !Array.isArray(parsed.value.teams)) return null;
  const entry: unknown = parsed.value.teams[index];
  return isRecord(entry) ? entry : null;
}

export type TextEdit = { ok: true; text: string; index: number } | { ok: false; message: string; error?: JsonSyntaxError };

function specObject(text: string): { ok: true; spec: Record<string, unknown>; teams: unknown[] } | { ok: false; message: string; error?: JsonSyntaxError } {
  const parsed = parseSpecText(text);
  if (!parsed.ok) return { ok: false, message: `The JSON has an error at line ${parsed.error.line}, column ${parsed.error.column}; fix it first (the cursor is there now).`, error: parsed.error };
  if (!isRecord(parsed.value)) return { ok: false, message: 'The spec must be a JSON object { … } to hold teams.' };
  return { ok: true, spec: { ...parsed.value }, teams: Array.isArray(parsed.value.teams) ? [...(parsed.value.teams as unknown[])] : [] };
}

/** Puts `entry` at `teams[index]` (null, or past the end: appends) and formats the spec. */
export function writeTeam(text: string, entry: Record<string, unknown>, index: number | null): TextEdit {
  const found = specObject(text);
  if (!found.ok) return found;
  const { spec, teams } = found;
  const at = index === null || index >= teams.length ? teams.length : index;
  teams[at] = entry;
  spec.teams = teams;
  return { ok: true, text: formatSpec(spec), index: at };
}

/** Removes `teams[index]` and formats the spec. */
export function removeTeam(text: string, index: number): TextEdit {
  const found = specObject(text);
  if (!found.ok) return found;
  const { spec, teams } = found;
  if (index < 0 || index >= teams.length) return { ok: false, message: `There is no teams[${index}] any more.` };
  teams.splice(index, 1);
  spec.teams = teams;
  return { ok: true, text: formatSpec(spec), index };
}

/** The structures the form offers, in the registry's order. */
export const STRUCTURES: readonly StructureDefinition[] = STRUCTURE_DEFINITIONS;
