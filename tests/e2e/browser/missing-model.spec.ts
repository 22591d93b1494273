import { DEFAULT_MODELS, startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { ExperimentsPage } from '../../pages/experiments-page';
import { ModelsPage } from '../../pages/models-page';
import { test as base, expect } from './fixtures';

/**
 * Models are checked before an experiment starts: running the Ollama example
 * on a host without its model names the model and offers to pull it.
 */
const test = base.extend<object, { ollama: OllamaTestServer }>({
  ollama: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startOllamaTestServer({
        timeScale: 0.02,
        pullBytesPerSecond: 50_000_000,
        models: DEFAULT_MODELS,
        pullable: [
          { name: 'qwen2.5:0.5b', family: 'qwen2', parameter_size: '494.03M', quantization_level: 'Q4_K_M', context_length: 32_768, layers: [{ size: 397_821_319 }] },
        ],
      });
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

test('a missing model is named before anything runs, with a button that pulls it', async ({ page, ollama }) => {
  const experiments = new ExperimentsPage(page);
  await experiments.goto();
  await experiments.runExample('ollama-quickstart');

  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveAttribute('data-code', 'invalid_spec');
  await expect(banner.getByTestId('error-message')).toContainText('Model "qwen2.5:0.5b" is not installed');
  await expect(page.getByTestId('experiment-row')).toHaveCount(0);

  // The example's host entry has no url, so it is the default host: the test server, via OLLAMA_HOST.
  const pull = banner.getByTestId('error-action-pull');
  await expect(pull).toHaveText(`Pull qwen2.5:0.5b on ${ollama.url}`);
  await pull.click();

  const models = new ModelsPage(page);
  await expect(page).toHaveURL(/#\/models$/);
  await expect(models.installed('qwen2.5:0.5b')).toBeVisible({ timeout: 30_000 });
});
