/**
 * The key named by openai.apiKeyEnv leaves the process only when the name
 * looks like an API key and the connection is https or stays on this
 * machine. Checked on the wire: a TCP front before the test server keeps
 * every byte the client sent, so a key that slipped out would show up there.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiBackend } from '../../../electron/core/backends/openai';
import { BackendError } from '../../../electron/core/backends/types';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../fixtures/openai';
import { labOnTempFile, type LabUnderTest } from '../ollama/helpers';
import { authorizationsSent, lanAddress, startTcpFront, type TcpFront } from '../ollama/tcp-front';
import { FAST_RETRY, live, rejectionOf, request } from './helpers';

let server: OpenAiTestServer | null = null;
let front: TcpFront | null = null;
let lab: LabUnderTest | null = null;
const savedEnv = { ...process.env };

afterEach(async () => {
  await lab?.close();
  await front?.close();
  await server?.close();
  lab = front = server = null;
  process.env = { ...savedEnv };
});

/** A server that takes any key (or none), so a key that slipped out would be accepted and logged, not refused. */
async function serverBehind(host?: string): Promise<string> {
  server = await startOpenAiTestServer({});
  front = await startTcpFront({ targetPort: server.port, ...(host ? { host } : {}) });
  return `${front.origin}/v1`;
}

function keysSeen(): string[] {
  return [...authorizationsSent(front!), ...server!.received.map((r) => r.authorization).filter((a): a is string => a !== null)];
}

describe('openai: which variables may be sent', () => {
  it('a backend told to send HOME refuses, before any request, and says what to name instead', async () => {
    const baseUrl = await serverBehind();
    const backend = new OpenAiBackend({ baseUrl, apiKeyEnv: 'HOME', env: { HOME: '/home/someone' }, retry: FAST_RETRY });
    const error = await rejectionOf(backend.call(request('What is 2 + 3?'), live()));
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'bad_request' });
    expect(error.message).toContain('"HOME"');
    expect(error.message).toContain('_API_KEY or _TOKEN');
    await expect(backend.check('openai:test-model')).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('"HOME"') });
    expect(keysSeen()).toEqual([]);
  });

  it('a spec naming HOME is refused when the experiment is created, and nothing is sent', async () => {
    const baseUrl = await serverBehind();
    lab = labOnTempFile();
    const spec = { name: 'leak', tasks: { suite: 'arithmetic', count: 1 }, agents: { model: 'openai:test-model' }, teams: [{ structure: 'single' }], openai: { baseUrl, apiKeyEnv: 'HOME' } };
    await expect(lab.lab.createExperiment({ spec, start: true })).rejects.toMatchObject({ code: 'invalid_spec', message: expect.stringContaining('openai.apiKeyEnv: "HOME" does not look like an API key variable') });
    expect(front!.connections).toBe(0);
  });

  it('a stored spec from before the rule cannot send HOME either', async () => {
    const baseUrl = await serverBehind();
    process.env.QUORUM_STORED_API_KEY = 'sk-stored';
    lab = labOnTempFile();
    const spec = { name: 'old', tasks: { suite: 'arithmetic', count: 1 }, agents: { model: 'openai:test-model' }, teams: [{ structure: 'single' }], openai: { baseUrl, apiKeyEnv: 'QUORUM_STORED_API_KEY' } };
    const { id } = await lab.lab.createExperiment({ spec });
    // What an older Quorum, which accepted any name, may have written.
    const db = new Database(lab.dbPath);
    db.prepare('UPDATE experiments SET spec_json = ? WHERE id = ?').run(JSON.stringify({ ...spec, openai: { baseUrl, apiKeyEnv: 'HOME', slots: 4 } }), id);
    db.close();
    await expect(lab.lab.startExperiment({ id })).rejects.toMatchObject({ message: expect.stringContaining('"HOME"') });
    expect(keysSeen().every((key) => key === 'Bearer sk-stored')).toBe(true);
    expect(keysSeen()).not.toContain(`Bearer ${process.env.HOME ?? ''}`);
    expect(server!.stats.requests).toBe(0);
  });
});

const lan = lanAddress();

describe('openai: where a key may be sent', () => {
  it.skipIf(lan === null)('never over plain http to an address that is not loopback, even from a direct caller', async () => {
    const baseUrl = await serverBehind(lan!);
    const keyed = new OpenAiBackend({ baseUrl, apiKeyEnv: 'QUORUM_LAN_API_KEY', env: { QUORUM_LAN_API_KEY: 'sk-lan' }, retry: FAST_RETRY });
    const error = await rejectionOf(keyed.call(request('What is 2 + 3?'), live()));
    expect(error).toMatchObject({ code: 'bad_request' });
    expect(error.message).toContain(`unencrypted to ${lan!}`);
    expect(error.message).toContain('https://');
    await expect(keyed.check('openai:test-model')).rejects.toMatchObject({ code: 'bad_request' });
    expect(keysSeen()).toEqual([]);
    // The same server without a key is reachable through the same address: the refusal is about the key, not the route.
    const result = await new OpenAiBackend({ baseUrl, retry: FAST_RETRY }).call(request('What is 2 + 3?'), live());
    expect(result.text).toContain('Answer: 5');
    expect(front!.connections).toBeGreaterThan(0);
    expect(keysSeen()).toEqual([]);
  });

  it('over plain http to loopback the key is sent', async () => {
    const baseUrl = await serverBehind();
    const keyed = new OpenAiBackend({ baseUrl, apiKeyEnv: 'QUORUM_LOCAL_API_KEY', env: { QUORUM_LOCAL_API_KEY: 'sk-local' }, retry: FAST_RETRY });
    await keyed.call(request('What is 2 + 3?'), live());
    expect(authorizationsSent(front!)).toEqual(['Bearer sk-local']);
  });
});
