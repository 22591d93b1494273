/**
 * An experiment's analysis as a researcher reads it: outcomes kept apart in
 * the summary (failure and no-answer rates, accuracy over completed trials),
 * the caption saying which interval is drawn, paired differences as a forest
 * plot (and switched to the next smaller size, by keyboard), any two cells
 * compared, failure rates that stand apart flagged, and theory drawn over the
 * measurements with its words. What the page shows is checked against what
 * the lab computed for the same experiment.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ResultsAnalysis } from '../../pages/results-analysis';
import { formatDifference, formatPercent, formatSignedInterval, formatSignedPoints } from '../../../renderer/src/format';
import { expect, runToCompletion, test } from './fixtures';

/** The quickstart's grid: a single agent and majority votes of 3, 5 and 9, 40 items × 2 repetitions (so intervals are clustered by item). */
const VOTES = {
  name: 'Votes against one agent',
  tasks: { suite: 'arithmetic', count: 40, seed: 7 },
  agents: { model: 'sim:default', temperature: 0.7 },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 9], aggregate: 'majority' }],
  repetitions: 2,
  seed: 42,
};

/** One crashed agent: a single agent with it fails every trial, a vote of 3 carries on. Each item once, so Wilson intervals. */
const CRASH = {
  name: 'A crashed agent',
  tasks: { suite: 'arithmetic', count: 30, seed: 5 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3], aggregate: 'majority' }],
  faults: { crash: [0, 1] },
};

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations in ${what}`).toEqual([]);
}

test('keeps outcomes apart, draws paired differences around zero, compares any two cells and draws theory over the data', async ({ page, request, labServer, experimentPage, callLab }) => {
  const id = await runToCompletion(request, labServer.url, VOTES);
  const results = await callLab('getResults', { id });
  const analysis = new ResultsAnalysis(page);
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed');

  // The summary: strict accuracy, accuracy over completed trials, no-answer and failure rates with their counts, per cell.
  await expect(experimentPage.summaryRows).toHaveCount(results.cells.length);
  const headers = await experimentPage.summaryTable.locator('thead th').allTextContents();
  expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['Over completed', 'No answer', 'Failed']));
  for (const cell of results.cells) {
    await expect(analysis.summaryCell(cell.cellIndex, 'summary-no-answer')).toContainText(`${formatPercent(cell.noAnswerRate.value)} (${cell.noAnswer})`);
    await expect(analysis.summaryCell(cell.cellIndex, 'summary-failed')).toContainText(`${formatPercent(cell.failureRate.value)} (${cell.failed})`);
    await expect(analysis.summaryCell(cell.cellIndex, 'summary-completed-accuracy')).toContainText(formatPercent(cell.completedAccuracy.value));
  }
  expect(new Set(results.cells.map((c) => c.intervalMethod))).toEqual(new Set(['item-clustered']));
  await expect(analysis.intervalCaption).toHaveText('Brackets and bands are 95% intervals clustered by item: repetitions of an item are not independent, so the item is the unit.');
  await expect(experimentPage.method).toContainText('clustered by item');
  await expect(analysis.failureFlags).toHaveCount(0);

  // The forest plot: each vote against the single agent and against the single agent given its tokens, in words for screen readers.
  const vsSingle = results.comparisons.filter((c) => c.kind === 'vs-single');
  expect(vsSingle.length).toBe(3);
  expect(results.costMatched.length).toBe(3);
  const nine = vsSingle.find((c) => c.cellIndex === 3)!;
  await expect(analysis.forestChart).toHaveAttribute('aria-label', /^Forest plot of differences in accuracy/);
  await expect(analysis.forestChart).toHaveAttribute('aria-label', new RegExp(`vote \\(majority\\), n=9: ${escape(formatDifference(nine.difference, nine.low, nine.high))} against single, n=1, ${nine.significant ? 'holds' : 'not'} after Holm`));
  await expect(analysis.differenceRows).toHaveCount(vsSingle.length + results.costMatched.length);
  await expect(analysis.differenceRow(3, 'vs-single').getByTestId('difference-value')).toHaveText(`${formatSignedPoints(nine.difference)} ${formatSignedInterval(nine.low, nine.high)}`);
  const matchedNine = results.costMatched.find((m) => m.cellIndex === 3)!;
  await expect(analysis.differenceRow(3, 'cost-matched')).toContainText(`a vote of ${matchedNine.samples}`);
  await expect(analysis.differenceRow(3, 'cost-matched').getByTestId('difference-value')).toHaveText(
    `${formatSignedPoints(matchedNine.difference)} ${formatSignedInterval(matchedNine.differenceLow, matchedNine.differenceHigh)}`,
  );
  await expect(analysis.differencesCaption).toContainText('Holm');

  // Switched to the next smaller size from the keyboard: the arrow key moves the radio choice.
  await analysis.mode('vs-single').focus();
  await page.keyboard.press('ArrowDown');
  await expect(analysis.mode('vs-smaller')).toBeChecked();
  const smaller = results.comparisons.find((c) => c.kind === 'vs-smaller' && c.cellIndex === 3)!;
  await expect(analysis.forestChart).toHaveAttribute('aria-label', /against the next smaller size \(circles\)/);
  await expect(analysis.forestChart).toHaveAttribute('aria-label', new RegExp(`n=9: ${escape(formatDifference(smaller.difference, smaller.low, smaller.high))} against vote \\(majority\\), n=5`));
  await expect(analysis.differenceRow(3, 'vs-smaller')).toContainText('vote (majority), n=5');

  // Any two cells, picked and compared from the keyboard; the page says what the lab computed.
  await analysis.pairCell.selectOption({ label: 'vote (majority), n=5' });
  await analysis.pairBaseline.selectOption({ label: 'vote (majority), n=3' });
  await analysis.pairBaseline.focus();
  await page.keyboard.press('Tab');
  await expect(analysis.pairCompare).toBeFocused();
  await page.keyboard.press('Enter');
  const picked = await callLab('compareCells', { id, cellIndex: 2, baselineCellIndex: 1 });
  await expect(analysis.pairWords).toHaveText(
    new RegExp(`^vote \\(majority\\), n=5 minus vote \\(majority\\), n=3: ${escape(formatDifference(picked.difference, picked.low, picked.high))} on ${picked.pairs} paired trials over ${picked.items} items`),
  );
  await expect(analysis.pairWords).toContainText('not corrected');

  // Theory: Condorcet drawn over the measured votes, with the lab's words under it; the USL where fitted; notes where a fit was not drawn.
  const condorcet = results.theory.condorcet[0]!;
  await expect(analysis.theoryFigure('condorcet').getByTestId('theory-words')).toHaveText(condorcet.words);
  await expect(analysis.theoryFigure('condorcet').getByTestId('theory-chart')).toHaveAttribute('aria-label', /co-failure ceiling/);
  await expect(analysis.theoryFigure('condorcet').getByTestId('theory-chart')).toHaveAttribute('aria-label', /measured accuracy \(95% interval\): n=1 /);
  await expect(analysis.theoryFigure('usl')).toHaveCount(results.theory.usl.length);
  for (const [index, fit] of results.theory.usl.entries()) await expect(analysis.theoryFigure('usl').nth(index).getByTestId('theory-words')).toHaveText(fit.words);
  await expect(analysis.theoryNotes).toHaveCount(results.theory.notes.length);

  await expect(experimentPage.errorBanners).toHaveCount(0);
  await page.waitForTimeout(600);
  await expectAccessible(page, 'the results with paired differences and theory');
  await page.screenshot({ path: 'test-results/analysis-results.png', fullPage: true });
  await experimentPage.resultsSection.screenshot({ path: 'test-results/analysis-summary.png' });
  await analysis.differencesSection.screenshot({ path: 'test-results/analysis-differences.png' });
  await analysis.theorySection.screenshot({ path: 'test-results/analysis-theory.png' });
});

test('flags a cell whose failures stand apart, says Wilson intervals are drawn, and notes a fit it could not draw', async ({ page, request, labServer, experimentPage, callLab }) => {
  const id = await runToCompletion(request, labServer.url, CRASH);
  const results = await callLab('getResults', { id });
  const analysis = new ResultsAnalysis(page);
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed');

  const flag = results.failureFlags[0]!;
  expect(results.failureFlags.map((f) => f.label)).toEqual(['single · crash=1']);
  await expect(analysis.failureFlags).toHaveCount(1);
  await expect(analysis.failureFlags.first()).toHaveText(flag.message);
  await expect(analysis.summaryCell(flag.cellIndex, 'summary-failure-flag')).toBeVisible();
  await expect(analysis.summaryCell(flag.cellIndex, 'summary-failed')).toHaveAccessibleDescription(flag.message);
  await expect(analysis.summaryCell(flag.cellIndex, 'summary-failed')).toContainText('100.0% (30)');
  // Failed trials are not correct, and there is nothing to be right about over completed ones.
  await expect(analysis.summaryCell(flag.cellIndex, 'summary-accuracy')).toContainText('0.0%');
  await expect(analysis.summaryCell(flag.cellIndex, 'summary-completed-accuracy')).toContainText('—');
  await expect(analysis.summaryCell(0, 'summary-failure-flag')).toHaveCount(0);

  await expect(analysis.intervalCaption).toHaveText('Brackets and bands are 95% Wilson score intervals: each item was met once, so trials are independent.');
  expect(results.theory.notes.length).toBeGreaterThan(0);
  for (const note of results.theory.notes) await expect(analysis.theoryNotes.filter({ hasText: note })).toHaveCount(1);

  await page.waitForTimeout(600);
  await expectAccessible(page, 'the results with a failure flag');
  await page.screenshot({ path: 'test-results/analysis-failure-flag.png', fullPage: true });
  await experimentPage.resultsSection.screenshot({ path: 'test-results/analysis-failure-flag-summary.png' });
});

test('draws Amdahl and the USL over the latency and cost of teams that split the work', async ({ page, request, labServer, experimentPage, callLab }) => {
  const spec = {
    name: 'Leader and workers',
    tasks: { suite: 'arithmetic', count: 50, seed: 13, difficulty: 5 },
    agents: { model: 'sim:default', temperature: 0.7 },
    teams: [{ structure: 'single' }, { structure: 'leader-worker', workers: [2, 3, 5] }, { structure: 'hierarchical', branching: 2, depth: [1, 2] }],
    seed: 8,
  };
  const id = await runToCompletion(request, labServer.url, spec);
  const { theory } = await callLab('getResults', { id });
  const analysis = new ResultsAnalysis(page);
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed');

  expect(theory.amdahl.length).toBeGreaterThan(0);
  await expect(analysis.theoryFigures).toHaveCount(theory.condorcet.length + theory.amdahl.length + theory.usl.length);
  for (const [index, fit] of theory.amdahl.entries()) {
    const figure = analysis.theoryFigure('amdahl').nth(index);
    await expect(figure.locator('h3')).toHaveText(`Amdahl: latency of ${fit.teamLabel} on ${fit.model}`);
    await expect(figure.getByTestId('theory-words')).toHaveText(fit.words);
    await expect(figure.getByTestId('theory-chart')).toHaveAttribute('aria-label', /^Chart of speedup over one agent against team size\. Amdahl, p = /);
  }
  for (const [index, fit] of theory.usl.entries()) await expect(analysis.theoryFigure('usl').nth(index).getByTestId('theory-words')).toHaveText(fit.words);
  await page.waitForTimeout(600);
  await analysis.theorySection.screenshot({ path: 'test-results/analysis-theory-amdahl.png' });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
