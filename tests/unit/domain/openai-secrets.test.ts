/**
 * The spec's "openai" block may name an environment variable whose value is
 * sent as a Bearer token. The validator only accepts names that look like API
 * keys, and never a key sent over plain http to a host that is not loopback.
 */
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../shared/contract/schema';
import { experimentSpecJsonSchema, parseExperimentSpec } from '../../../shared/domain/spec';

function specWith(openai: Record<string, unknown>) {
  return {
    name: 'openai keys',
    tasks: { suite: 'arithmetic', count: 2 },
    agents: { model: 'openai:test-model' },
    teams: [{ structure: 'single' }],
    openai,
  };
}

function problems(openai: Record<string, unknown>): string {
  const parsed = parseExperimentSpec(specWith(openai));
  return parsed.ok ? '' : formatIssues(parsed.issues);
}

describe('spec: openai.apiKeyEnv names', () => {
  it('refuses a variable that is not an API key, naming it and saying what would be accepted', () => {
    expect(problems({ baseUrl: 'https://api.example.com/v1', apiKeyEnv: 'HOME' })).toBe(
      'openai.apiKeyEnv: "HOME" does not look like an API key variable; name one ending in _API_KEY or _TOKEN, e.g. "OPENAI_API_KEY"',
    );
  });

  it.each(['PATH', 'AWS_SECRET_ACCESS_KEY', 'openai_api_key', 'API_KEY', 'MY_API_KEY_FILE', 'VLLM-API_KEY', '_API_KEY', 'X_TOKEN '])('refuses %j', (name) => {
    expect(problems({ baseUrl: 'https://api.example.com/v1', apiKeyEnv: name })).toContain('does not look like an API key variable');
  });

  it.each(['OPENAI_API_KEY', 'VLLM_API_KEY', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'LAB2_API_KEY'])('accepts %j', (name) => {
    expect(problems({ baseUrl: 'https://api.example.com/v1', apiKeyEnv: name })).toBe('');
  });

  it('refuses a name or a URL too long to be real', () => {
    expect(problems({ baseUrl: 'https://api.example.com/v1', apiKeyEnv: `${'A'.repeat(120)}_API_KEY` })).toMatch(/^openai\.apiKeyEnv: must be at most \d+ characters$/);
    expect(problems({ baseUrl: `https://api.example.com/${'v'.repeat(3000)}` })).toMatch(/^openai\.baseUrl: must be at most \d+ characters$/);
  });
});

describe('spec: where a key may be sent', () => {
  it('refuses a key sent over plain http to a host that is not loopback', () => {
    expect(problems({ baseUrl: 'http://10.0.0.5:8000/v1', apiKeyEnv: 'VLLM_API_KEY' })).toBe(
      'openai.baseUrl: a key would be sent unencrypted to 10.0.0.5; use https://, or a loopback address',
    );
    expect(problems({ baseUrl: 'http://gpu-box.lan/v1', apiKeyEnv: 'VLLM_API_KEY' })).toContain('unencrypted to gpu-box.lan');
    // Names that only look local are not loopback.
    expect(problems({ baseUrl: 'http://localhost.example.com/v1', apiKeyEnv: 'VLLM_API_KEY' })).toContain('unencrypted to localhost.example.com');
    expect(problems({ baseUrl: 'http://127.0.0.1.nip.io/v1', apiKeyEnv: 'VLLM_API_KEY' })).toContain('unencrypted to 127.0.0.1.nip.io');
  });

  it('allows a key over https anywhere, and over http to loopback', () => {
    for (const baseUrl of ['https://10.0.0.5:8000/v1', 'http://127.0.0.1:8000/v1', 'http://127.8.9.10/v1', 'http://localhost:1234/v1', 'http://LOCALHOST:1234/v1', 'http://[::1]:8080/v1']) {
      expect(problems({ baseUrl, apiKeyEnv: 'VLLM_API_KEY' }), baseUrl).toBe('');
    }
  });

  it('allows plain http anywhere when no key is sent', () => {
    expect(problems({ baseUrl: 'http://10.0.0.5:8000/v1' })).toBe('');
  });

  it('refuses a base URL that is not a URL at all', () => {
    expect(problems({ baseUrl: 'http://' })).toContain('openai.baseUrl: must be an http(s) URL');
  });

  it('the JSON Schema tells editors the limits and the name pattern', () => {
    const openai = (experimentSpecJsonSchema().properties as Record<string, { properties: Record<string, Record<string, unknown>> }>).openai!;
    expect(openai.properties.apiKeyEnv).toMatchObject({ maxLength: expect.any(Number), pattern: expect.stringContaining('API_KEY|TOKEN') });
    expect(openai.properties.baseUrl).toMatchObject({ maxLength: expect.any(Number) });
  });
});
