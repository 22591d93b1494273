/**
 * Browsing trials: from the summary table to a cell's trial list (filtered by
 * outcome, paged), to one trial's space-time diagram and a call's prompt and
 * reply, by mouse and by keyboard. Also the three result charts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { LabReplies } from '../../../shared/contract/api';
import { TrialListPage } from '../../pages/trial-list-page';
import { TrialPage } from '../../pages/trial-page';
import { expect, runToCompletion, test as base } from './fixtures';

const test = base.extend<{ trialListPage: TrialListPage; trialPage: TrialPage }>({
  trialListPage: async ({ page }, use) => {
    await use(new TrialListPage(page));
  },
  trialPage: async ({ page }, use) => {
    await use(new TrialPage(page));
  },
});

/** 40 items × 2 repetitions: 80 trials per cell, so a cell's list has two pages. */
const SPEC = {
  name: 'Trial browsing',
  description: 'Single agent against majority votes of 3 and 5 and a debate of 3, on the sim.',
  tasks: { suite: 'arithmetic', count: 40, seed: 7 },
  agents: { model: 'sim:default', temperature: 0.7 },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5], aggregate: 'majority' }, { structure: 'debate', sizes: [3], rounds: 2 }],
  repetitions: 2,
  seed: 42,
};
const TRIALS_PER_CELL = 80;
/** Cells in grid order: single, vote of 3, vote of 5, debate of 3. */
const VOTE_3 = 1;
const DEBATE_3 = 3;

