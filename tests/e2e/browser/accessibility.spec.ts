import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEFAULT_MODELS, startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { DesignerPage } from '../../pages/designer-page';
import { JobFiguresPage } from '../../pages/job-figures-page';
import { JobRoundsPage } from '../../pages/job-rounds-page';
import { ModelsPage } from '../../pages/models-page';
import { RecommendationPanel } from '../../pages/recommendation-panel';
import { TrialPage } from '../../pages/trial-page';
import { test as base, expect } from './fixtures';
import { importPaper, paperExperimentIds } from './paper-import';

/**
 * An automated accessibility check (axe-core) of every view, in the states a
 * user meets them: the WCAG 2.0, 2.1 and 2.2 rules of levels A and AA (labels,
 * names, contrast, ARIA, target size, …) plus axe's best practices (landmarks,
 * one level-one heading, headings in order, regions). This file's lab talks to
 * the Ollama-protocol test server, so the Models view shows hosts and tables.
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const test = base.extend<object, { ollama: OllamaTestServer }>({
  ollama: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startOllamaTestServer({ timeScale: 0.02, numParallel: 4, models: DEFAULT_MODELS });
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

/** Runs axe on the page (less the `disabled` rules) and fails, softly so every view is checked, with a readable list of what it found. */
async function expectNoViolations(page: Page, what: string, disabled: string[] = []): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).disableRules(disabled).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect.soft(found, `accessibility violations in ${what}`).toEqual([]);
}

test('every view passes an automated accessibility check', async ({ page, experimentsPage, experimentPage, ollama }) => {
  // The Experiments list, with its example cards.
  await experimentsPage.goto();
  await expect(experimentsPage.exampleCard('quickstart')).toBeVisible();
  await expectNoViolations(page, 'the Experiments list');

  // The Designer with the quickstart spec loaded and checked.
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.expectCheck('valid');
  await expectNoViolations(page, 'the Designer');

  // ... with a team of listed agents added by the form (its agent rows open) and a warning about ties.
  await designer.param('sizes').fill('');
  await designer.teamForm.locator('details.agents summary').click();
  await page.getByTestId('team-agent-add').click();
  await page.getByTestId('team-agent-count').first().fill('4');
  await designer.teamLabel.fill('four alike');
  await designer.addTeam.click();
  await designer.expectCheck('valid');
  await expect(designer.warnings).toHaveCount(1);
  await expectNoViolations(page, 'the Designer with a warning and agent rows');

  // ... with the lab's issues, a form problem, the completion list and the field help open.
  await designer.replaceInSpec('"seed": 42', '"seed": -1');
  await designer.expectCheck('invalid');
  await designer.param('sizes').fill('0');
  await designer.updateTeam.click();
  await expect(designer.teamForm.getByTestId('team-field-problem')).toBeVisible();
  await expectNoViolations(page, 'the Designer with issues');
  await designer.setSpec('{\n  "agents": { "" }\n}');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.cm-tooltip-autocomplete')).toBeVisible();
  // The list scrolls but takes no focus: it is a combobox popup, moved with the arrow keys from the
  // editor (aria-activedescendant), which scrolls it; axe's scrollable-region-focusable can't see that.
  // The same page passed that rule one step earlier, without the list.
  await expectNoViolations(page, 'the Designer with completions open', ['scrollable-region-focusable']);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.locator('.quorum-help')).toBeVisible();
  await expectNoViolations(page, 'the Designer with field help open');

  // ... with a syntax error.
  await designer.setSpec('{\n  "name": \n}');
  await designer.expectCheck('syntax');
  await expectNoViolations(page, 'the Designer with a syntax error');

  // The Models view: the test server as the default host, its installed models.
  const models = new ModelsPage(page);
  await models.open();
  await expect(models.host(ollama.url)).toBeVisible();
  await expect(models.installedRows.first()).toBeVisible();
  await expectNoViolations(page, 'the Models view');

  // ... and a host that is not answering (nothing listens on the discard port).
  await models.addHost('127.0.0.1:9');
  await expect(models.hostDown).toContainText('is not answering');
  await expectNoViolations(page, 'the Models view with a host down');

  // An experiment's results page after a small sim run.
  await experimentsPage.goto();
  await experimentsPage.runExample('quickstart');
  await expect(experimentPage.view).toBeVisible();
  await experimentPage.expectStatus('completed', 30_000);
  await expect(experimentPage.summaryRows).toHaveCount(4);
  await expectNoViolations(page, 'the results page');

  // ... with its paired differences, theory and recommendation drawn; then a pair compared, a basis opened and the recommendation verified.
  const recommendation = new RecommendationPanel(page);
  await expect(recommendation.recommendedCell).toBeVisible();
  await expect(page.getByTestId('forest-chart')).toBeVisible();
  await expect(page.getByTestId('theory-figure').first()).toBeVisible();
  await expectNoViolations(page, 'the results page with paired differences, theory and a recommendation');
  await page.getByTestId('pair-compare').click();
  await expect(page.getByTestId('pair-words')).toBeVisible();
  await recommendation.candidateRows.first().locator('summary').click();
  await recommendation.verifyButton.click();
  await expect(recommendation.verificationSummary).toBeVisible({ timeout: 30_000 });
  await expectNoViolations(page, 'the results page with a pair compared and a verification');

  // The Experiments list again, now with a finished experiment in its table.
  await experimentsPage.goto();
  await expect(experimentsPage.experimentRows.first()).toBeVisible();
  await expectNoViolations(page, 'the Experiments list with an experiment');
});

test("the coding-job figures and a run's rounds pass the same check", async ({ page, labServer, experimentPage, callLab }) => {
  importPaper(labServer.databasePath);
  const [first, ...others] = paperExperimentIds(await callLab('listExperiments', {}));
  expect(first, 'an experiment imported from the paper').toBeDefined();

  // An imported experiment's figures, pooled with the other imported experiments, a numbers table open.
  const figures = new JobFiguresPage(page);
  await experimentPage.goto(first!);
  await expect(figures.figures.first()).toBeVisible();
  await expectNoViolations(page, "an imported experiment's coding-job figures");
  await figures.openPool();
  for (const id of others) await figures.poolChoice(id).check();
  await figures.poolDraw.click();
  await expect(figures.pooledBanner).toBeVisible();
  await figures.openNumbers('speedup');
  await expectNoViolations(page, 'the pooled coding-job figures with their numbers open');

  // One imported run's rounds, a turn's actions open and every turn in words.
  const { cells } = await callLab('getResults', { id: first! });
  const cell = cells.find((c) => c.size >= 2)!;
  const { trials } = await callLab('listTrials', { id: first!, cellIndex: cell.cellIndex, limit: 1 });
  const trialPage = new TrialPage(page);
  const rounds = new JobRoundsPage(page);
  await trialPage.goto(first!, trials[0]!.trialId);
  await expect(rounds.turns.first()).toBeVisible();
  await rounds.turns.first().focus();
  await page.keyboard.press('Enter');
  await expect(rounds.details).toBeVisible();
  await rounds.words.locator('summary').click();
  await expectNoViolations(page, "a run's rounds with a turn open");
});
