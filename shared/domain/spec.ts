/**
 * The experiment spec: the JSON a user writes to describe a grid of trials.
 * `docs/experiment-spec.md` explains every field; `experimentSpecSchema` is the
 * single source for the TypeScript type, the validator and the JSON Schema.
 */
import * as s from '../contract/schema';
import type { Infer, Issue } from '../contract/schema';
import { HOST_URL_MAX_LENGTH, hostUrlProblem } from './host-url';
import { API_KEY_ENV_MAX_LENGTH, API_KEY_ENV_PATTERN, BASE_URL_MAX_LENGTH, insecureKeyHost, looksLikeApiKeyEnv } from './api-key-rules';

export const TASK_SUITES = ['arithmetic'] as const;
export const STRUCTURES = ['single', 'vote'] as const;
export const AGGREGATES = ['majority', 'plurality'] as const;
export type Structure = (typeof STRUCTURES)[number];
export type Aggregate = (typeof AGGREGATES)[number];

/** Most models one experiment may compare; each adds a full set of cells. */
export const MAX_MODELS = 32;

/** An Ollama server's address: http(s), with a host, nothing else. */
function hostUrl(description: string): s.Schema<string> {
  return s.refine(s.string({ minLength: 1, maxLength: HOST_URL_MAX_LENGTH, description }), (value, path) => {
    const problem = hostUrlProblem(value);
    return problem === null ? [] : [{ path, message: problem }];
  });
}

/** Largest grid we accept in one experiment; past it, split the experiment. */
export const MAX_TRIALS = 1_000_000;

const MODEL_PATTERN = /^(sim|ollama|openai):\S+$/;

