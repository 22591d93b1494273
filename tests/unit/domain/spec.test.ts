import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../shared/contract/schema';
import { expandCells, experimentSpecJsonSchema, parseExperimentSpec } from '../../../shared/domain/spec';
import { withStructureReference } from '../../../shared/domain/structures/reference';

const root = join(import.meta.dirname, '..', '..', '..');
const issueExample = {
  name: 'Voting vs team size',
  tasks: { suite: 'arithmetic', count: 40, seed: 7 },
  agents: { model: 'sim:default', temperature: 0.7 },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 9], aggregate: 'majority' }],
  repetitions: 2,
  seed: 42,
};

function problems(input: unknown): string {
  const parsed = parseExperimentSpec(input);
  if (parsed.ok) throw new Error('expected the spec to be rejected');
  return formatIssues(parsed.issues);
}

describe('experiment spec', () => {
  it('accepts the documented example and fills defaults', () => {
    const parsed = parseExperimentSpec(issueExample);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.tasks.difficulty).toBe(3);
    // No concurrency unless asked for: trials are admitted as slots free up.
    expect(parsed.value.concurrency).toBeUndefined();
    expect(parsed.value.agents.maxTokens).toBe(512);
  });

  it('accepts a model axis and Ollama hosts, and expands cells model-major', () => {
    const parsed = parseExperimentSpec({ ...issueExample, agents: { models: ['ollama:a', 'ollama:b'] }, hosts: [{ url: 'http://127.0.0.1:11434', slots: 4 }] });
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const cells = expandCells(parsed.value);
    expect(cells.map((c) => `${c.model}/${c.size}`)).toEqual(['ollama:a/1', 'ollama:a/3', 'ollama:a/5', 'ollama:a/9', 'ollama:b/1', 'ollama:b/3', 'ollama:b/5', 'ollama:b/9']);
    expect(cells[1]!.label).toBe('vote (majority) · a');
  });

  it('explains model, host and openai mistakes', () => {
    expect(problems({ ...issueExample, agents: {} })).toBe('agents.model: is required (or give a list in agents.models)');
    expect(problems({ ...issueExample, agents: { model: 'sim:default', models: ['sim:weak'] } })).toContain('give either agents.model or agents.models');
    expect(problems({ ...issueExample, hosts: [{ url: 'localhost:11434' }] })).toContain('hosts[0].url: must be an http(s) URL');
    expect(problems({ ...issueExample, agents: { model: 'openai:llama' } })).toContain('openai: is required for openai:NAME models');
    expect(problems({ ...issueExample, agents: { model: 'ollama:x', host: 'http://a:1' }, hosts: [{ url: 'http://b:1' }] })).toContain('agents.host: pins a host that is not in "hosts"');
  });

  it('expands teams into one cell per structure and size, in the order written', () => {
    const parsed = parseExperimentSpec(issueExample);
    if (!parsed.ok) throw new Error('invalid');
    expect(expandCells(parsed.value).map((c) => `${c.structure}:${c.size}`)).toEqual(['single:1', 'vote:3', 'vote:5', 'vote:9']);
  });

  it('names the field and the problem', () => {
    const bad = { ...issueExample, teams: [{ structure: 'single' }, { structure: 'vote', sizes: [0, 3.5] }] };
    expect(problems(bad)).toBe('teams[1].sizes[0]: must be an integer between 1 and 1000, got 0\nteams[1].sizes[1]: must be an integer between 1 and 1000, got 3.5');
  });

  it('reports missing fields, unknown fields and unknown structures', () => {
    const text = problems({ name: 'x', tasks: { suite: 'arithmetic' }, agents: { model: 'sim:default', temprature: 1 }, teams: [{ structure: 'parliament' }] });
    expect(text).toContain('tasks.count: is required');
    expect(text).toContain('agents.temprature: is not a known field');
    expect(text).toContain('teams[0].structure: must be one of "single", "vote", "debate", "leader-worker", "hierarchical", "pipeline", "moa", "coding-team", got "parliament"');
  });

  it('rejects a model name without a backend prefix, and repeated sizes', () => {
    expect(problems({ ...issueExample, agents: { model: 'llama3' } })).toContain('agents.model: must look like');
    expect(problems({ ...issueExample, teams: [{ structure: 'vote', sizes: [3, 3] }] })).toBe('teams[0].sizes[1]: repeats size 3; list each size once');
  });

  it('refuses a grid too large to plan', () => {
    expect(problems({ ...issueExample, tasks: { suite: 'arithmetic', count: 100000 }, repetitions: 1000 })).toContain('more than the 1000000 allowed');
  });

  it('documents every structure as the registry declares it', () => {
    const doc = readFileSync(join(root, 'docs', 'experiment-spec.md'), 'utf8');
    expect(doc, 'the structures section of docs/experiment-spec.md is stale: run "npm run spec-schema"').toBe(withStructureReference(doc));
  });

  it('ships a JSON Schema file that matches the spec definition', () => {
    const committed = JSON.parse(readFileSync(join(root, 'docs', 'experiment-spec.schema.json'), 'utf8')) as unknown;
    expect(committed, 'docs/experiment-spec.schema.json is stale: run "npm run spec-schema"').toEqual(experimentSpecJsonSchema());
  });

  it('every shipped example is a valid spec', () => {
    for (const file of ['quickstart.json', 'vote-rules.json', 'ollama-quickstart.json']) {
      const parsed = parseExperimentSpec(JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')));
      expect(parsed.ok ? '' : formatIssues(parsed.issues), file).toBe('');
    }
  });
});
