/**
 * A run's rounds, drawn from its recorded events alone: an imported paper
 * run has no calls, yet the trial view shows its agents' turns round by
 * round, the barriers, every edit, claim (blocked ones marked), completion
 * and test run (failures marked), reads it in words for screen readers, lets
 * the keyboard walk the turns, and saves it as a file.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { JobEvent } from '../../../shared/domain/jobs';
import type { TrialDetail } from '../../../shared/domain/trials';
import { slug } from '../../../renderer/src/charts/export/file-name';
import { ChartFiles } from '../../pages/chart-files';
import { JobRoundsPage } from '../../pages/job-rounds-page';
import { TrialPage } from '../../pages/trial-page';
import { expect, test } from './fixtures';
import { importPaper, paperExperimentIds } from './paper-import';

async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations in ${what}`).toEqual([]);
}

const RUN_LEVEL = new Set(['run_start', 'round_start', 'final_tests', 'run_end']);
const failedTests = (e: JobEvent): boolean => e.kind === 'run_tests' && e.returncode !== undefined && e.returncode !== 0 && e.returncode !== 5;

test.beforeAll(async ({ labServer }) => {
  importPaper(labServer.databasePath);
});

test("draws an imported run's rounds from its events: turns, barriers, blocked claims, failed tests; in words and by keyboard", async ({ page, callLab }) => {
  test.setTimeout(90_000);
  // A decentralized (self-claim) run of three or more agents with blocked claims and a failing test run: the marks that matter.
  const imported = paperExperimentIds(await callLab('listExperiments', {}));
  let found: TrialDetail | null = null;
  let experiment = '';
  for (const id of imported) {
    const { cells } = await callLab('getResults', { id });
    for (const cell of cells.filter((c) => c.size >= 3 && c.params.mode === 'self-claim')) {
      const { trials } = await callLab('listTrials', { id, cellIndex: cell.cellIndex, limit: 10 });
      for (const summary of trials) {
        const detail = await callLab('getTrial', { id, trialId: summary.trialId });
        const rounds = detail.jobEvents.filter((e) => e.kind === 'round_start').length;
        if (detail.jobEvents.some((e) => e.kind === 'claim_blocked') && detail.jobEvents.some(failedTests) && rounds >= 4 && rounds <= 20) {
          found = detail;
          experiment = id;
          break;
        }
      }
      if (found) break;
    }
    if (found) break;
  }
  expect(found, 'an imported decentralized run with blocked claims and failed tests').not.toBeNull();
  const detail = found!;
  const events = detail.jobEvents;
  expect(detail.calls).toEqual([]);

  const trialPage = new TrialPage(page);
  const rounds = new JobRoundsPage(page);
  await trialPage.goto(experiment, detail.trial.trialId);
  await expect(rounds.section).toBeVisible();
  // An imported run has no calls: the calls diagram is not offered in place of the rounds.
  await expect(trialPage.diagram).toHaveCount(0);

  const roundCount = new Set(events.filter((e) => e.kind === 'round_start').map((e) => e.round)).size;
  const turnKeys = new Set(events.filter((e) => e.agent !== null && !RUN_LEVEL.has(e.kind)).map((e) => `${e.agent}:${e.round}`));
  await expect(rounds.drawing).toHaveAttribute('data-execution', 'rounds');
  await expect(rounds.lanes).toHaveCount(detail.cell.agents.length);
  await expect(rounds.bands).toHaveCount(roundCount);
  await expect(rounds.barriers).toHaveCount(roundCount);
  await expect(rounds.turns).toHaveCount(turnKeys.size);
  await expect.poll(() => rounds.glyphTotal('claim-blocked')).toBe(events.filter((e) => e.kind === 'claim_blocked').length);
  await expect.poll(() => rounds.glyphTotal('edit')).toBe(events.filter((e) => e.kind === 'edit_file').length);
  await expect.poll(() => rounds.glyphTotal('complete')).toBe(events.filter((e) => e.kind === 'complete_task' && e.ok !== false).length);
  await expect.poll(() => rounds.glyphTotal('tests-failed')).toBe(events.filter(failedTests).length);
  // The paper's runs have no final test run; their end is marked.
  await expect(rounds.runMarks.and(page.locator('[data-kind="final-tests"]'))).toHaveCount(0);
  await expect(rounds.runMarks.and(page.locator('[data-kind="end"]'))).toHaveCount(events.some((e) => e.kind === 'run_end') ? 1 : 0);

  // In words, for screen readers.
  await expect(rounds.summary).toContainText(`${roundCount} rounds with a barrier; ${detail.cell.agents.length} agents, ${turnKeys.size} turns`);
  await expect(rounds.summary).toContainText(`${events.filter((e) => e.kind === 'claim_blocked').length} blocked claim`);
  await expect(rounds.summary).toContainText('No final test run was recorded.');
  await expect(rounds.drawing).toHaveAttribute('aria-label', /Arrow keys move between turns/);

  // The keyboard: Tab into the drawing, walk an agent's turns, drop to the next agent, open a turn with a blocked claim.
  const firstTurn = rounds.turns.first();
  await firstTurn.focus();
  await expect(firstTurn).toHaveAttribute('tabindex', '0');
  const firstKey = (await firstTurn.getAttribute('data-key'))!;
  await page.keyboard.press('ArrowRight');
  const [agent, round] = firstKey.split(':');
  await expect(page.locator(':focus')).toHaveAttribute('data-agent', agent!);
  await expect(page.locator(':focus')).not.toHaveAttribute('data-round', round!);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('data-agent', String(Number(agent) + 1));

  const blocked = events.find((e) => e.kind === 'claim_blocked')!;
  const turn = rounds.turn(`${blocked.agent}:${blocked.round}`);
  await turn.focus();
  await page.keyboard.press('Enter');
  await expect(rounds.details).toBeVisible();
  await expect(rounds.detailActions.filter({ hasText: `claim on ${blocked.taskId ?? 'a subtask'} blocked` }).first()).toBeVisible();
  await page.keyboard.press('Tab');
  await rounds.detailsClose.click();
  await expect(rounds.details).toHaveCount(0);
  await expect(turn).toBeFocused();

  await page.waitForTimeout(300);
  await expectAccessible(page, "an imported run's rounds");
  await rounds.section.screenshot({ path: 'test-results/job-rounds-imported.png' });

  // Saved as a file: a well-formed SVG with the lanes and the title, and a PNG at print resolution.
  const files = new ChartFiles(page);
  const svgFile = await files.save(page, 'job-rounds', 'svg');
  await files.keep(svgFile);
  expect(svgFile.fileName).toBe(`rounds-of-the-run--${slug(experiment)}-trial-${detail.trial.trialId}.svg`);
  const svg = await files.readSvg(svgFile);
  expect(svg.parseError).toBeNull();
  expect(svg.texts).toEqual(expect.arrayContaining(['Rounds of the run', 'Agent 0', 'Agent 1', 'Agent 2', 'time →']));
  const png = await files.readPng(await files.save(page, 'job-rounds', 'png'));
  expect(png.signature).toBe(true);
  expect(png.dpi).toBe(300);
  expect(png.decoded).toEqual({ width: png.width, height: png.height });
});