const modelName = s.refine(
  s.string({ minLength: 1, maxLength: 200, description: 'A model: "sim:NAME" (the statistical sim), "ollama:NAME" or "openai:NAME".' }),
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

export const agentSpecSchema = s.refine(
  s.object(
    {
      model: s.optional(modelName),
      models: s.optional(
        s.array(modelName, { minItems: 1, maxItems: MAX_MODELS, description: 'Several models: each becomes its own set of cells (a model axis in the grid).' }),
      ),
      temperature: s.optional(s.number({ min: 0, max: 2, description: 'Sampling temperature passed to the model.' }), 0.7),
      maxTokens: s.optional(
        s.integer({ min: 1, max: 131072, description: 'Upper bound on generated tokens per call (Ollama num_predict). A reply cut by it is never graded as complete.' }),
        512,
      ),
      topP: s.optional(s.number({ min: 0, max: 1, description: 'Nucleus sampling (Ollama top_p).' })),
      numCtx: s.optional(
        s.integer({ min: 256, max: 1_048_576, description: 'Context window (Ollama num_ctx). Changing it reloads the model; too small silently cuts prompts.' }),
      ),
      stop: s.optional(s.array(s.string({ minLength: 1, maxLength: 100 }), { maxItems: 8, description: 'Stop sequences.' })),
      keepAlive: s.optional(s.string({ minLength: 1, maxLength: 20, description: 'How long Ollama keeps the model loaded after the last call, e.g. "10m" or "-1m" (forever).' })),
      host: s.optional(hostUrl('Pin every agent to this host URL instead of pooling over `hosts`.')),
      timeoutSeconds: s.optional(s.integer({ min: 1, max: 86_400, description: 'Give up on one call after this many seconds (the request is aborted).' }), 600),
      system: s.optional(s.string({ maxLength: 20_000, description: 'A system prompt given to every agent.' })),
    },
    { description: 'How every agent in every team reaches its model.' },
  ),
  (agents, path) => {
    const at = path === '' ? 'agents' : path;
    if (agents.model === undefined && agents.models === undefined) return [{ path: `${at}.model`, message: 'is required (or give a list in agents.models)' }];
    if (agents.model !== undefined && agents.models !== undefined) return [{ path: `${at}.models`, message: 'give either agents.model or agents.models, not both' }];
    const seen = new Set<string>();
    for (const [i, m] of (agents.models ?? []).entries()) {
      if (seen.has(m)) return [{ path: `${at}.models[${i}]`, message: `repeats "${m}"` }];
      seen.add(m);
    }
    return [];
  },
);

export const hostSpecSchema = s.object(
  {
    url: s.optional(hostUrl('Base URL of an Ollama server, e.g. http://127.0.0.1:11434. Leave it out for the default host (OLLAMA_HOST, else http://127.0.0.1:11434).')),
    slots: s.optional(
      s.integer({
        min: 1,
        max: 64,
        description:
          'Requests this host serves at once: set it to the server\'s OLLAMA_NUM_PARALLEL (default 1). Each slot holds its own context (KV cache) in memory, so memory grows with slots × num_ctx.',
      }),
      1,
    ),
  },
  { description: 'An Ollama host; calls for ollama:NAME go to any listed host that has NAME.' },
);

const apiKeyEnvSchema = withJsonSchema(
  s.refine(
    s.string({
      minLength: 1,
      maxLength: API_KEY_ENV_MAX_LENGTH,
      description:
        'Name of the environment variable that holds the API key (never the key itself): upper case, ending in _API_KEY or _TOKEN, e.g. OPENAI_API_KEY. The key is only sent over https, or over http to a loopback address.',
    }),
    (value, path) =>
      looksLikeApiKeyEnv(value)
        ? []
        : [{ path, message: `${JSON.stringify(value)} does not look like an API key variable; name one ending in _API_KEY or _TOKEN, e.g. "OPENAI_API_KEY"` }],
  ),
  { pattern: API_KEY_ENV_PATTERN.source },
);

export const openaiSpecSchema = s.refine(
  s.object(
    {
      baseUrl: s.refine(
        s.string({
          minLength: 1,
          maxLength: BASE_URL_MAX_LENGTH,
          description: 'Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:1234/v1 (LM Studio).',
        }),
        (value, path) => (isHttpUrl(value) ? [] : [{ path, message: `must be an http(s) URL such as "http://127.0.0.1:8000/v1", got "${value}"` }]),
      ),
      apiKeyEnv: s.optional(apiKeyEnvSchema),
      slots: s.optional(s.integer({ min: 1, max: 256, description: 'Requests the server takes at once.' }), 4),
    },
    { description: 'Where openai:NAME models are served.' },
  ),
  (openai, path) => {
    // Without a key nothing secret travels, so plain http to a LAN server is fine.
    const host = openai.apiKeyEnv === undefined ? null : insecureKeyHost(openai.baseUrl);
    const at = path === '' ? 'openai' : path;
    return host === null ? [] : [{ path: `${at}.baseUrl`, message: `a key would be sent unencrypted to ${host}; use https://, or a loopback address` }];
  },
);

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/** Adds JSON Schema keywords the schema language has no option for (a pattern), for editors only. */
function withJsonSchema<T>(schema: s.Schema<T>, extra: s.JsonSchema): s.Schema<T> {
  return { ...schema, jsonSchema: () => ({ ...schema.jsonSchema(), ...extra }) };
}

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
      hosts: s.optional(s.array(hostSpecSchema, { minItems: 1, maxItems: 32, description: 'Ollama hosts to pool; default: OLLAMA_HOST or http://127.0.0.1:11434 with 1 slot.' })),
      openai: s.optional(openaiSpecSchema),
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
    // Each entry is its own series in charts and tables: two with one label would be drawn as one.
    const labelled = new Map<string, number>();
    spec.teams.forEach((team, t) => {
      const label = structureLabel(team);
      const first = labelled.get(label);
      if (first !== undefined) {
        issues.push({ path: `teams[${t}]`, message: `has the same label "${label}" as teams[${first}]; give one of them its own "label"` });
      } else {
        labelled.set(label, t);
      }
    });
    spec.teams.forEach((team, t) => {
      if (team.structure !== 'vote') return;
      const seen = new Set<number>();
      team.sizes.forEach((size, i) => {
        if (seen.has(size)) issues.push({ path: `teams[${t}].sizes[${i}]`, message: `repeats size ${size}; list each size once` });
        seen.add(size);
      });
    });
    const cells = spec.teams.reduce((n, team) => n + (team.structure === 'vote' ? team.sizes.length : 1), 0) * modelsOf(spec.agents).length;
    if (spec.agents.host && spec.hosts && !spec.hosts.some((h) => h.url === undefined || sameUrl(h.url, spec.agents.host!))) {
      issues.push({ path: 'agents.host', message: 'pins a host that is not in "hosts"; add it there (with its slots) or drop the pin' });
    }
    if (modelsOf(spec.agents).some((m) => m.startsWith('openai:')) && !spec.openai) {
      issues.push({ path: 'openai', message: 'is required for openai:NAME models: give { "baseUrl": "http://…/v1" }' });
    }
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

export function modelsOf(agents: Pick<AgentSpec, 'model' | 'models'>): string[] {
  return agents.models ?? (agents.model !== undefined ? [agents.model] : []);
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** One cell of the grid: a structure at one size, with one model. */
export interface CellSpec {
  index: number;
  model: string;
  structure: Structure;
  size: number;
  aggregate: Aggregate | null;
  label: string;
}

export function structureLabel(team: TeamSpec): string {
  if (team.label) return team.label;
  return team.structure === 'vote' ? `vote (${team.aggregate})` : 'single';
}

/**
 * Expands the spec into cells in a stable order: model-major (so trials of one
 * model can run together and a GPU loads each model about once), then teams
 * and sizes as written.
 */
export function expandCells(spec: ExperimentSpec): CellSpec[] {
  const cells: CellSpec[] = [];
  const models = modelsOf(spec.agents);
  for (const model of models) {
    for (const team of spec.teams) {
      const base = structureLabel(team);
      const label = models.length > 1 ? `${base} · ${model.replace(/^(sim|ollama|openai):/, '')}` : base;
      if (team.structure === 'single') {
        cells.push({ index: cells.length, model, structure: 'single', size: 1, aggregate: null, label });
      } else {
        for (const size of team.sizes) {
          cells.push({ index: cells.length, model, structure: 'vote', size, aggregate: team.aggregate ?? 'majority', label });
        }
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
