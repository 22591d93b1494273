/**
 * The experiment spec: the JSON a user writes to describe a grid of trials.
 * `docs/experiment-spec.md` explains every field; `experimentSpecSchema` is the
 * single source for the TypeScript type, the validator and the JSON Schema.
 * Team structures come from the registry in ./structures: each declares its
 * own fields, and `expandCells` (./cells) turns entries into cells.
 */
import * as s from '../contract/schema';
import { z, type Issue } from '../contract/schema';
import { API_KEY_ENV_MAX_LENGTH, API_KEY_ENV_PATTERN, BASE_URL_MAX_LENGTH, insecureKeyHost, looksLikeApiKeyEnv } from './api-key-rules';
import { HOST_URL_MAX_LENGTH, hostUrlProblem } from './host-url';
import { faultSpecSchema, type FaultSpec } from './faults';
import { simSpecSchema } from './sim-spec';
import { crossChecks } from './spec-checks';
import { STRUCTURE_DEFINITIONS } from './structures';
import type { StructureDefinition } from './structures';
import { taskSpecSchema } from './task-spec';

export { TASK_FILE_FORMATS, TASK_SUITES, taskFileFormat, taskSpecSchema, type TaskFileFormatName } from './task-spec';

/** Largest grid we accept in one experiment; past it, split the experiment. */
export const MAX_TRIALS = 1_000_000;
/** Most models one experiment may compare; each adds a full set of cells. */
export const MAX_MODELS = 32;
/** Most agents one team entry may list (before counts). */
export const MAX_AGENT_ENTRIES = 64;

const MODEL_PATTERN = /^(sim|ollama|openai):\S+$/;

/**
 * "paper:NAME" names the model of runs imported from the paper's released
 * data (npm run lab -- import-paper): it appears only in imported
 * experiments, which are written by the import, never through this
 * validator, and can't be run. A spec that names one is refused with that said.
 */
const IMPORTED_MODEL_PATTERN = /^paper:/;

const modelName = s
  .string({ minLength: 1, maxLength: 200, description: 'A model: "sim:NAME" (the statistical sim), "ollama:NAME" or "openai:NAME".' })
  .refine((value) => MODEL_PATTERN.test(value), {
    error: (issue) =>
      IMPORTED_MODEL_PATTERN.test(String(issue.input))
        ? `${JSON.stringify(issue.input)} names the runs imported from the paper's released data, which can be analysed but not run; use a model Quorum can call: "sim:NAME", "ollama:NAME" or "openai:NAME"`
        : `must look like "sim:default", "ollama:llama3.2:1b" or "openai:NAME", got ${JSON.stringify(issue.input)}`,
  });