/** axe-core's WCAG 2.0/2.1 A and AA rules and best practices, as tests/e2e/browser/accessibility.spec.ts runs them. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations in ${what}`).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

let experimentId = '';

test.beforeAll(async ({ request, labServer }) => {
  experimentId = await runToCompletion(request, labServer.url, SPEC);
});

test('shows accuracy, the cost frontier and latency by size, each with a caption', async ({ page, experimentPage }) => {
  await experimentPage.goto(experimentId);
  await experimentPage.expectStatus('completed');
  await expect(experimentPage.chartCanvas).toBeVisible();
  await expect(experimentPage.costFrontierChart.locator('canvas')).toBeVisible();
  await expect(experimentPage.latencyChart.locator('canvas')).toBeVisible();
  await expect(experimentPage.costFrontierChart).toHaveAttribute('aria-label', /accuracy against mean tokens per trial.*single, vote \(majority\), debate/);
  await expect(experimentPage.latencyChart).toHaveAttribute('aria-label', /critical-path latency \((ms|s)\) against team size/);
  await expect(experimentPage.costFrontierCaption).toContainText('mean tokens a trial used');
  await expect(experimentPage.latencyCaption).toContainText('critical-path latency against team size');
  // Two repetitions of each item: intervals are clustered by item, and the caption says so.
  await expect(experimentPage.method).toContainText('clustered by item');
  await expect(experimentPage.errorBanners).toHaveCount(0);
  // Every cell row links to its trials.
  await expect(experimentPage.summaryRows.getByTestId('summary-trials-link')).toHaveCount(4);

  await page.waitForTimeout(600); // the charts' short animation
  await expectAccessible(page, 'the experiment view with its three charts');
  await experimentPage.resultsSection.screenshot({ path: 'test-results/results-charts.png' });
});

test('lists a cell\'s trials, filtered by outcome and paged', async ({ page, experimentPage, trialListPage, callLab }) => {
  await experimentPage.goto(experimentId);
  await experimentPage.openCellTrials(VOTE_3);
  await expect(trialListPage.view).toBeVisible();
  expect(trialListPage.currentCell()).toBe(VOTE_3);
  await expect(trialListPage.title).toContainText('vote (majority), 3 agents');
  await trialListPage.expectSettled({ filter: 'all', page: 1 });

  // All: the first page of 50.
  expect(await trialListPage.rangeNumbers()).toEqual({ from: 1, to: 50, total: TRIALS_PER_CELL });
  await expect(trialListPage.rows).toHaveCount(50);
  await expect(trialListPage.pageNumber).toHaveText('page 1 of 2');
  await expect(trialListPage.previousButton).toBeDisabled();
  expect(await trialListPage.filterCount('all')).toBe(TRIALS_PER_CELL);
  await page.screenshot({ path: 'test-results/trial-list.png', fullPage: true });
  await expectAccessible(page, 'the trial list');

  // Each outcome: the count on its button is the list's total, every row has that outcome, and they add up to the cell.
  let sum = 0;
  for (const key of ['correct', 'wrong', 'no_answer', 'failed'] as const) {
    await trialListPage.showOnly(key);
    const { total } = await trialListPage.rangeNumbers();
    expect(await trialListPage.filterCount(key)).toBe(total);
    expect(page.url()).toContain(`outcome=${key}`);
    if (total === 0) {
      await expect(trialListPage.empty).toBeVisible();
    } else {
      const outcomes = await trialListPage.rowOutcomes();
      expect(outcomes.length).toBe(Math.min(total, 50));
      expect(new Set(outcomes)).toEqual(new Set([key]));
    }
    sum += total;
  }
  expect(sum).toBe(TRIALS_PER_CELL);
  const results = await callLab('getResults', { id: experimentId });
  const cell = results.cells.find((c) => c.cellIndex === VOTE_3);
  expect(cell?.trials).toBe(sum);
  expect(await trialListPage.filterCount('correct')).toBe(cell?.correct);

  // Back to all, and forward a page: the last 30.
  await trialListPage.showOnly('all');
  await trialListPage.nextButton.click();
  await expect(trialListPage.range).toHaveText(`Trials 51–${TRIALS_PER_CELL} of ${TRIALS_PER_CELL}`);
  await expect(trialListPage.rows).toHaveCount(TRIALS_PER_CELL - 50);
  await expect(trialListPage.nextButton).toBeDisabled();
  await expect(trialListPage.pageNumber).toHaveText('page 2 of 2');
  const page2 = await callLab('listTrials', { id: experimentId, cellIndex: VOTE_3, offset: 50, limit: 50 });
  await expect(trialListPage.rows.first()).toHaveAttribute('data-trial-id', String(page2.trials[0]?.trialId));
  await trialListPage.previousButton.click();
  await expect(trialListPage.range).toHaveText(`Trials 1–50 of ${TRIALS_PER_CELL}`);
  await expect(trialListPage.errorBanners).toHaveCount(0);
});

test('draws a trial as a space-time diagram and shows a call\'s prompt and reply as text', async ({ page, trialListPage, trialPage, callLab }) => {
  await trialListPage.goto(experimentId, DEBATE_3);
  await trialListPage.expectSettled({ filter: 'all', page: 1 });
  const trialId = await trialListPage.openTrial(0);
  await expect(trialPage.view).toBeVisible();
  expect(trialPage.currentTrial()).toBe(trialId);

  const detail: LabReplies['getTrial'] = await callLab('getTrial', { id: experimentId, trialId });
  await expect(trialPage.title).toHaveText(`Trial ${trialId}`);
  await expect(trialPage.outcome).toHaveAttribute('data-outcome', detail.trial.outcome ?? 'pending');
  await expect(trialPage.cellLabel).toHaveText(detail.cell.label);
  await expect(trialPage.itemPrompt).toHaveText(detail.item.prompt);
  await expect(trialPage.expected).toHaveText(detail.item.answer);

  // One lane per agent, one bar per call (three agents, an answer and two revisions each), a barrier before each revision round.
  await expect(trialPage.lanes).toHaveCount(3);
  await expect(trialPage.bars).toHaveCount(detail.calls.length);
  expect(detail.calls.length).toBe(9);
  await expect(trialPage.barriers).toHaveCount(2);
  expect(await trialPage.barriers.evaluateAll((lines) => lines.map((line) => line.getAttribute('data-round')))).toEqual(['1', '2']);
  for (const call of detail.calls) {
    await expect(trialPage.bar(call.seq)).toHaveAttribute('data-agent', String(call.agentIndex));
    await expect(trialPage.bar(call.seq)).toHaveAttribute('data-status', call.status);
  }
  // Each peer message is an arrow to each of its receivers: 3 senders × 2 receivers × 2 rounds.
  const betweenAgents = detail.messages.filter((m) => m.fromAgent !== null && m.toAgents !== null).flatMap((m) => (m.toAgents ?? []).filter((to) => to !== m.fromAgent));
  expect(betweenAgents.length).toBe(12);
  await expect(trialPage.arrows.and(page.locator('[data-via="message"]'))).toHaveCount(betweenAgents.length);
  await expect(trialPage.decisionLabel).toContainText(detail.trial.finalAnswer ?? 'no answer');
  if (detail.decision) await expect(trialPage.decision).toContainText(detail.decision);
  await expect(trialPage.legend.getByTestId('legend-status')).toHaveCount(5);
  await expect(trialPage.toggleArrows).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/trial-view.png', fullPage: true });
  await expectAccessible(page, 'the trial view');

  // A reply with markup in it is shown as the characters it is, never as HTML.
  const markup = 'I think <b>bold</b> & <i>italic</i> <img src=x onerror=alert(1)>\n\nAnswer: 42';
  await page.route('**/api/getCallText', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value?: { reply: string | null } };
    if (body.ok && body.value) body.value.reply = markup;
    await route.fulfill({ response, json: body });
  });
  const seq = detail.calls[1]?.seq ?? 1;
  const text = await callLab('getCallText', { id: experimentId, trialId, seq });
  await trialPage.openCall(seq);
  await expect(trialPage.panelTitle).toHaveText(`Call ${seq} · Agent ${detail.calls[1]?.agentIndex ?? 0}`);
  await expect(trialPage.panelTitle).toBeFocused();
  await expect(trialPage.promptMessages).toHaveCount(text.prompt.length);
  for (const [i, message] of text.prompt.entries()) {
    await expect(trialPage.promptMessages.nth(i)).toHaveAttribute('data-role', message.role);
    expect(await trialPage.promptMessages.nth(i).locator('pre').textContent()).toBe(message.content);
  }
  expect(await trialPage.reply.textContent()).toBe(markup);
  await expect(trialPage.panel.locator('b, i, img')).toHaveCount(0);
  await expect(trialPage.panel.getByTestId('call-intent')).toHaveText(detail.calls[1]?.intent ?? '');
  await expect(trialPage.panel.getByTestId('call-status')).toHaveAttribute('data-status', detail.calls[1]?.status ?? 'ok');
  await page.screenshot({ path: 'test-results/trial-call-panel.png' });
  await expectAccessible(page, 'the trial view with a call open');
  await page.unroute('**/api/getCallText');

  // Escape closes the panel and gives the focus back to the call's bar.
  await page.keyboard.press('Escape');
  await expect(trialPage.panel).toHaveCount(0);
  expect(await trialPage.focusedSeq()).toBe(seq);

  // The back link returns to the list it came from.
  await trialPage.backToTrials.click();
  await expect(trialListPage.view).toBeVisible();
  expect(trialListPage.currentCell()).toBe(DEBATE_3);
  await expect(trialPage.errorBanners).toHaveCount(0);
});

