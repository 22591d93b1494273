import { DEFAULT_MODELS, startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import type { Locator } from '@playwright/test';
import { test as base, expect } from './fixtures';

/**
 * Replies streaming in from an Ollama-protocol test server: this file's lab is
 * started with OLLAMA_HOST pointing at it, so the test server is the default host.
 */

const MODEL = 'llama3.2:3b';

const test = base.extend<object, { ollama: OllamaTestServer }>({
  ollama: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startOllamaTestServer({
        // Slow enough that a reply takes a few seconds to stream in.
        timeScale: 0.2,
        numParallel: 2,
        models: DEFAULT_MODELS.map((model) => (model.name === MODEL ? { ...model, tokensPerSecond: 3 } : model)),
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

async function textLength(card: Locator): Promise<number> {
  return ((await card.getByTestId('live-reply-text').textContent()) ?? '').length;
}

test('shows replies as they stream in, and drops them when the run stops', async ({ page, callLab, experimentPage }) => {
  const spec = {
    name: 'Live replies',
    tasks: { suite: 'arithmetic', count: 2 },
    agents: { model: `ollama:${MODEL}`, maxTokens: 60 },
    teams: [{ structure: 'vote', sizes: [2] }],
    hosts: [{ slots: 2 }],
  };
  const { id } = await callLab('createExperiment', { spec, start: true });
  await experimentPage.goto(id);

  const panel = page.getByTestId('live-replies');
  await expect(panel).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('heading', { name: 'Live replies' })).toBeVisible();

  // Both agents of a trial answer at once, each in its own card, their text growing.
  const streaming = panel.locator('[data-testid="live-reply"][data-done="false"]');
  for (const agent of [0, 1]) {
    const card = streaming.and(panel.locator(`[data-agent="${agent}"]`)).first();
    await expect(card).toBeVisible({ timeout: 20_000 });
    const trial = await card.getAttribute('data-trial');
    const same = panel.locator(`[data-testid="live-reply"][data-trial="${trial}"][data-agent="${agent}"]`);
    await expect(same.getByTestId('live-reply-agent')).toHaveText(`Agent ${agent}`);
    await expect(same).toContainText(`Trial ${trial}`);
    await expect(same).toContainText(MODEL);
    const before = await textLength(same);
    await expect.poll(() => textLength(same), { timeout: 10_000 }).toBeGreaterThan(before);
  }
  await page.screenshot({ path: 'test-results/live-replies.png', fullPage: true });

  // A finished reply is marked done for a moment, then goes.
  const done = panel.locator('[data-testid="live-reply"][data-done="true"]').first();
  await expect(done).toBeVisible({ timeout: 20_000 });
  await expect(done.getByTestId('live-reply-done')).toHaveText('done');
  const key = { trial: await done.getAttribute('data-trial'), agent: await done.getAttribute('data-agent') };
  await expect(panel.locator(`[data-testid="live-reply"][data-trial="${key.trial}"][data-agent="${key.agent}"]`)).toHaveCount(0, { timeout: 6_000 });

  // Cancelling stops the run: the panel goes with it.
  if ((await experimentPage.status.getAttribute('data-status')) === 'running') {
    await experimentPage.cancel(true);
    await experimentPage.expectStatus('cancelled');
  }
  await expect(panel).toBeHidden();
});
