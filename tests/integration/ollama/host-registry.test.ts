/**
 * Which Ollama hosts the lab keeps, and which it polls. Looking at a host
 * (checking it, listing its models) does not add it to the lab's hosts; at
 * most 32 are kept; and a host that is down is polled only while a call or a
 * running experiment needs it. Connections are counted by a TCP front that
 * resets them (a host that is down) or forwards them to the test server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaBackend } from '../../../electron/core/backends/ollama/ollama-backend';
import type { CallRequest } from '../../../electron/core/backends/types';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { arithmeticSpec, labOnTempFile, type LabUnderTest } from './helpers';
import { startTcpFront, type TcpFront } from './tcp-front';

const POLL_MS = 20;
let servers: OllamaTestServer[] = [];
let fronts: TcpFront[] = [];
let lab: LabUnderTest | null = null;
const savedEnv = { ...process.env };

afterEach(async () => {
  await lab?.close();
  await Promise.all([...fronts, ...servers].map((s) => s.close()));
  lab = null;
  servers = [];
  fronts = [];
  process.env = { ...savedEnv };
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function downHosts(count: number): Promise<TcpFront[]> {
  const started = await Promise.all(Array.from({ length: count }, () => startTcpFront()));
  fronts.push(...started);
  return started;
}

/** Resolves once `front` has seen `more` connections beyond now, or fails after timeoutMs. */
async function moreConnections(front: TcpFront, more: number, timeoutMs = 3000): Promise<void> {
  const target = front.connections + more;
  const deadline = Date.now() + timeoutMs;
  while (front.connections < target) {
    if (Date.now() > deadline) throw new Error(`expected ${more} more connections within ${timeoutMs} ms, saw ${front.connections - target + more}`);
    await pause(5);
  }
}

function chat(url: string, overrides: Partial<CallRequest> = {}): CallRequest {
  return { model: 'ollama:llama3.2:3b', messages: [{ role: 'user', content: 'What is 2 + 3?' }], temperature: 0, maxTokens: 50, seed: 1, route: { hosts: [url] }, ...overrides };
}

describe('Ollama hosts a client only looks at', () => {
  it('checking 50 hosts that do not answer lists none of them and polls none of them', async () => {
    const server = await startOllamaTestServer({ timeScale: 0.01 });
    servers.push(server);
    process.env.OLLAMA_HOST = server.url;
    lab = labOnTempFile({ ollama: { pollMs: POLL_MS } });
    const dead = await downHosts(50);
    for (const front of dead) {
      const info = await lab.lab.checkHost({ url: front.origin });
      expect(info).toMatchObject({ url: front.origin, status: 'down' });
      expect(info.error).toBeTruthy();
    }
    await expect(lab.lab.listModels({ host: dead[0]!.origin })).rejects.toMatchObject({ code: 'unavailable' });

    const hosts = await lab.lab.listHosts();
    expect(hosts.map((h) => h.url)).toEqual([server.url]);
    const seen = dead.map((f) => f.connections);
    // Fifteen poll periods: a host nobody waits on is not asked again.
    await pause(POLL_MS * 15);
    expect(dead.map((f) => f.connections)).toEqual(seen);
  });
});

describe('Ollama hosts that are down', () => {
  it('is polled while a call waits for it, not after the call gives up, and again when a call needs it', async () => {
    const server = await startOllamaTestServer({ timeScale: 0.01 });
    servers.push(server);
    const [front] = fronts = [await startTcpFront({ targetPort: server.port })];
    const backend = new OllamaBackend({ pollMs: POLL_MS });
    backend.configureHost(front!.origin, 1);
    front!.setDown(true);

    const first = new AbortController();
    const waiting = backend.call(chat(front!.origin), first.signal);
    await moreConnections(front!, 5); // the call failed, and the host is being polled for it
    first.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await pause(POLL_MS * 2);
    const quiet = front!.connections;
    await pause(POLL_MS * 15);
    expect(front!.connections).toBe(quiet);

    // A new call needs the host: polling resumes, and the call is served once the host is back.
    const second = backend.call(chat(front!.origin), new AbortController().signal);
    await moreConnections(front!, 3);
    front!.setDown(false);
    const result = await second;
    expect(result.text).toContain('5');
    expect(backend.hostStates()).toMatchObject([{ url: front!.origin, status: 'up' }]);
  });
});

describe('how many Ollama hosts the lab keeps', () => {
  it('refuses a 33rd host while 32 are in use, saying so, and takes it once they are idle', async () => {
    // Slow replies, so experiment A is still using its 32 hosts when B asks for another.
    const server = await startOllamaTestServer({ numParallel: 1, timeScale: 0.05, tokensPerSecond: 20 });
    const other = await startOllamaTestServer({ timeScale: 0.01 });
    servers.push(server, other);
    // The default host is listed besides the 32 and never dropped; here it is one more host that does not answer.
    const [defaultHost] = await downHosts(1);
    process.env.OLLAMA_HOST = defaultHost!.origin;
    lab = labOnTempFile({ ollama: { pollMs: POLL_MS, hostIdleMs: 0 } });
    expect((await lab.lab.listHosts()).map((h) => h.url)).toEqual([defaultHost!.origin]);
    const dead = await downHosts(31);
    const specA = {
      ...arithmeticSpec('ollama:llama3.2:3b', server.url, 1),
      hosts: [{ url: server.url, slots: 1 }, ...dead.map((f) => ({ url: f.origin, slots: 1 }))],
    };
    const a = await lab.lab.createExperiment({ spec: specA, start: true });
    await server.waitUntil((s) => (s.inFlight['llama3.2:3b'] ?? 0) > 0, 10_000);

    const specB = arithmeticSpec('ollama:llama3.2:3b', other.url, 1);
    await expect(lab.lab.createExperiment({ spec: specB })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/32 Ollama hosts.*dropped when idle/s),
    });
    expect((await lab.lab.listHosts()).length).toBe(33);

    await lab.lab.cancelExperiment({ id: a.id });
    const b = await lab.lab.createExperiment({ spec: specB, start: true });
    await lab.lab.waitFor(b.id);
    expect(await lab.lab.getProgress({ id: b.id })).toMatchObject({ status: 'completed', failed: 0 });
    const hosts = (await lab.lab.listHosts()).map((h) => h.url);
    expect(hosts.length).toBe(33);
    expect(hosts[0]).toBe(defaultHost!.origin); // the default host is never dropped
    expect(hosts).toContain(other.url);
  }, 30_000);
});