test('reaches a call with the keyboard: Tab into the diagram, arrows between calls, Enter opens', async ({ page, trialPage, callLab }) => {
  const list = await callLab('listTrials', { id: experimentId, cellIndex: DEBATE_3, offset: 0, limit: 1 });
  const trialId = list.trials[0]?.trialId ?? 1;
  const detail = await callLab('getTrial', { id: experimentId, trialId });
  await trialPage.goto(experimentId, trialId);
  await expect(trialPage.bars).toHaveCount(detail.calls.length);

  // The diagram is one stop in the tab order; it starts at agent 0's first call.
  const first = await trialPage.tabIntoDiagram();
  await expect(trialPage.bar(first)).toHaveAttribute('data-agent', '0');
  await expect(trialPage.bars.and(page.locator('[tabindex="0"]'))).toHaveCount(1);

  // Down walks the agent's own lane, round by round; Up comes back.
  const ownLane = detail.calls.filter((c) => c.agentIndex === 0).sort((a, b) => a.startMs - b.startMs);
  await page.keyboard.press('ArrowDown');
  expect(await trialPage.focusedSeq()).toBe(ownLane[1]?.seq);
  await page.keyboard.press('ArrowUp');
  expect(await trialPage.focusedSeq()).toBe(first);

  // Right moves to the next agent's lane; End to the last call; Home back.
  await page.keyboard.press('ArrowRight');
  const second = await trialPage.focusedSeq();
  expect(second).not.toBeNull();
  await expect(trialPage.bar(second ?? -1)).toHaveAttribute('data-agent', '1');
  await page.keyboard.press('End');
  await expect(trialPage.bar((await trialPage.focusedSeq()) ?? -1)).toHaveAttribute('data-agent', String(detail.cell.agents.length - 1));
  await page.keyboard.press('Home');
  expect(await trialPage.focusedSeq()).toBe(first);
  await page.keyboard.press('ArrowRight');

  await page.keyboard.press('Enter');
  await trialPage.expectPanelFor(second ?? -1);
  const text = await callLab('getCallText', { id: experimentId, trialId, seq: second ?? -1 });
  expect(await trialPage.reply.textContent()).toBe(text.reply);
  await page.keyboard.press('Escape');
  await expect(trialPage.panel).toHaveCount(0);
  expect(await trialPage.focusedSeq()).toBe(second);
});

