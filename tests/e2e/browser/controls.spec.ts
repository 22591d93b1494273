import { expect, test } from './fixtures';

/**
 * A sim experiment big enough to outlast the test: 25,000 items × 4 cells,
 * one trial at a time (the sim runs a few thousand trials a second).
 */
const LONG_SPEC = {
  name: 'Long sweep for controls',
  tasks: { suite: 'arithmetic', count: 25_000, seed: 3 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 9] }],
  concurrency: 1,
  seed: 1,
};

test('pauses, resumes and cancels a running experiment', async ({ callLab, experimentPage }) => {
  const { id } = await callLab('createExperiment', { spec: LONG_SPEC, start: true });
  await experimentPage.goto(id);
  await expect(experimentPage.name).toHaveText(LONG_SPEC.name);
  await experimentPage.expectStatus('running');

  // Live progress while running.
  await expect(experimentPage.progressCount).toHaveText(/\/ 100,000$/);
  const first = await experimentPage.progress();
  await expect.poll(async () => (await experimentPage.progress()).finished).toBeGreaterThan(first.finished);
  await expect(experimentPage.progressRate).toHaveText(/\/s$/);
  await expect(experimentPage.progressEta).not.toHaveText('—');
  await experimentPage.page.screenshot({ path: 'test-results/running-view.png', fullPage: true });

  // Pause: the count stops moving.
  await expect(experimentPage.resumeButton).toBeDisabled();
  await experimentPage.pauseButton.click();
  await experimentPage.expectStatus('paused');
  await expect(experimentPage.pauseButton).toBeDisabled();
  await expect(experimentPage.resumeButton).toBeEnabled();
  const paused = await experimentPage.progress();
  await experimentPage.page.waitForTimeout(2500); // longer than one progress poll
  expect((await experimentPage.progress()).finished).toBe(paused.finished);

  // Resume: it moves again.
  await experimentPage.resumeButton.click();
  await experimentPage.expectStatus('running');
  await expect.poll(async () => (await experimentPage.progress()).finished).toBeGreaterThan(paused.finished);

  // Cancel asks first; saying no keeps it running.
  await experimentPage.cancel(false);
  await experimentPage.expectStatus('running');

  await experimentPage.cancel(true);
  await experimentPage.expectStatus('cancelled');
  await expect(experimentPage.pauseButton).toBeDisabled();
  await expect(experimentPage.resumeButton).toBeDisabled();
  await expect(experimentPage.cancelButton).toBeDisabled();
  const cancelled = await experimentPage.progress();
  expect(cancelled.finished).toBeLessThan(cancelled.total);

  // Results of the finished trials are still shown.
  await expect(experimentPage.summaryRows).toHaveCount(4);
  await expect(experimentPage.errorBanners).toHaveCount(0);
});

test('shows an actionable error banner for an experiment that does not exist', async ({ experimentPage }) => {
  await experimentPage.goto('no-such-experiment');
  await expect(experimentPage.notFound).toBeVisible();
  await expect(experimentPage.errorBanners).toHaveCount(1);
  await expect(experimentPage.errorBanners.first()).toHaveAttribute('data-code', 'not_found');
  await expect(experimentPage.errorMessage()).toContainText('no-such-experiment');

  await experimentPage.dismissError();
  await expect(experimentPage.errorBanners).toHaveCount(0);
});

test('shows the lab’s refusal when the page acts on a stale status', async ({ callLab, experimentPage, page }) => {
  const { id } = await callLab('createExperiment', {
    spec: { ...LONG_SPEC, name: 'Not started yet', tasks: { suite: 'arithmetic', count: 5 } },
    start: false,
  });
  // Cut the page off from news: no events, and progress polls that never answer.
  await page.route('**/api/events', (route) => route.abort());
  await experimentPage.goto(id);
  await experimentPage.expectStatus('planned');
  await page.route('**/api/getProgress', () => {
    /* held: the page keeps believing the experiment is planned */
  });
  await expect(experimentPage.startButton).toBeEnabled();

  // Meanwhile another client (say, the CLI) cancels it.
  await callLab('cancelExperiment', { id });

  // Start is refused by the lab, and the page says why.
  await experimentPage.startButton.click();
  await expect(experimentPage.errorBanners).toHaveCount(1);
  await expect(experimentPage.errorBanners.first()).toHaveAttribute('data-code', 'conflict');
  await expect(experimentPage.errorMessage()).toContainText('cancelled');
  await experimentPage.dismissError();
  await expect(experimentPage.errorBanners).toHaveCount(0);
});
