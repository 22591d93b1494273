/**
 * The experiment spec: the JSON a user writes to describe a grid of trials.
 * `docs/experiment-spec.md` explains every field; `experimentSpecSchema` is the
 * single source for the TypeScript type, the validator and the JSON Schema.
 */
import * as s from '../contract/schema';
import type { Infer, Issue } from '../contract/schema';

export const TASK_SUITES = ['arithmetic'] as const;
export const STRUCTURES = ['single', 'vote'] as const;
export const AGGREGATES = ['majority', 'plurality'] as const;
export type Structure = (typeof STRUCTURES)[number];
export type Aggregate = (typeof AGGREGATES)[number];

/** Largest grid we accept in one experiment; past it, split the experiment. */
export const MAX_TRIALS = 1_000_000;

const MODEL_PATTERN = /^(sim|ollama|openai):\S+$/;

const modelName = s.refine(
  s.string({ minLength: 1, description: 'A model: "sim:NAME" (the statistical sim), "ollama:NAME" or "openai:NAME".' }),
  (value, path) =>
    MODEL_PATTERN.test(value)
      ? []
      : [{ path, message: `must look like "sim:default", "ollama:llama3.2:1b" or "openai:NAME", got "${value}"` }],
);

export const taskSpecSchema = s.object(
  {
    suite: s.oneOf(TASK_SUITES, { description: 'Which generated task suite to draw items from.' }),
    count: s.integer({ min: 1, max: 100_000, description: 'How many items to generate.' }),
    seed: s.optional(s.integer({ min: 0, description: 'Seed for item generation; the same seed gives the same items.' }), 1),
    difficulty: s.optional(
      s.integer({ min: 1, max: 10, description: 'Arithmetic: number of operations per item (1 = one operation).' }),
      3,
    ),
  },
  { description: 'The task items every team is asked to solve.' },
);

export const agentSpecSchema = s.object(
  {
    model: modelName,
    temperature: s.optional(s.number({ min: 0, max: 2, description: 'Sampling temperature passed to the model.' }), 0.7),
    maxTokens: s.optional(s.integer({ min: 1, max: 131072, description: 'Upper bound on generated tokens per call.' }), 512),
    system: s.optional(s.string({ maxLength: 20_000, description: 'A system prompt given to every agent.' })),
  },
  { description: 'How every agent in every team reaches its model.' },
);

const singleTeamSchema = s.object(
  {
    structure: s.literal('single'),
    label: s.optional(s.string({ minLength: 1, maxLength: 80, description: 'Name shown in charts and tables.' })),
  },
  { description: 'One agent answers alone: the baseline every team is compared with.' },
);

const voteTeamSchema = s.object(
  {
    structure: s.literal('vote'),
    sizes: s.array(s.integer({ min: 1, max: 1000 }), { minItems: 1, description: 'Team sizes to try, one cell each.' }),
    aggregate: s.optional(s.oneOf(AGGREGATES, { description: 'How the votes become one answer.' }), 'majority'),
    label: s.optional(s.string({ minLength: 1, maxLength: 80, description: 'Name shown in charts and tables.' })),
  },
  {
    description:
      'n agents answer independently; "majority" needs more than half the votes (else no answer), "plurality" takes the most common answer (ties go to the answer first given by the lowest-numbered agent).',
  },
);

export const teamSpecSchema = s.tagged('structure', { single: singleTeamSchema, vote: voteTeamSchema });

export const experimentSpecSchema = s.refine(
  s.object(
    {
      name: s.string({ minLength: 1, maxLength: 200, description: 'A name to find the experiment by.' }),
      description: s.optional(s.string({ maxLength: 5000 })),
      tasks: taskSpecSchema,
      agents: agentSpecSchema,
      teams: s.array(teamSpecSchema, { minItems: 1, description: 'Team structures to compare; each size is one cell.' }),
      repetitions: s.optional(s.integer({ min: 1, max: 1000, description: 'How many times each cell meets each item.' }), 1),
      seed: s.optional(s.integer({ min: 0, description: 'Seed for everything random in the run (agents, sampling).' }), 0),
      concurrency: s.optional(
        s.integer({ min: 1, max: 256, description: 'How many trials may run at once (per experiment).' }),
        4,
      ),
    },
    { description: 'A Quorum experiment: tasks × team structures × sizes × repetitions.' },
  ),
  (spec) => {
    const issues: Issue[] = [];
    spec.teams.forEach((team, t) => {
      if (team.structure !== 'vote') return;
      const seen = new Set<number>();
      team.sizes.forEach((size, i) => {
        if (seen.has(size)) issues.push({ path: `teams[${t}].sizes[${i}]`, message: `repeats size ${size}; list each size once` });
        seen.add(size);
      });
    });
    const cells = spec.teams.reduce((n, team) => n + (team.structure === 'vote' ? team.sizes.length : 1), 0);
    const trials = cells * spec.tasks.count * spec.repetitions;
    if (trials > MAX_TRIALS)
      issues.push({ path: '(root)', message: `plans ${trials} trials, more than the ${MAX_TRIALS} allowed; lower tasks.count or repetitions` });
    return issues;
  },
);

export type ExperimentSpec = Infer<typeof experimentSpecSchema>;
export type TeamSpec = Infer<typeof teamSpecSchema>;
export type TaskSpec = Infer<typeof taskSpecSchema>;
export type AgentSpec = Infer<typeof agentSpecSchema>;

/** One cell of the grid: a structure at one size. */
export interface CellSpec {
  index: number;
  structure: Structure;
  size: number;
  aggregate: Aggregate | null;
  label: string;
}

export function structureLabel(team: TeamSpec): string {
  if (team.label) return team.label;
  return team.structure === 'vote' ? `vote (${team.aggregate})` : 'single';
}

/** Expands the spec's teams into cells in a stable order (the order written). */
export function expandCells(spec: ExperimentSpec): CellSpec[] {
  const cells: CellSpec[] = [];
  for (const team of spec.teams) {
    const label = structureLabel(team);
    if (team.structure === 'single') {
      cells.push({ index: cells.length, structure: 'single', size: 1, aggregate: null, label });
    } else {
      for (const size of team.sizes) {
        cells.push({ index: cells.length, structure: 'vote', size, aggregate: team.aggregate ?? 'majority', label });
      }
    }
  }
  return cells;
}

export function parseExperimentSpec(input: unknown): s.Parsed<ExperimentSpec> {
  return s.parse(experimentSpecSchema, input);
}

export function experimentSpecJsonSchema(): s.JsonSchema {
  const body = experimentSpecSchema.jsonSchema();
  const properties = { $schema: { type: 'string', description: 'Path or URL of this JSON Schema, for editors.' }, ...(body.properties as object) };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://quorum.local/experiment-spec.schema.json',
    title: 'Quorum experiment spec',
    ...body,
    properties,
  };
}
