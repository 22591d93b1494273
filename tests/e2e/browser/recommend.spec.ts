/**
 * Pilot → recommend → verify in the app: the Designer's Recommend starts a
 * pilot and opens it; while the pilot has not finished its view says so;
 * once it has, the three questions are answered in words with their effect
 * sizes, the predicted curves and the cost frontier are drawn, the
 * alternatives ranked; the objective and budget can be changed; Verify runs
 * the check on new items and shows, per cell, whether the prediction held.
 * What the page shows is checked against what the lab answers for the same
 * question. When the lab cannot recommend, its message is shown as it is.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DesignerPage } from '../../pages/designer-page';
import { RecommendationPanel } from '../../pages/recommendation-panel';
import { formatDifference, formatPercent } from '../../../renderer/src/format';
import { candidateName, VERDICT_WORDS, verdictOf } from '../../../renderer/src/lib/recommendation-view';
import { expect, test } from './fixtures';

/** The candidate grid: a single agent, majority votes of 3 to 11 and a debate of 3, over 200 items. */
const GRID = {
  name: 'Sizing a vote',
  tasks: { suite: 'arithmetic', count: 200, seed: 3 },
  agents: { model: 'sim:default', temperature: 0.7 },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 7, 9, 11], aggregate: 'majority' }, { structure: 'debate', sizes: [3], rounds: 2 }],
  seed: 11,
};

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations in ${what}`).toEqual([]);
}

/** The message of a lab call that the test expects to fail. */
async function labRefusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason as Error,
  );
  expect(error, 'the lab refused').not.toBeNull();
  return (error?.message ?? '').replace(/^\w+ failed: \w+: /, '');
}

test('recommends a team from a pilot started in the Designer, and verifies it on new items', async ({ page, experimentsPage, experimentPage, callLab }) => {
  test.setTimeout(120_000);
  const designer = new DesignerPage(page);
  const panel = new RecommendationPanel(page);
  await experimentsPage.goto();
  await designer.open();
  await designer.setSpec(JSON.stringify(GRID, null, 2));
  await designer.expectCheck('valid');
  await expect(designer.recommendButton).toHaveAccessibleDescription(/runs a pilot on a sample of the items/);
  await page.screenshot({ path: 'test-results/designer-recommend.png', fullPage: true });

  // The sim finishes a pilot in about a second; to see the view of a pilot that has not finished,
  // the request the button makes is held back from starting it, and the test starts it with Start.
  await page.route('**/api/startRecommendation', async (route) => {
    const body = route.request().postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ start: true, spec: { name: 'Sizing a vote' } });
    await route.continue({ postData: JSON.stringify({ ...body, start: false }) });
  });
  await designer.recommendButton.focus();
  await page.keyboard.press('Enter');
  await expect(experimentPage.view).toBeVisible();
  await expect(experimentPage.name).toHaveText('Pilot: Sizing a vote');
  const id = experimentPage.currentId()!;
  await experimentPage.expectStatus('planned');
  await expect(panel.waiting).toContainText('This is the pilot for a recommendation, and it is planned');
  await page.unroute('**/api/startRecommendation');
  await panel.section.screenshot({ path: 'test-results/recommendation-pilot-waiting.png' });

  await experimentPage.startButton.click();
  await experimentPage.expectStatus('completed', 60_000);
  await expect(panel.recommendedCell).toBeVisible({ timeout: 20_000 });
  await expect(panel.waiting).toHaveCount(0);

  // The lab returns the stored prediction for the same question: the one the page shows.
  const recommendation = await callLab('getRecommendation', { id });
  expect(recommendation.source).toBe('pilot');
  await expect(panel.pilot).toContainText(recommendation.predictionId);
  await expect(panel.pilot).toContainText(`Fitted on the pilot: ${recommendation.pilot.calls.toLocaleString('en-US')} calls`);
  await expect(panel.pilot).toContainText(`${formatPercent(recommendation.pilot.fractionOfFullSweep)} of the ${recommendation.pilot.fullSweepCalls.toLocaleString('en-US')} calls the full sweep would make`);
  await expect(panel.recommendedCell).toHaveText(candidateName(recommendation.recommended));
  await expect(panel.reason).toHaveText(recommendation.reason);

  // The three questions, in the order they are asked, each in the lab's words with its effect size and interval.
  await expect(panel.answers).toHaveCount(3);
  expect(await panel.answers.evaluateAll((items) => items.map((item) => item.getAttribute('data-question')))).toEqual(['team-or-single', 'how-many', 'which-structure']);
  for (const answer of recommendation.answers) {
    const item = panel.answer(answer.question);
    await expect(item.getByTestId('answer-words')).toHaveText(answer.words);
    if (answer.effect !== null) await expect(item.getByTestId('answer-effect')).toContainText(formatDifference(answer.effect, answer.low, answer.high));
  }
  await expect(panel.answer('team-or-single').locator('h4')).toHaveText('Is a team better than one agent here?');

  // The fitted curves over the measured points, the cost frontier with the choice ringed, the alternatives ranked.
  await expect(panel.predictionChart).toHaveAttribute('aria-label', new RegExp(`${recommendation.recommended.label.replace(/[()]/g, '\\$&')}: predicted`));
  await expect(panel.predictionChart).toHaveAttribute('aria-label', /: measured: n=/);
  await expect(panel.frontierChart).toHaveAttribute('aria-label', new RegExp(`The recommended cell, ${candidateName(recommendation.recommended).replace(/[()]/g, '\\$&')}, is ringed`));
  await expect(panel.candidateRows).toHaveCount(recommendation.candidates.length);
  for (const [index, cell] of recommendation.candidates.entries()) {
    await expect(panel.candidateRows.nth(index)).toHaveAttribute('data-rank', String(cell.rank));
    await expect(panel.candidateRows.nth(index).locator('th')).toContainText(candidateName(cell));
  }
  await expect(panel.candidateRows.first()).toContainText('recommended');
  // A candidate's basis opens from the keyboard.
  const basis = panel.candidateRows.first().locator('summary');
  await basis.focus();
  await page.keyboard.press('Enter');
  await expect(panel.candidateRows.first().locator('details p')).toHaveText(recommendation.recommended.basis);

  await page.waitForTimeout(600);
  await expectAccessible(page, 'the recommendation of a pilot');

  // Another objective: the page shows what the lab recommends for that question.
  await panel.objective.selectOption('accuracy-per-token');
  await panel.ask.click();
  await expect(panel.pilot).not.toContainText(recommendation.predictionId);
  const perToken = await callLab('getRecommendation', { id, objective: 'accuracy-per-token' });
  await expect(panel.pilot).toContainText(perToken.predictionId);
  await expect(panel.recommendedCell).toHaveText(candidateName(perToken.recommended));

  // A budget that is not a number is caught before asking; one no cell fits is the lab's to refuse, in its words.
  await panel.budget.fill('two thousand');
  await panel.ask.click();
  await expect(panel.budget).toHaveAccessibleDescription(/whole number of tokens per trial/);
  await panel.objective.selectOption('accuracy');
  await panel.budget.fill('10');
  await panel.ask.click();
  const refusal = await labRefusal(callLab('getRecommendation', { id, budgetTokens: 10 }));
  expect(refusal).toContain('budget of at least');
  await expect(panel.problem).toContainText(refusal);
  await panel.budget.fill('');
  await panel.ask.click();
  await expect(panel.recommendedCell).toHaveText(candidateName(recommendation.recommended));
  await expect(panel.pilot).toContainText(recommendation.predictionId);

  // Verify: the recommended cell, its neighbours and the single agent on items the pilot did not use.
  await panel.verifyButton.focus();
  await page.keyboard.press('Enter');
  await expect(panel.verificationStatus).toContainText('Verification finished', { timeout: 60_000 });
  const verificationId = (await page.getByTestId('verification-id').textContent()) ?? '';
  const verification = await callLab('getVerification', { verificationId });
  expect(verification.predictionId).toBe(recommendation.predictionId);
  expect(verification.status).toBe('completed');
  await expect(panel.verificationSummary).toHaveText(verification.summary);
  await expect(panel.verifiedRows).toHaveCount(verification.cells.length);
  for (const [index, cell] of verification.cells.entries()) {
    const row = panel.verifiedRows.nth(index);
    await expect(row.locator('th')).toHaveText(candidateName(cell));
    await expect(row.getByTestId('verified-verdict')).toHaveText(VERDICT_WORDS[verdictOf(cell)]);
    if (cell.measured) await expect(row).toContainText(formatPercent(cell.measured.accuracy));
  }
  await expect(panel.verifyButton).toHaveText('Verify again');
  await expect(experimentPage.errorBanners).toHaveCount(0);

  await page.waitForTimeout(600);
  await expectAccessible(page, 'the recommendation with its verification');
  await panel.section.screenshot({ path: 'test-results/recommendation-panel.png' });
  await page.screenshot({ path: 'test-results/recommendation-page.png', fullPage: true });

  // The verification's own experiment is one click away.
  await panel.verificationLink.click();
  await expect(experimentPage.name).toHaveText('Verification: Sizing a vote');
  await expect(experimentPage.currentId()).toBe(verification.experimentId);
  const purpose = page.getByTestId('experiment-purpose');
  await expect(purpose).toContainText(`This run checks prediction ${recommendation.predictionId}`);

  // The lab keeps the verification with its prediction: back on the pilot, after a reload, its verdicts are still there.
  await purpose.getByRole('link', { name: 'the recommendation it checks' }).click();
  await expect(experimentPage.currentId()).toBe(recommendation.experimentId);
  await page.reload();
  await expect(panel.verificationStatus).toContainText('Verification finished', { timeout: 30_000 });
  await expect(panel.verificationSummary).toHaveText(verification.summary);
  await expect(panel.verifiedRows).toHaveCount(verification.cells.length);
});

test('shows the lab\'s message as it is when it cannot recommend from an experiment', async ({ page, experimentPage, callLab }) => {
  const spec = { name: 'One agent only', tasks: { suite: 'arithmetic', count: 20, seed: 1 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] };
  const { id } = await callLab('createExperiment', { spec, start: true });
  const panel = new RecommendationPanel(page);
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed', 30_000);
  const refusal = await labRefusal(callLab('getRecommendation', { id }));
  await expect(panel.problem).toContainText(refusal);
  await expect(panel.recommendedCell).toHaveCount(0);
  await expect(experimentPage.errorBanners).toHaveCount(0);
  await page.screenshot({ path: 'test-results/recommendation-refused.png', fullPage: true });
});
