/**
 * What a team structure declares about itself, in one place: its parameters
 * (and which of them are grid axes), how big a team it makes, how to name it,
 * and how many calls, messages between agents and rounds a trial of it takes.
 * Validation, the JSON Schema, the Designer's form, the grid size and the
 * duration estimate all read these declarations; the engine's structures in
 * electron/core/teams are checked against the formulas by tests.
 */
import type { z } from '../../contract/schema';

export type ParamValue = string | number | boolean;
/** One cell's parameters: every axis at one value. */
export type CellParams = Readonly<Record<string, ParamValue>>;

export interface Expected {
  /** Model calls per trial (for rules that can stop early, the most it can take). */
  calls: number;
  /** Messages between agents per trial: one per sender → receiver delivery. */
  messages: number;
  /** Rounds: steps separated by a barrier (1 when everyone works at once). */
  rounds: number;
}

/** A parameter as the Designer's form shows it. */
export interface ParamField {
  name: string;
  label: string;
  kind: 'integer' | 'choice' | 'boolean';
  /** Whether a list of values is allowed (each value its own cells). */
  axis: boolean;
  min?: number;
  max?: number;
  choices?: readonly string[];
  default?: ParamValue | readonly ParamValue[];
  help: string;
}

export interface StructureDefinition {
  readonly id: string;
  readonly title: string;
  /** One paragraph for the Designer and the docs. */
  readonly summary: string;
  /** The team entry's own fields (besides structure, label and agents). */
  readonly shape: z.ZodRawShape;
  readonly fields: readonly ParamField[];
  /** Agents in a team with these parameters. */
  teamSize(params: CellParams): number;
  /** Parameters implied by a list of `count` agents when the entry names its agents instead of a size. */
  paramsForAgents?(count: number): Record<string, ParamValue>;
  /** The series name when the entry has no label. */
  label(params: CellParams): string;
  /** Axes the default label already names (so a series label does not repeat them). */
  readonly labelAxes?: readonly string[];
  expected(params: CellParams): Expected;
  /** The same formulas in words, for the docs (n agents, r rounds, k workers…). */
  readonly formulas: { readonly calls: string; readonly messages: string; readonly rounds: string };
  /** The role each agent plays, by index (the engine gives agents these unless the entry names roles). */
  roles(params: CellParams): string[];
  /** Cross-field problems of one cell's parameters (e.g. a quorum larger than the team), phrased to follow a field path. */
  check?(params: CellParams): Array<{ field: string; message: string }>;
}
