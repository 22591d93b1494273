import { DEFAULT_MODELS, startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { test as base, expect } from './fixtures';

/**
 * Trials that failed (here: the server refused two calls outright) are not
 * run again by a plain resume; the experiment view offers a button that does.
 */
const test = base.extend<object, { ollama: OllamaTestServer }>({
  ollama: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startOllamaTestServer({ timeScale: 0.01, numParallel: 2, models: DEFAULT_MODELS });
      try {
        await use(server);
      } finally {
        await server.close();
      }
    },
    { scope: 'worker' },
  ],
  labEnv: [async ({ ollama }, use) => use({ OLLAMA_HOST: ollama.url }), { scope: 'worker' }],
});

test('runs failed trials again from the experiment view', async ({ callLab, experimentPage, ollama }) => {
  const spec = {
    name: 'Some trials fail',
    tasks: { suite: 'arithmetic', count: 6, seed: 2, difficulty: 2 },
    agents: { model: 'ollama:llama3.2:3b', maxTokens: 200 },
    teams: [{ structure: 'single' }],
    hosts: [{ slots: 2 }],
    concurrency: 2,
  };
  const { id } = await callLab('createExperiment', { spec, start: false });
  ollama.failNext({ kind: 'status', status: 400, message: 'invalid option' });
  ollama.failNext({ kind: 'status', status: 400, message: 'invalid option' });
  await callLab('startExperiment', { id });
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed');
  await expect(experimentPage.retryFailedButton).toHaveText(/^Retry \d+ failed$/);
  await experimentPage.page.screenshot({ path: 'test-results/retry-failed.png', fullPage: true });

  await experimentPage.retryFailedButton.click();
  await experimentPage.expectStatus('completed');
  await expect(experimentPage.retryFailedButton).toHaveCount(0);
  await expect(experimentPage.progressFailed).toHaveText(/^0/);
  await expect(experimentPage.errorBanners).toHaveCount(0);
});
