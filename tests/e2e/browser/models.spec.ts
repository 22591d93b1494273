import { DEFAULT_MODELS, DEFAULT_PULLABLE, startOllamaTestServer, type ModelSpec, type OllamaTestServer } from '../../fixtures/ollama';
import { ExperimentPage } from '../../pages/experiment-page';
import { ModelsPage } from '../../pages/models-page';
import { test as base, expect } from './fixtures';

/**
 * The Models view against the Ollama-protocol test server: this file's lab is
 * started with OLLAMA_HOST pointing at it, so the test server is the default host.
 */

const VERSION = '0.12.6';
/** Big enough that its pull is still running when the test cancels it. */
const SLOW_PULL = 'llama3.1:70b';

const MODELS: ModelSpec[] = [
  // Slow enough to watch calibration go from 1 to 4 streams.
  ...DEFAULT_MODELS.map((model) => (model.name === 'llama3.2:3b' ? { ...model, tokensPerSecond: 5 } : model)),
  // The model of the experiment test: slow enough that the run is still going when the host goes down.
  {
    name: 'qwen2.5:0.5b',
    size: 397_821_319,
    family: 'qwen2',
    parameter_size: '494.03M',
    quantization_level: 'Q4_K_M',
    context_length: 32_768,
    capabilities: ['completion', 'tools'],
    accuracy: 0.6,
    tokensPerSecond: 5,
  },
];