test('a team of 64 stays usable: lanes keep their width and the diagram scrolls sideways', async ({ page, request, labServer, trialPage, callLab }) => {
  // A debate of 64 on a full graph: 128 calls and 64 × 63 peer messages.
  const id = await runToCompletion(request, labServer.url, {
    name: 'A big debate',
    tasks: { suite: 'arithmetic', count: 1, seed: 3 },
    agents: { model: 'sim:default' },
    teams: [{ structure: 'debate', sizes: [64], rounds: 1 }],
    repetitions: 1,
    seed: 5,
  });
  const list = await callLab('listTrials', { id, cellIndex: 0, offset: 0, limit: 1 });
  const trialId = list.trials[0]?.trialId ?? 1;
  const detail = await callLab('getTrial', { id, trialId });
  const started = Date.now();
  await trialPage.goto(id, trialId);
  await expect(trialPage.lanes).toHaveCount(64);
  await expect(trialPage.bars).toHaveCount(detail.calls.length);
  expect(detail.calls.length).toBe(128);
  // 4,032 arrows would cover the calls: they start hidden, except those of a selected call, and a button shows them.
  await expect(trialPage.toggleArrows).toHaveText('Show 4,032 arrows');
  await expect(trialPage.arrows).toHaveCount(0);
  await trialPage.bar(64).click(); // agent 0's revision, which read the 63 others
  await trialPage.expectPanelFor(64);
  await expect(trialPage.arrows.and(page.locator('.linked[data-to="0"]'))).toHaveCount(63);
  await trialPage.barriers.first().evaluate((line) => line.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: 'test-results/trial-view-64-selected.png' });
  await trialPage.panelClose.click();
  await expect(trialPage.arrows).toHaveCount(0);
  await trialPage.toggleArrows.click();
  await expect(trialPage.toggleArrows).toHaveAttribute('aria-pressed', 'true');
  await expect(trialPage.arrows).toHaveCount(64 * 63);
  expect(Date.now() - started, 'the diagram of 4,032 arrows draws in a few seconds').toBeLessThan(15_000);
  const sizes = await trialPage.diagramScroll.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client * 3);
  // The page itself does not scroll sideways: only the diagram does.
  expect(await page.locator('html').evaluate((html) => html.scrollWidth <= html.clientWidth)).toBe(true);
  // Where the first answers end and the revisions begin: arrows from every agent to every other converge on the barrier.
  await trialPage.barriers.first().evaluate((line) => line.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: 'test-results/trial-view-64.png' });

  // A bar far to the right scrolls into view when the keyboard reaches it, and opens.
  await trialPage.tabIntoDiagram();
  await page.keyboard.press('End');
  const last = trialPage.bars.last();
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await page.keyboard.press('Enter');
  await trialPage.expectPanelFor(Number(await last.getAttribute('data-seq')));
});

