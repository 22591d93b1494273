import { expect, test } from './fixtures';

test('runs the quickstart example and shows its results', async ({ experimentsPage, experimentPage, page }) => {
  await experimentsPage.goto();
  await expect(experimentsPage.exampleCard('quickstart')).toBeVisible();
  await expect(experimentsPage.exampleCard('quickstart').getByTestId('example-name')).toHaveText('Voting vs team size');

  await experimentsPage.runExample('quickstart');

  // The app opens the new experiment.
  await expect(experimentPage.view).toBeVisible();
  const id = experimentPage.currentId();
  expect(id).toBeTruthy();
  await expect(experimentPage.name).toHaveText('Voting vs team size');

  // Progress reaches total/total and the run completes.
  await experimentPage.expectStatus('completed', 30_000);
  await expect(experimentPage.progressCount).toHaveText(/^([\d,]+) \/ \1$/);
  const { finished, total } = await experimentPage.progress();
  expect(total).toBe(320); // 40 items × 4 cells × 2 repetitions
  expect(finished).toBe(total);
  await expect(experimentPage.progressFailed).toHaveText('0');

  // Nothing left to control once completed.
  await expect(experimentPage.pauseButton).toBeDisabled();
  await expect(experimentPage.resumeButton).toBeDisabled();
  await expect(experimentPage.cancelButton).toBeDisabled();

  // The chart and one summary row per cell: single, vote 3, 5, 9.
  await expect(experimentPage.chartCanvas).toBeVisible();
  await expect(experimentPage.summaryRows).toHaveCount(4);
  const sizes = await experimentPage.summaryTable.getByTestId('summary-size').allTextContents();
  expect(sizes).toEqual(['1', '3', '5', '9']);
  for (let i = 0; i < 4; i++) {
    await expect(experimentPage.summaryAccuracy(i)).toHaveText(/^\d{1,3}\.\d% \[\d{1,3}\.\d, \d{1,3}\.\d\]$/);
  }
  await expect(experimentPage.method).not.toBeEmpty();
  await expect(experimentPage.errorBanners).toHaveCount(0);

  // Let the chart's short animation settle before the picture.
  await page.waitForTimeout(600);
  await page.screenshot({ path: 'test-results/results-view.png', fullPage: true });

  // On a narrow window the table moves below the chart and both stay readable.
  await page.setViewportSize({ width: 820, height: 900 });
  await expect(experimentPage.chartCanvas).toBeVisible();
  await expect(experimentPage.summaryTable).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'test-results/results-narrow.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 860 });

  // The experiment is listed on the start screen, newest first (other tests of this worker may have run the quickstart too).
  await experimentsPage.goHome();
  const row = page.locator(`[data-testid="experiment-row"][data-experiment-id="${id}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Voting vs team size');
  await expect(experimentsPage.experimentRows.first()).toHaveAttribute('data-experiment-id', id!);
  await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'completed');
  await page.screenshot({ path: 'test-results/experiments-view.png', fullPage: true });
});
