import { DesignerPage } from '../../pages/designer-page';
import { expect, test } from './fixtures';

test('designs an experiment from the quickstart spec, checks it as it is typed and runs it', async ({ experimentsPage, experimentPage, page }) => {
  await experimentsPage.goto();
  const designer = new DesignerPage(page);
  await designer.open();
  await expect(designer.navLink).toHaveAttribute('aria-current', 'page');
  expect(page.url()).toMatch(/#\/designer$/);

  // It starts with the quickstart example, valid, with its grid counted.
  await designer.expectCheck('valid');
  const original = await designer.specText();
  expect(original).toContain('"name": "Voting vs team size"');
  await expect(designer.origin).toContainText('Voting vs team size');
  await expect(designer.valid).toContainText('Valid');
  await expect(designer.cells).toHaveText('4 cells');
  await expect(designer.trials).toHaveText('320 trials');
  await expect(designer.valid).toContainText('40 items');
  await expect(designer.valid).toContainText('2 repetitions');
  // Simulated models take no real time: the lab's basis says so instead of a duration.
  await expect(designer.estimate).toContainText(/simulated/i);
  await expect(designer.help).toHaveText('Fields are described in docs/experiment-spec.md; unknown fields are errors.');
  await expect(designer.runButton).toBeEnabled();
  await expect(designer.createButton).toBeEnabled();
  await page.screenshot({ path: 'test-results/designer.png', fullPage: true });

  // A vote of size 0: the lab's issue names the field, and nothing can be created.
  await designer.replaceInSpec('"sizes": [3, 5, 9]', '"sizes": [0, 5, 9]');
  await designer.expectCheck('invalid');
  await expect(designer.issues).toHaveText(['teams[1].sizes[0]: must be an integer between 1 and 1000, got 0']);
  await expect(designer.runButton).toBeDisabled();
  await expect(designer.createButton).toBeDisabled();
  await page.screenshot({ path: 'test-results/designer-issues.png', fullPage: true });

  // Not JSON at all: a syntax error with its line and column.
  await designer.setSpec(original.replace('"repetitions": 2,', '"repetitions": 2'));
  await designer.expectCheck('syntax');
  await expect(designer.syntaxError).toContainText(/Line \d+, column \d+: a "," is missing after this value/);
  await expect(designer.runButton).toBeDisabled();
  await page.screenshot({ path: 'test-results/designer-syntax.png', fullPage: true });

  // Fixed, and renamed (the quickstart test looks for its own experiment by name): valid again, and it runs to the end.
  await designer.setSpec(original.replace('"name": "Voting vs team size"', '"name": "Designed: majority vote by size"'));
  await designer.expectCheck('valid');
  await expect(designer.trials).toHaveText('320 trials');
  await designer.runButton.click();

  await expect(experimentPage.view).toBeVisible();
  expect(experimentPage.currentId()).toBeTruthy();
  await expect(experimentPage.name).toHaveText('Designed: majority vote by size');
  await experimentPage.expectStatus('completed', 30_000);
  const { finished, total } = await experimentPage.progress();
  expect(total).toBe(320);
  expect(finished).toBe(total);
  await expect(experimentPage.errorBanners).toHaveCount(0);
});

test('Edit on an example card opens the Designer with that example', async ({ experimentsPage, experimentPage, page }) => {
  await experimentsPage.goto();
  const card = experimentsPage.exampleCard('vote-rules');
  const name = (await card.getByTestId('example-name').textContent()) ?? '';
  expect(name).not.toBe('');
  await card.getByTestId('example-edit').click();

  const designer = new DesignerPage(page);
  await expect(designer.view).toBeVisible();
  await expect(designer.navLink).toHaveAttribute('aria-current', 'page');
  await expect(designer.origin).toContainText(name);
  expect(await designer.specText()).toContain(`"name": ${JSON.stringify(name)}`);
  await designer.expectCheck('valid');
  // single + majority vote × 4 sizes + plurality vote × 4 sizes, 200 items, 1 repetition.
  await expect(designer.cells).toHaveText('9 cells');
  await expect(designer.trials).toHaveText('1,800 trials');

  // Created without running: the experiment waits, planned.
  await designer.createButton.click();
  await expect(experimentPage.view).toBeVisible();
  await expect(experimentPage.name).toHaveText(name);
  await experimentPage.expectStatus('planned');
  await expect(experimentPage.errorBanners).toHaveCount(0);
});