test('draws a judge\'s barrier and reads, and a quorum\'s event and cancelled calls', async ({ page, request, labServer, trialPage, callLab }) => {
  const id = await runToCompletion(request, labServer.url, {
    name: 'Judge and quorum',
    tasks: { suite: 'arithmetic', count: 4, seed: 7 },
    agents: { model: 'sim:default' },
    teams: [
      { structure: 'vote', sizes: [3], aggregate: 'judge' },
      { structure: 'vote', sizes: [5], aggregate: 'quorum', quorum: 2 },
    ],
    repetitions: 1,
    seed: 1,
  });

  // The judge: three votes, then one more agent reads them all once the last has ended.
  const judged = (await callLab('listTrials', { id, cellIndex: 0, offset: 0, limit: 1 })).trials[0]?.trialId ?? 1;
  const judge = await callLab('getTrial', { id, trialId: judged });
  await trialPage.goto(id, judged);
  await expect(trialPage.lanes).toHaveCount(4);
  await expect(trialPage.bars).toHaveCount(4);
  await expect(trialPage.barriers).toHaveCount(1);
  await expect(trialPage.barriers.first()).toHaveAttribute('data-round', '1');
  const reads = judge.calls.find((c) => c.round === 1)?.reads.length ?? 0;
  expect(reads).toBe(3);
  await expect(trialPage.arrows.and(page.locator('[data-via="read"][data-to="3"]'))).toHaveCount(reads);
  await page.screenshot({ path: 'test-results/trial-view-judge.png', fullPage: true });

  // The quorum: the second agreeing answer ends the vote; the calls still running are cancelled.
  const quorumTrials = await callLab('listTrials', { id, cellIndex: 1, offset: 0, limit: 4 });
  const quorumId = quorumTrials.trials[0]?.trialId ?? 1;
  const quorum = await callLab('getTrial', { id, trialId: quorumId });
  await trialPage.goto(id, quorumId);
  await expect(trialPage.bars).toHaveCount(5);
  const cancelled = quorum.calls.filter((c) => c.status === 'cancelled').length;
  await expect(trialPage.bars.and(page.locator('[data-status="cancelled"]'))).toHaveCount(cancelled);
  await expect(trialPage.markers.and(page.locator('[data-kind="quorum_reached"]'))).toHaveCount(1);
  await expect(trialPage.events).toHaveCount(quorum.events.length);
  await expect(trialPage.events.first()).toContainText(quorum.events[0]?.detail ?? '');
  if (cancelled > 0) {
    const seq = quorum.calls.find((c) => c.status === 'cancelled')?.seq ?? 0;
    await trialPage.openCall(seq);
    await expect(trialPage.panel.getByTestId('call-status')).toHaveAttribute('data-status', 'cancelled');
    await trialPage.panelClose.click();
  }
  await page.screenshot({ path: 'test-results/trial-view-quorum.png', fullPage: true });
  await expect(trialPage.errorBanners).toHaveCount(0);
});
