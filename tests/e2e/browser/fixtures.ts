/**
 * Browser fixtures: each worker gets its own headless bridge and database,
 * and `page`/`request` point at it through `baseURL`, which is the tokened URL
 * the server printed (page objects open hash routes relative to it).
 */
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { HTTP_TOKEN_PARAM, type LabMethod, type LabReplies, type LabResult } from '../../../shared/contract/api';
import { ExperimentPage } from '../../pages/experiment-page';
import { ExperimentsPage } from '../../pages/experiments-page';
import { startLabServer, type LabServer } from './lab-server';

interface WorkerFixtures {
  labServer: LabServer;
  /** Extra environment for the worker's lab server; a spec overrides it to point the lab at a test Ollama. */
  labEnv: Record<string, string>;
}

interface TestFixtures {
  experimentsPage: ExperimentsPage;
  experimentPage: ExperimentPage;
  /** Calls a lab method over HTTP and returns its value, failing the test on an error. */
  callLab: <M extends LabMethod>(method: M, request: object) => Promise<LabReplies[M]>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  labEnv: [{}, { scope: 'worker', option: true }],
  labServer: [
    async ({ labEnv }, use) => {
      const server = await startLabServer({ env: labEnv });
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ labServer }, use) => {
    await use(labServer.url);
  },
  // Fails a test whose page threw, or whose content security policy refused something.
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await use(page);
    expect(problems, 'errors in the page').toEqual([]);
  },
  experimentsPage: async ({ page }, use) => {
    await use(new ExperimentsPage(page));
  },
  experimentPage: async ({ page }, use) => {
    await use(new ExperimentPage(page));
  },
  callLab: async ({ request, labServer }, use) => {
    await use((method, body) => callLab(request, method, body, labServer.url));
  },
});

/** Calls a lab method over HTTP on the server at `serverUrl`, a LabServer's url (it carries the token). */
export async function callLab<M extends LabMethod>(
  request: APIRequestContext,
  method: M,
  body: object,
  serverUrl: string | undefined,
): Promise<LabReplies[M]> {
  if (serverUrl === undefined) throw new Error(`callLab(${method}) needs the lab server's url (LabServer.url), which carries its access token.`);
  const token = new URL(serverUrl).searchParams.get(HTTP_TOKEN_PARAM);
  if (!token) throw new Error(`callLab(${method}): ${serverUrl} has no ?token=; pass LabServer.url, not its origin.`);
  const response = await request.post(new URL(`api/${method}`, serverUrl).href, { data: body, headers: { authorization: `Bearer ${token}` } });
  const result = (await response.json()) as LabResult<LabReplies[M]>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Creates and starts an experiment on the server at `serverUrl`, and waits until it has completed; its id. */
export async function runToCompletion(request: APIRequestContext, serverUrl: string, spec: object, timeoutMs = 60_000): Promise<string> {
  const { id } = await callLab(request, 'createExperiment', { spec, start: true }, serverUrl);
  await expect.poll(async () => (await callLab(request, 'getProgress', { id }, serverUrl)).status, { timeout: timeoutMs, intervals: [250, 500, 1000] }).toBe('completed');
  return id;
}

export { expect };