const test = base.extend<{ modelsPage: ModelsPage }, { ollama: OllamaTestServer }>({
  ollama: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startOllamaTestServer({
        version: VERSION,
        timeScale: 0.02,
        numParallel: 4,
        parallelSlowdown: 0.2,
        // tinyllama (638 MB) takes about 4 s; the 40 GB model about 4 minutes.
        pullBytesPerSecond: 3_200_000,
        pullProgressIntervalMs: 5_000,
        models: MODELS,
        pullable: [
          ...DEFAULT_PULLABLE,
          { name: SLOW_PULL, family: 'llama', parameter_size: '70.6B', quantization_level: 'Q4_K_M', context_length: 131_072, layers: [{ size: 42_520_000_000 }] },
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
  modelsPage: async ({ page }, use) => {
    await use(new ModelsPage(page));
  },
});

async function tagNames(ollama: OllamaTestServer): Promise<string[]> {
  const response = await fetch(`${ollama.url}/api/tags`);
  const body = (await response.json()) as { models: Array<{ name: string }> };
  return body.models.map((model) => model.name);
}

test('lists the host with its version and the installed models', async ({ page, modelsPage, ollama }) => {
  await modelsPage.goto();
  const host = modelsPage.host(ollama.url);
  await expect(host).toBeVisible();
  // OLLAMA_HOST is the default host: listed first, its models shown.
  await expect(modelsPage.hostLines.first()).toHaveAttribute('data-host-url', ollama.url);

  // The header leads there and back. On the way: an Ollama example's card says how long it would take, or why it can't.
  await modelsPage.goHome();
  await expect(page.getByTestId('experiments-view')).toBeVisible();
  const ollamaCard = page.locator('[data-testid="example-card"][data-example-id="ollama-quickstart"]');
  await expect(ollamaCard.getByTestId('example-estimate')).toContainText('No calibration for ollama:qwen2.5:0.5b');
  await expect(page.locator('[data-testid="example-card"][data-example-id="quickstart"]').getByTestId('example-estimate')).toHaveCount(0);
  await modelsPage.open();
  await expect(page).toHaveURL(/#\/models$/);
  await expect(page.getByTestId('nav-models')).toHaveAttribute('aria-current', 'page');

  await expect(host.getByTestId('host-status')).toHaveAttribute('data-status', 'up');
  await expect(host.getByTestId('host-version')).toHaveText(`Ollama ${VERSION}`);
  await expect(host.getByTestId('host-slots')).toHaveText('1 slot');
  await expect(host.getByTestId('host-load')).toHaveText('0 busy, 0 waiting');
  await expect(modelsPage.explainer).toContainText('OLLAMA_NUM_PARALLEL');
  await expect(modelsPage.explainer).toContainText('slots × context length');

  await expect(modelsPage.installedRows).toHaveCount(MODELS.length);
  const llama = modelsPage.installed('llama3.2:3b');
  await expect(llama.getByTestId('model-size')).toHaveText('2.0 GB');
  await expect(llama.getByTestId('model-family')).toHaveText('llama');
  await expect(llama.getByTestId('model-parameters')).toHaveText('3.2B');
  await expect(llama.getByTestId('model-quantization')).toHaveText('Q4_K_M');
  await expect(llama.getByTestId('model-context')).toHaveText('131,072');
  await expect(modelsPage.installed('nomic-embed-text:latest').getByTestId('model-quantization')).toHaveText('F16');

  await host.getByTestId('host-check').click();
  await expect(host.getByTestId('host-status')).toHaveAttribute('data-status', 'up');
  await expect(modelsPage.errorBanners).toHaveCount(0);
});

test('pulls a model, showing its progress, until it is installed', async ({ modelsPage }) => {
  await modelsPage.goto();
  await expect(modelsPage.installedRows).not.toHaveCount(0);
  await expect(modelsPage.installed('tinyllama:latest')).toHaveCount(0);

  await modelsPage.pull('tinyllama');
  const row = modelsPage.pullRow('tinyllama');
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row.getByTestId('pull-percent')).toHaveText(/^[1-9]\d?%$/);
  await expect(row.getByTestId('pull-bytes')).toHaveText(/ \/ 638 MB$/);
  await expect(row.getByTestId('pull-status')).toHaveText(/^pulling [0-9a-f]{12}$/);
  await expect(row.getByTestId('pull-eta')).toHaveText(/left$/);

  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(row.getByTestId('pull-percent')).toHaveText('100%');
  const pulled = modelsPage.installed('tinyllama:latest');
  await expect(pulled).toBeVisible();
  await expect(pulled.getByTestId('model-family')).toHaveText('llama');
  await expect(pulled.getByTestId('model-quantization')).toHaveText('Q4_0');
  await expect(pulled.getByTestId('model-context')).toHaveText('2,048');
  await expect(modelsPage.pullName).toHaveValue('');
});

test('cancels a slow pull', async ({ modelsPage, ollama }) => {
  await modelsPage.goto();
  await modelsPage.pull(SLOW_PULL);
  const row = modelsPage.pullRow(SLOW_PULL);
  await expect(row.getByTestId('pull-bytes')).toHaveText(/ \/ 42\.5 GB$/);

  await modelsPage.cancelPull(SLOW_PULL);
  await expect(row).toHaveAttribute('data-state', 'cancelled');
  await expect(row.getByTestId('pull-cancel')).toHaveCount(0);
  await expect(modelsPage.installed(SLOW_PULL)).toHaveCount(0);
  expect(await tagNames(ollama)).not.toContain(SLOW_PULL);

  await row.getByTestId('pull-dismiss').click();
  await expect(row).toHaveCount(0);
});

test('an unknown model fails its pull with the reason', async ({ modelsPage }) => {
  await modelsPage.goto();
  await modelsPage.pull('no-such-model:1b');
  const row = modelsPage.pullRow('no-such-model:1b');
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row.getByTestId('pull-error')).toContainText('not in the Ollama library');
});

test('deletes a model only after confirmation', async ({ modelsPage, ollama }) => {
  await modelsPage.goto();
  const gemma = modelsPage.installed('gemma3:1b');
  await expect(gemma).toBeVisible();

  await modelsPage.deleteModel('gemma3:1b', false);
  await expect(gemma).toBeVisible();
  expect(await tagNames(ollama)).toContain('gemma3:1b');

  await gemma.getByTestId('model-delete').click();
  await expect(modelsPage.confirmDialog).toContainText('Delete gemma3:1b?');
  await modelsPage.confirmDialog.getByTestId('confirm-accept').click();
  await expect(gemma).toHaveCount(0);
  expect(await tagNames(ollama)).not.toContain('gemma3:1b');
  await expect(modelsPage.installed('llama3.2:3b')).toBeVisible();
  await expect(modelsPage.errorBanners).toHaveCount(0);
});

test('calibrates a model and shows its profile', async ({ modelsPage, ollama }) => {
  await modelsPage.goto();
  await modelsPage.calibrate('llama3.2:3b');
  await expect(modelsPage.calibrationProgress).toContainText(/measuring [1-4]\/4 streams/);

  await expect(modelsPage.calibrationPoints).toHaveCount(4, { timeout: 30_000 });
  await expect(modelsPage.calibrationProgress).toBeHidden();
  expect(await modelsPage.calibrationPoints.getByTestId('point-streams').allTextContents()).toEqual(['1', '2', '3', '4']);
  for (const cell of await modelsPage.calibrationPoints.getByTestId('point-total').all()) {
    await expect(cell).toHaveText(/^[\d,]+(\.\d)?$/);
  }
  await expect(modelsPage.savedCalibrations.filter({ hasText: 'llama3.2:3b' })).toHaveCount(1);
  // Calibrating loaded the model.
  await expect(modelsPage.loaded('llama3.2:3b')).toBeVisible();
  expect(ollama.loadedModels()).toContain('llama3.2:3b');
});

test('shows pulls and calibrations together', async ({ page, modelsPage }) => {
  await modelsPage.goto();
  await modelsPage.pull(SLOW_PULL);
  const row = modelsPage.pullRow(SLOW_PULL);
  await expect(row.getByTestId('pull-percent')).toHaveText(/^\d+%$/);
  await modelsPage.savedCalibrations.first().getByTestId('saved-calibration-show').click();
  await expect(modelsPage.calibrationPoints).toHaveCount(4);
  await expect(modelsPage.loadedRows).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/models-view.png', fullPage: true });
  await modelsPage.cancelPull(SLOW_PULL);
  await expect(row).toHaveAttribute('data-state', 'cancelled');
});

test('an experiment says when its host stops answering, and counts model loads', async ({ page, callLab, ollama }) => {
  const spec = {
    name: 'Ollama team on the test host',
    tasks: { suite: 'arithmetic', count: 12, seed: 3 },
    agents: { model: 'ollama:qwen2.5:0.5b', temperature: 0.7, maxTokens: 200 },
    teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
    hosts: [{ url: ollama.url, slots: 2 }],
    concurrency: 2,
  };
  const { id } = await callLab('createExperiment', { spec, start: true });
  const experiment = new ExperimentPage(page);
  await experiment.goto(id);
  await expect.poll(async () => (await experiment.progress()).finished, { timeout: 15_000 }).toBeGreaterThan(0);

  ollama.setDown(true);
  const banner = page.getByTestId('host-down-banner');
  try {
    await expect(banner).toContainText(`Ollama at ${ollama.url} is not answering — its work is paused and resumes when it is back.`);
    await expect(experiment.status).toHaveAttribute('data-status', 'running');
    await page.screenshot({ path: 'test-results/experiment-host-down.png', fullPage: true });
  } finally {
    ollama.setDown(false);
  }
  await expect(banner).toBeHidden({ timeout: 15_000 });

  await experiment.expectStatus('completed', 40_000);
  await expect(experiment.progressFailed).toHaveText('0');
  const loads = page.getByTestId('model-load-row');
  await expect(loads).toHaveCount(1);
  await expect(loads.first()).toContainText('qwen2.5:0.5b');
  await expect(loads.first()).toContainText(ollama.url);
  await expect(loads.first().getByTestId('model-load-warmups')).toHaveText('1');
  // No calibration of qwen2.5:0.5b in this worker: the achieved rate is shown, the limit is not.
  const hardware = page.getByTestId('hardware-use-row');
  await expect(hardware).toHaveCount(1);
  await expect(hardware.first()).toContainText('not calibrated');
  await page.screenshot({ path: 'test-results/experiment-model-loads.png', fullPage: true });
});

test('a host that does not answer says what to do', async ({ modelsPage, ollama }) => {
  await modelsPage.goto();
  await expect(modelsPage.installedRows).not.toHaveCount(0);
  // Nothing listens on the discard port.
  await modelsPage.addHost('127.0.0.1:9');
  const dead = modelsPage.host('http://127.0.0.1:9');
  await expect(dead.getByTestId('host-status')).toHaveAttribute('data-status', 'down');
  await expect(dead.getByTestId('host-error')).toBeVisible();
  await expect(modelsPage.hostDown).toContainText('is not answering');
  await expect(modelsPage.hostDown).toContainText('ollama serve');
  await expect(modelsPage.hostDown).not.toContainText(/\n\s+at /);
  await expect(modelsPage.installedRows).toHaveCount(0);
  await modelsPage.page.screenshot({ path: 'test-results/models-host-down.png', fullPage: true });

  await modelsPage.host(ollama.url).getByTestId('host-select').click();
  await expect(modelsPage.hostDown).toBeHidden();
  await expect(modelsPage.installed('llama3.2:3b')).toBeVisible();
});
