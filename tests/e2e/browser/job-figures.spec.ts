/**
 * The paper's released runs, imported by the lab's own command, open in the
 * experiment view as the paper's figures and ours: each figure as small
 * multiples with the lab's numbers, captions and notes; pooled over the six
 * imported experiments, speedup reads as 3 models × 2 modes × 3 p with
 * Amdahl's curves; a panel saves with its legend; and the view stays
 * accessible.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { JobFigure } from '../../../shared/domain/job-metrics';
import { layoutJobFigure } from '../../../renderer/src/lib/job-figure-layout';
import { pointWords, valueFormat } from '../../../renderer/src/lib/job-figure-text';
import { ChartFiles } from '../../pages/chart-files';
import { JobFiguresPage } from '../../pages/job-figures-page';
import { expect, test } from './fixtures';
import { importPaper, paperExperimentIds } from './paper-import';



async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations in ${what}`).toEqual([]);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ labServer }) => {
  importPaper(labServer.databasePath);
});

test("draws an imported paper experiment's figures with the lab's numbers, captions and notes", async ({ page, experimentPage, callLab }) => {
  const [first] = paperExperimentIds(await callLab('listExperiments', {}));
  expect(first, 'an experiment imported from the paper').toBeDefined();
  const { jobs } = await callLab('getResults', { id: first! });
  expect(jobs).not.toBeNull();
  const view = new JobFiguresPage(page);
  await experimentPage.goto(first!);
  await expect(view.section).toBeVisible();
  await expect(view.figures).toHaveCount(jobs!.figures.length);
  for (const figure of jobs!.figures) {
    const shown = view.figure(figure.id);
    await expect(shown.locator('h3')).toHaveText(figure.title);
    await expect(shown.getByTestId('job-figure-caption')).toHaveText(figure.caption);
  }
  await expect(view.notes).toHaveCount(jobs!.notes.length);
  for (const note of jobs!.notes) await expect(view.notes.filter({ hasText: note })).toHaveCount(1);

  // A line per p with Amdahl's curve at that p, in as many panels as the experiment has models and modes.
  const speedup = jobs!.figures.find((f) => f.id === 'speedup')!;
  const layout = layoutJobFigure(speedup);
  expect(layout.lineAxis).toBe('p');
  await expect(view.panels('speedup')).toHaveCount(layout.panels.length);
  await expect(view.legendEntries('speedup')).toHaveText(layout.styles.map((s) => new RegExp(`^${escape(s.label)}`)));
  await expect(view.legend('speedup')).toContainText('Amdahl p = 0.9');
  await expectNumbers(view, speedup);
  const chart = view.panels('speedup').first().getByTestId('job-panel-chart');
  const p09 = speedup.series.find((s) => s.key.p === 0.9)!;
  const five = p09.points.find((p) => p.x === 5)!;
  await expect(chart).toHaveAttribute('aria-label', new RegExp(escape(`n = 5 ${pointWords(valueFormat(speedup), five)}`)));

  await page.waitForTimeout(400);
  await expectAccessible(page, 'the coding-job figures of an imported experiment');
  await view.figure('speedup').screenshot({ path: 'test-results/job-figures-paper-speedup.png' });
  await view.section.screenshot({ path: 'test-results/job-figures-paper.png' });
  for (const id of ['conflicts', 'success', 'straggler-gap', 'barrier-utilization']) await view.figure(id).screenshot({ path: `test-results/job-figures-paper-${id}.png` });
});

test("pools every imported experiment: the paper's 3 models × 2 modes as panels of 3 p, with Amdahl; a panel saves with its legend", async ({ page, experimentPage, callLab }) => {
  const [first, ...others] = paperExperimentIds(await callLab('listExperiments', {}));
  expect(others.length).toBeGreaterThan(0);
  const pooled = await callLab('getJobFigures', { ids: [first!, ...others] });
  const view = new JobFiguresPage(page);
  await experimentPage.goto(first!);
  await view.openPool();
  for (const id of others) await view.poolChoice(id).check();
  await view.poolDraw.click();
  await expect(view.pooledBanner).toContainText(`Pooled over this experiment and ${others.length} other`);

  const speedup = pooled.figures.find((f) => f.id === 'speedup')!;
  const layout = layoutJobFigure(speedup);
  expect(layout.panelAxes).toEqual(['model', 'mode']);
  await expect(view.panels('speedup')).toHaveCount(6);
  expect(await view.panels('speedup').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-panel')))).toEqual(layout.panels.map((p) => p.title));
  await expect(view.legendEntries('speedup')).toHaveCount(3);
  await expectNumbers(view, speedup);

  // The modes as the lines instead, chosen from the keyboard: a panel per model and p.
  const select = view.lineAxis('speedup');
  await select.focus();
  await select.selectOption('mode');
  await expect(view.panels('speedup')).toHaveCount(layoutJobFigure(speedup, 'mode').panels.length);
  await select.selectOption('p');

  const files = new ChartFiles(page);
  const firstPanel = view.panels('speedup').first();
  const svg = await files.readSvg(await files.save(firstPanel, 'job-panel-chart', 'svg'));
  expect(svg.parseError).toBeNull();
  expect(svg.texts).toEqual(expect.arrayContaining([`${speedup.title} — ${layout.panels[0]!.title}`, 'p = 0.2', 'p = 0.9', 'Amdahl p = 0.9', speedup.xLabel, speedup.yLabel]));

  await page.waitForTimeout(400);
  await expectAccessible(page, 'the pooled coding-job figures');
  await view.figure('speedup').screenshot({ path: 'test-results/job-figures-pooled-speedup.png' });
  await view.section.screenshot({ path: 'test-results/job-figures-pooled.png' });

  await view.poolAlone.click();
  await expect(view.pooledBanner).toHaveCount(0);
  await expect(view.panels('speedup')).toHaveCount(layoutJobFigure((await callLab('getResults', { id: first! })).jobs!.figures.find((f) => f.id === 'speedup')!).panels.length);
});

/** The numbers table holds each point the lab gave, formatted as the figure reads it. */
async function expectNumbers(view: JobFiguresPage, figure: JobFigure): Promise<void> {
  const format = valueFormat(figure);
  const points = figure.series.flatMap((s) => s.points);
  await view.openNumbers(figure.id);
  await expect(view.rows(figure.id)).toHaveCount(points.length);
  const cells = await view.rows(figure.id).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  const values = cells.map((row) => row.at(-4));
  expect(values.sort()).toEqual(points.map((p) => format.value(p.y)).sort());
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