/** An Ollama server's address: http(s), with a host, nothing else. */
function hostUrl(description: string) {
  return s.string({ minLength: 1, maxLength: HOST_URL_MAX_LENGTH, description }).superRefine((value, ctx) => {
    const problem = hostUrlProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const temperature = s.number({ min: 0, max: 2, description: 'Sampling temperature passed to the model.' });
const persona = s.string({
  minLength: 1,
  maxLength: 20_000,
  description: 'How this agent is told to behave: a named persona ("skeptic", "careful", "contrarian", "concise") or a system prompt of your own.',
});

export const agentDefaultsSchema = s
  .object(
    {
      model: modelName.optional(),
      models: z
        .array(modelName)
        .min(1)
        .max(MAX_MODELS)
        .optional()
        .meta({ description: 'Several models: teams without their own agent list run once per model (a model axis in the grid).' }),
      temperature: temperature.default(0.7),
      maxTokens: s
        .integer({ min: 1, max: 131072, description: 'Upper bound on generated tokens per call (Ollama num_predict). A reply cut by it is never graded as complete.' })
        .default(512),
      topP: s.number({ min: 0, max: 1, description: 'Nucleus sampling (Ollama top_p).' }).optional(),
      numCtx: s.integer({ min: 256, max: 1_048_576, description: 'Context window (Ollama num_ctx). Changing it reloads the model; too small silently cuts prompts.' }).optional(),
      stop: z.array(s.string({ minLength: 1, maxLength: 100 })).max(8).optional().meta({ description: 'Stop sequences.' }),
      keepAlive: s.string({ minLength: 1, maxLength: 20, description: 'How long Ollama keeps the model loaded after the last call, e.g. "10m" or "-1m" (forever).' }).optional(),
      host: hostUrl('Pin every agent to this host URL instead of pooling over `hosts`.').optional(),
      timeoutSeconds: s.integer({ min: 1, max: 86_400, description: 'Give up on one call after this many seconds (the request is aborted).' }).default(600),
      system: s.string({ maxLength: 20_000, description: 'A system prompt given to every agent (a persona replaces it for its agent).' }).optional(),
    },
    { description: 'How every agent reaches its model, unless a team lists its own agents.' },
  )
  .superRefine((agents, ctx) => {
    if (agents.model === undefined && agents.models === undefined) ctx.addIssue({ code: 'custom', path: ['model'], message: 'is required (or give a list in agents.models)' });
    if (agents.model !== undefined && agents.models !== undefined) ctx.addIssue({ code: 'custom', path: ['models'], message: 'give either agents.model or agents.models, not both' });
    const seen = new Set<string>();
    for (const [i, m] of (agents.models ?? []).entries()) {
      if (seen.has(m)) ctx.addIssue({ code: 'custom', path: ['models', i], message: `repeats "${m}"` });
      seen.add(m);
    }
  });

/** One agent, or `count` alike, in a team that lists its own agents. */
export const teamAgentSchema = s.object(
  {
    model: modelName.optional(),
    count: s.integer({ min: 1, max: 1000, description: 'How many agents alike (default 1).' }).default(1),
    temperature: temperature.optional(),
    persona: persona.optional(),
    role: s.string({ minLength: 1, maxLength: 40, description: 'The role this agent plays (e.g. "leader", "judge", "critic"); by default the structure assigns roles by position.' }).optional(),
    weight: s.number({ min: 0, max: 1000, description: 'For a vote weighted by accuracy: this agent\'s weight (e.g. the log-odds of its measured accuracy).' }).optional(),
  },
  { description: 'An agent of this team: its own model, temperature, persona or role; anything left out comes from "agents".' },
);

export const hostSpecSchema = s.object(
  {
    url: hostUrl('Base URL of an Ollama server, e.g. http://127.0.0.1:11434. Leave it out for the default host (OLLAMA_HOST, else http://127.0.0.1:11434).').optional(),
    slots: s
      .integer({
        min: 1,
        max: 64,
        description:
          "Requests this host serves at once: set it to the server's OLLAMA_NUM_PARALLEL (default 1). Each slot holds its own context (KV cache) in memory, so memory grows with slots × num_ctx.",
      })
      .default(1),
  },
  { description: 'An Ollama host; calls for ollama:NAME go to any listed host that has NAME.' },
);

const apiKeyEnvSchema = s
  .string({
    minLength: 1,
    maxLength: API_KEY_ENV_MAX_LENGTH,
    description:
      'Name of the environment variable that holds the API key (never the key itself): upper case, ending in _API_KEY or _TOKEN, e.g. OPENAI_API_KEY. The key is only sent over https, or over http to a loopback address.',
  })
  .refine(looksLikeApiKeyEnv, {
    error: (issue) => `${JSON.stringify(issue.input)} does not look like an API key variable; name one ending in _API_KEY or _TOKEN, e.g. "OPENAI_API_KEY"`,
  })
  .meta({ pattern: API_KEY_ENV_PATTERN.source });

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

export const openaiSpecSchema = s
  .object(
    {
      baseUrl: s
        .string({
          minLength: 1,
          maxLength: BASE_URL_MAX_LENGTH,
          description: 'Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:1234/v1 (LM Studio).',
        })
        .refine(isHttpUrl, { error: (issue) => `must be an http(s) URL such as "http://127.0.0.1:8000/v1", got ${JSON.stringify(issue.input)}` }),
      apiKeyEnv: apiKeyEnvSchema.optional(),
      slots: s.integer({ min: 1, max: 256, description: 'Requests the server takes at once.' }).default(4),
    },
    { description: 'Where openai:NAME models are served.' },
  )
  .superRefine((openai, ctx) => {
    // Without a key nothing secret travels, so plain http to a LAN server is fine.
    const host = openai.apiKeyEnv === undefined ? null : insecureKeyHost(openai.baseUrl);
    if (host !== null) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: `a key would be sent unencrypted to ${host}; use https://, or a loopback address` });
  });

/** A team entry for one structure: its registry fields plus what every entry may carry. */
function teamEntrySchema(definition: StructureDefinition) {
  return s.object(
    {
      structure: z.literal(definition.id),
      label: s.string({ minLength: 1, maxLength: 80, description: 'Name shown in charts and tables.' }).optional(),
      agents: z.array(teamAgentSchema).min(1).max(MAX_AGENT_ENTRIES).optional().meta({ description: 'This team\'s own agents (a heterogeneous team); the team size follows from them.' }),
      faults: faultSpecSchema.optional().meta({ description: 'Faults injected into this team (instead of the experiment\'s own `faults`).' }),
      ...definition.shape,
    },
    { description: definition.summary },
  );
}

const [firstTeam, ...otherTeams] = STRUCTURE_DEFINITIONS.map(teamEntrySchema);
export const teamSpecSchema = z.discriminatedUnion('structure', [firstTeam!, ...otherTeams]);

export const experimentSpecObject = s.object(
  {
    $schema: s.string({ maxLength: 1000, description: 'Path or URL of this JSON Schema, for editors.' }).optional(),
    name: s.string({ minLength: 1, maxLength: 200, description: 'A name to find the experiment by.' }),
    description: s.string({ maxLength: 5000, description: 'Free text, shown with examples.' }).optional(),
    tasks: taskSpecSchema,
    agents: agentDefaultsSchema,
    teams: z.array(teamSpecSchema).min(1).max(64).meta({ description: 'Team structures to compare; every value of every axis is one cell.' }),
    hosts: z.array(hostSpecSchema).min(1).max(32).optional().meta({ description: 'Ollama hosts to pool; default: OLLAMA_HOST or http://127.0.0.1:11434 with 1 slot.' }),
    openai: openaiSpecSchema.optional(),
    sim: simSpecSchema.optional(),
    faults: faultSpecSchema.optional(),
    repetitions: s.integer({ min: 1, max: 1000, description: 'How many times each cell meets each item.' }).default(1),
    seed: s.integer({ min: 0, description: 'Seed for everything random in the run (agents, sampling).' }).default(0),
    concurrency: s
      .integer({ min: 1, max: 4096, description: 'Optional cap on trials in flight. Without it, trials are admitted while a host has free slots and no call waiting.' })
      .optional(),
  },
  { description: 'A Quorum experiment: tasks × team structures × their axes × models × repetitions.' },
);

/** A team entry: the structure, its optional label and agents, and the structure's own parameters (see the registry). */
export type TeamSpec = { structure: string; label?: string; agents?: TeamAgentSpec[]; faults?: FaultSpec } & { [param: string]: unknown };
export type ExperimentSpec = Omit<z.output<typeof experimentSpecObject>, 'teams'> & { teams: TeamSpec[] };
export type TaskSpec = z.output<typeof taskSpecSchema>;
export type AgentSpec = z.output<typeof agentDefaultsSchema>;
export type TeamAgentSpec = z.output<typeof teamAgentSchema>;

export function modelsOf(agents: Pick<AgentSpec, 'model' | 'models'>): string[] {
  return agents.models ?? (agents.model !== undefined ? [agents.model] : []);
}

export function parseExperimentSpec(input: unknown): s.Parsed<ExperimentSpec> {
  const parsed = s.parse(experimentSpecObject as z.ZodType<ExperimentSpec>, input);
  if (!parsed.ok) return parsed;
  // Checks across fields, once the shape is right; cells.ts knows how entries expand.
  const issues: Issue[] = crossChecks(parsed.value);
  return issues.length > 0 ? { ok: false, issues } : parsed;
}

export function experimentSpecJsonSchema(): s.JsonSchema {
  return {
    ...s.jsonSchemaOf(experimentSpecObject),
    $id: 'https://quorum.local/experiment-spec.schema.json',
    title: 'Quorum experiment spec',
  };
}

export { expandCells, structureLabel, type AgentConfig, type CellSpec } from './cells';
