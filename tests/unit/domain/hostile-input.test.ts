/**
 * Specs and requests written to break the lab: names that exist on every
 * object's prototype, addresses that are not addresses, fields of any length.
 * Each gets a message naming the field and what is wrong, never an internal error.
 */
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../shared/contract/api';
import { formatIssues, type JsonSchema } from '../../../shared/contract/schema';
import { experimentSpecJsonSchema, MAX_MODELS, parseExperimentSpec } from '../../../shared/domain/spec';

const STRUCTURE_LIST = '"single", "vote", "debate", "leader-worker", "hierarchical", "pipeline", "moa", "coding-team"';

const base = {
  name: 'hostile',
  tasks: { suite: 'arithmetic', count: 4 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }],
};

function problems(input: unknown): string {
  const parsed = parseExperimentSpec(input);
  if (parsed.ok) throw new Error('expected the spec to be rejected');
  return formatIssues(parsed.issues);
}

describe('a spec with prototype names', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('rejects "%s" as a structure by name', (structure) => {
    // JSON.parse, as a file or a request body would arrive: "__proto__" is then an ordinary own key.
    const spec = JSON.parse(JSON.stringify({ ...base, teams: [{ structure }] })) as unknown;
    expect(problems(spec)).toBe(`teams[0].structure: must be one of ${STRUCTURE_LIST}, got "${structure}"`);
  });

  it.each(['constructor', '__proto__', 'toString', 'valueOf'])('rejects an extra field named "%s"', (key) => {
    const spec = JSON.parse(`{"name":"x","tasks":{"suite":"arithmetic","count":2},"agents":{"model":"sim:default","${key}":1},"teams":[{"structure":"single"}]}`) as unknown;
    expect(problems(spec)).toMatch(new RegExp(`^agents\\.${key}: is not a known field`));
  });

  it('does not let a missing field be found on the prototype', () => {
    // "toString" is a function on every object; as a missing required field it must stay missing.
    expect(problems({ ...base, name: undefined })).toBe('name: is required');
  });
});

describe('host addresses', () => {
  it.each([
    ['javascript:alert(1)', 'must be an http(s) URL like "http://127.0.0.1:11434", got "javascript:alert(1)"'],
    ['file:///etc/passwd', 'must be an http(s) URL like "http://127.0.0.1:11434", got "file:///etc/passwd"'],
    ['http://[::1', 'is not a valid address: "http://[::1" (check the brackets around an IPv6 address, the port, and stray characters)'],
    ['http://', 'is not a valid address: "http://" (check the brackets around an IPv6 address, the port, and stray characters)'],
  ])('explains why agents.host %s is refused', (host, message) => {
    expect(problems({ ...base, agents: { model: 'ollama:llama3.2:1b', host } })).toContain(`agents.host: ${message}`);
    expect(problems({ ...base, agents: { model: 'ollama:llama3.2:1b' }, hosts: [{ url: host }] })).toContain(`hosts[0].url: ${message}`);
  });

  it('explains an openai.baseUrl with no host', () => {
    expect(problems({ ...base, agents: { model: 'openai:m' }, openai: { baseUrl: 'http://' } })).toContain('openai.baseUrl: must be an http(s) URL');
  });

  it('checks hosts given to the Models view where the request enters, accepting "host:port" as Ollama does', () => {
    const refused = validateRequest('checkHost', { url: 'javascript:alert(1)' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('url: must be an http(s) URL');
    expect(validateRequest('listModels', { host: 'http://[::1' }).ok).toBe(false);
    expect(validateRequest('checkHost', { url: '192.168.1.20:11434' }).ok).toBe(true);
    expect(validateRequest('checkHost', { url: 'http://[::1]:11434' }).ok).toBe(true);
  });
});

describe('sizes of things', () => {
  it('gives every string field of the spec a maximum length', () => {
    const unbounded: string[] = [];
    const walk = (node: JsonSchema, path: string): void => {
      if (node.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.const === undefined && path !== '$schema') unbounded.push(path);
      for (const extra of Object.values((node.additionalProperties as JsonSchema | undefined) ?? {})) if (typeof extra === 'object' && extra) walk(extra as JsonSchema, `${path}{}`);
      for (const branch of (node.anyOf as JsonSchema[] | undefined) ?? []) walk(branch, path);
      for (const [key, child] of Object.entries((node.properties as Record<string, JsonSchema> | undefined) ?? {})) walk(child, path ? `${path}.${key}` : key);
      if (node.items) walk(node.items as JsonSchema, `${path}[]`);
      for (const branch of (node.oneOf as JsonSchema[] | undefined) ?? []) walk(branch, path);
    };
    walk(experimentSpecJsonSchema(), '');
    expect(unbounded).toEqual([]);
  });

  it('refuses a string past its maximum, and more models than the limit', () => {
    expect(problems({ ...base, agents: { model: `sim:${'x'.repeat(300)}` } })).toBe('agents.model: must be at most 200 characters');
    const models = Array.from({ length: MAX_MODELS + 1 }, (_, i) => `sim:m${i}`);
    expect(problems({ ...base, agents: { models } })).toBe(`agents.models: must have at most ${MAX_MODELS} items`);
  });

  it('refuses two team entries with one label, which charts would merge into one series', () => {
    expect(problems({ ...base, teams: [{ structure: 'vote', sizes: [3] }, { structure: 'vote', sizes: [5] }] })).toBe(
      'teams[1]: has the same label "vote (majority)" as teams[0]; give one of them its own "label"',
    );
    expect(parseExperimentSpec({ ...base, teams: [{ structure: 'vote', sizes: [3] }, { structure: 'vote', sizes: [5], label: 'bigger' }] }).ok).toBe(true);
  });
});
