/**
 * Quorum's own coding-job runs on the sim, as a user starts them: the
 * example of the paper's two experiments runs from its card and its figures
 * draw speedup against Amdahl per mode, with the lab's numbers; a run's
 * rounds show its final tests. A small run of both executions draws barrier
 * utilization of rounds against async, and an async run's rounds have no
 * barriers.
 */
import type { JobEvent } from '../../../shared/domain/jobs';
import { layoutJobFigure } from '../../../renderer/src/lib/job-figure-layout';
import { JobFiguresPage } from '../../pages/job-figures-page';
import { JobRoundsPage } from '../../pages/job-rounds-page';
import { TrialPage } from '../../pages/trial-page';
import { expect, runToCompletion, test } from './fixtures';

/** Both executions, both of the paper's modes, on one domain: small enough to run in seconds. */
const BOTH_EXECUTIONS = {
  name: 'Rounds against async',
  tasks: { suite: 'coding', p: [0.9], domains: ['math'], seed: 3 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'coding-team', sizes: [1, 2, 4], mode: ['preassign', 'self-claim'], execution: ['rounds', 'async'] }],
  seed: 5,
};

test("runs the paper's example on the sim from its card and draws its speedups against Amdahl, per mode", async ({ page, experimentsPage, experimentPage, callLab }) => {
  test.setTimeout(240_000);
  await experimentsPage.goto();
  await experimentsPage.runExample('paper-amdahl-sim');
  await expect(experimentPage.view).toBeVisible();
  await experimentPage.expectStatus('completed', 200_000);
  const id = /#\/experiments\/([^/?#]+)/.exec(page.url())![1]!;
  const { jobs } = await callLab('getResults', { id: decodeURIComponent(id) });
  expect(jobs).not.toBeNull();

  const view = new JobFiguresPage(page);
  await expect(view.figures).toHaveCount(jobs!.figures.length);
  const speedup = jobs!.figures.find((f) => f.id === 'speedup')!;
  const layout = layoutJobFigure(speedup);
  expect(layout.lineAxis).toBe('p');
  expect(layout.panelAxes).toEqual(['mode']);
  expect(layout.styles.map((s) => s.label)).toEqual(['p = 0.2', 'p = 0.5', 'p = 0.9']);
  await expect(view.panels('speedup')).toHaveCount(2);
  expect(await view.panels('speedup').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-panel')))).toEqual(['pre-assigned', 'self-claim (decentralized)']);
  for (const p of [0.2, 0.5, 0.9]) await expect(view.legend('speedup')).toContainText(speedup.references.find((r) => r.key.p === p)!.label);
  await expect(view.figure('speedup').getByTestId('job-figure-caption')).toHaveText(speedup.caption);
  await expect(view.figure('final-tests')).toHaveCount(jobs!.figures.some((f) => f.id === 'final-tests') ? 1 : 0);

  await page.waitForTimeout(400);
  await view.figure('speedup').screenshot({ path: 'test-results/job-sim-speedup.png' });
  await view.section.screenshot({ path: 'test-results/job-sim-figures.png' });

  // A run of three agents: its rounds, its barriers and its final tests.
  const { cells } = await callLab('getResults', { id: decodeURIComponent(id) });
  const cell = cells.find((c) => c.size === 3 && c.params.mode === 'self-claim')!;
  const { trials } = await callLab('listTrials', { id: decodeURIComponent(id), cellIndex: cell.cellIndex, limit: 1 });
  const detail = await callLab('getTrial', { id: decodeURIComponent(id), trialId: trials[0]!.trialId });
  const final = detail.jobEvents.find((e) => e.kind === 'final_tests');
  expect(final, 'a sim run ends with a final test run').toBeDefined();
  const trialPage = new TrialPage(page);
  const rounds = new JobRoundsPage(page);
  await trialPage.goto(decodeURIComponent(id), detail.trial.trialId);
  await expect(rounds.drawing).toHaveAttribute('data-execution', 'rounds');
  await expect(rounds.lanes).toHaveCount(3);
  await expect(rounds.barriers).toHaveCount(new Set(detail.jobEvents.filter((e) => e.kind === 'round_start').map((e) => e.round)).size);
  const passed = final!.returncode === 0;
  await expect(page.locator('[data-testid="job-run-mark"][data-kind="final-tests"]')).toHaveAttribute('data-passed', String(passed));
  await expect(rounds.summary).toContainText(passed ? 'passed' : 'failed');
  await rounds.section.screenshot({ path: 'test-results/job-sim-rounds.png' });
});

test('draws barrier utilization of rounds against async, and an async run without barriers', async ({ page, request, labServer, experimentPage, callLab }) => {
  test.setTimeout(180_000);
  const id = await runToCompletion(request, labServer.url, BOTH_EXECUTIONS, 120_000);
  const { jobs, cells } = await callLab('getResults', { id });
  const barrier = jobs!.figures.find((f) => f.id === 'barrier-utilization');
  expect(barrier, 'the barrier-utilization figure').toBeDefined();
  const view = new JobFiguresPage(page);
  await experimentPage.goto(id);
  const layout = layoutJobFigure(barrier!);
  expect(layout.lineAxis).toBe('execution');
  await expect(view.legendEntries('barrier-utilization')).toHaveText([/^rounds with a barrier/, /^asynchronous/]);
  await expect(view.panels('barrier-utilization')).toHaveCount(layout.panels.length);
  await page.waitForTimeout(400);
  await view.figure('barrier-utilization').screenshot({ path: 'test-results/job-sim-barrier-utilization.png' });

  const cell = cells.find((c) => c.size === 4 && c.params.execution === 'async' && c.params.mode === 'self-claim')!;
  const { trials } = await callLab('listTrials', { id, cellIndex: cell.cellIndex, limit: 1 });
  const detail = await callLab('getTrial', { id, trialId: trials[0]!.trialId });
  const replies = detail.jobEvents.filter((e: JobEvent) => e.kind === 'agent_reply');
  const trialPage = new TrialPage(page);
  const rounds = new JobRoundsPage(page);
  await trialPage.goto(id, detail.trial.trialId);
  await expect(rounds.drawing).toHaveAttribute('data-execution', 'async');
  await expect(rounds.barriers).toHaveCount(0);
  await expect(rounds.bands).toHaveCount(0);
  await expect(rounds.turns).toHaveCount(replies.length);
  await expect(rounds.summary).toContainText('asynchronous: no barrier');
  await rounds.section.screenshot({ path: 'test-results/job-sim-rounds-async.png' });
});
