import AxeBuilder from '@axe-core/playwright';
import { TrialPage } from '../../pages/trial-page';
import { expect, test } from './fixtures';

/**
 * A fault sweep in the app: the results show accuracy against the number of
 * Byzantine agents with the classical bounds, validity and liveness apart,
 * and a faulty agent's trial marks the fault on its lane.
 */
test('shows a fault sweep with its bounds, validity and liveness, and marks faults in a trial', async ({ callLab, experimentPage, page }) => {
  const spec = {
    name: 'Byzantine sweep',
    tasks: { suite: 'arithmetic', count: 30, seed: 4 },
    agents: { model: 'sim:default' },
    teams: [{ structure: 'vote', sizes: [5], aggregate: 'majority' }],
    faults: { byzantine: [0, 1, 2, 3], mode: 'colluding' },
  };
  const { id } = await callLab('createExperiment', { spec, start: true });
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed', 30_000);

  await expect(page.getByTestId('fault-chart')).toBeVisible();
  await expect(page.getByTestId('fault-bounds-note')).toContainText('n/2');
  await expect(experimentPage.summaryRows).toHaveCount(4);
  await expect(experimentPage.summaryTable).toContainText('validity');
  await expect(experimentPage.summaryTable).toContainText('f=3 colluding');
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/fault-sweep.png', fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  // A trial of the f=3 cell: its Byzantine agents are marked on their lanes.
  const trials = await callLab('listTrials', { id, cellIndex: 3, offset: 0, limit: 1 });
  const trialId = trials.trials[0]?.trialId;
  expect(trialId).toBeDefined();
  const trialPage = new TrialPage(page);
  await trialPage.goto(id, trialId ?? 0);
  await expect(page.getByTestId('space-time')).toBeVisible();
  await expect(page.locator('[data-testid="event-marker"][data-kind="fault_byzantine"]')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/fault-trial.png', fullPage: true });
});
