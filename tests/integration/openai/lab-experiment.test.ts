/** An experiment on an OpenAI-compatible server, through the lab: the spec's "openai" block routes openai:NAME models there. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../fixtures/openai';
import { labOnTempFile, type LabUnderTest } from '../ollama/helpers';

let server: OpenAiTestServer | null = null;
let lab: LabUnderTest | null = null;

afterEach(async () => {
  await lab?.close();
  await server?.close();
  lab = server = null;
});

describe('openai: experiments', () => {
  it('runs a vote team on the server the spec names, with usage tokens and client-measured times', async () => {
    server = await startOpenAiTestServer({});
    lab = labOnTempFile();
    const spec = {
      name: 'openai vote',
      tasks: { suite: 'arithmetic', count: 3, seed: 5, difficulty: 2 },
      agents: { model: 'openai:test-model', maxTokens: 200 },
      teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
      openai: { baseUrl: server.url, slots: 2 },
    };
    const { id } = await lab.lab.createExperiment({ spec, start: true });
    await lab.lab.waitFor(id);
    expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 6, failed: 0 });
    const db = new Database(lab.dbPath, { readonly: true });
    const calls = db.prepare('SELECT host, tokens_in, tokens_out, load_ms, simulated FROM calls').all() as Array<Record<string, number | string>>;
    db.close();
    expect(calls).toHaveLength(3 * 4);
    for (const call of calls) expect(call).toMatchObject({ host: server.url, load_ms: 0, simulated: 0 });
    expect(calls.every((c) => Number(c.tokens_out) > 0 && Number(c.tokens_in) > 0)).toBe(true);
  });

  it('names a model the server does not have before anything runs', async () => {
    server = await startOpenAiTestServer({});
    lab = labOnTempFile();
    const spec = { name: 'x', tasks: { suite: 'arithmetic', count: 1 }, agents: { model: 'openai:nope' }, teams: [{ structure: 'single' }], openai: { baseUrl: server.url } };
    await expect(lab.lab.createExperiment({ spec })).rejects.toMatchObject({ code: 'invalid_spec', message: expect.stringContaining('nope') });
  });
});
