/**
 * Every chart saves as PNG and as SVG from a control the keyboard reaches:
 * the PNG is a real picture at print resolution, the SVG a well-formed vector
 * file holding the series' marks, the legend and the axis labels, and both are
 * named after the figure and the experiment.
 */
import type { Page } from '@playwright/test';
import { slug } from '../../../renderer/src/charts/export/file-name';
import { SERIES_COLORS } from '../../../renderer/src/charts/palette';
import { ChartFiles } from '../../pages/chart-files';
import { expect, runToCompletion, test } from './fixtures';

const VOTES = {
  name: 'Votes against one agent',
  tasks: { suite: 'arithmetic', count: 30, seed: 7 },
  agents: { model: 'sim:default', temperature: 0.7 },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5], aggregate: 'majority' }],
  repetitions: 2,
  seed: 42,
};

const CRASH = {
  name: 'A crashed agent',
  tasks: { suite: 'arithmetic', count: 20, seed: 5 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3], aggregate: 'majority' }],
  faults: { crash: [0, 1] },
};

interface ChartCase {
  testid: string;
  title: string;
  /** Text the picture must hold: axis titles, legend entries. */
  texts: string[];
  /** Its markers are drawn hollow (the forest plot's differences that do not hold after Holm). */
  hollow?: boolean;
  /** Its first series is a line across the plot. */
  line?: boolean;
}

async function expectBothFiles(page: Page, files: ChartFiles, chart: ChartCase, experiment: string): Promise<void> {
  const figure = page.getByTestId(chart.testid).first();
  await figure.scrollIntoViewIfNeeded();
  const scope = page.locator(`:has(> [data-testid="${chart.testid}"])`).first();
  const onScreen = await figure.boundingBox();
  expect(onScreen, `${chart.testid} is drawn`).not.toBeNull();

  const svgFile = await files.save(scope, chart.testid, 'svg');
  await files.keep(svgFile);
  expect(svgFile.fileName).toBe(`${slug(chart.title)}--${slug(experiment)}.svg`);
  const svg = await files.readSvg(svgFile);
  expect(svg.parseError, `${chart.testid}: the SVG parses`).toBeNull();
  expect(svg.rootName).toBe('svg');
  expect(svg.title).toBe(`${chart.title} (${experiment})`);
  expect(svg.texts).toEqual(expect.arrayContaining([chart.title, experiment, ...chart.texts]));
  // The first series' line and markers are vector marks in its colour, not a picture of them.
  expect(svg.strokes.map((s) => s.toLowerCase()), `${chart.testid}: series strokes`).toContain(SERIES_COLORS[0].toLowerCase());
  if (!chart.hollow) expect(svg.fills.map((s) => s.toLowerCase()), `${chart.testid}: series markers`).toContain(SERIES_COLORS[0].toLowerCase());
  if (chart.line) {
    const widest = Math.max(0, ...svg.polylines.filter((p) => p.stroke.toLowerCase() === SERIES_COLORS[0].toLowerCase()).map((p) => p.width));
    expect(widest, `${chart.testid}: the first series' line crosses the plot`).toBeGreaterThan(svg.width * 0.3);
  }
  expect(svgFile.bytes.includes('<image')).toBe(false);

  const pngFile = await files.save(scope, chart.testid, 'png');
  await files.keep(pngFile);
  expect(pngFile.fileName).toBe(`${slug(chart.title)}--${slug(experiment)}.png`);
  const png = await files.readPng(pngFile);
  expect(png.signature, `${chart.testid}: PNG signature`).toBe(true);
  expect(png.dpi).toBe(300);
  // The figure keeps its on-screen size in inches (plus the title), at 300 pixels to the inch.
  expect(png.width).toBeGreaterThanOrEqual(Math.floor((Math.max(onScreen!.width, 480) * 300) / 96) - 4);
  expect(png.decoded).toEqual({ width: png.width, height: png.height });
}

test('saves every chart of a vote experiment as PNG and SVG', async ({ page, request, labServer, experimentPage }) => {
  test.setTimeout(120_000);
  const id = await runToCompletion(request, labServer.url, VOTES);
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed');
  await expect(page.getByTestId('recommendation-frontier-chart')).toBeVisible({ timeout: 30_000 });
  const files = new ChartFiles(page);
  const sizes = ['1', '3', '5'];
  const cases: ChartCase[] = [
    { testid: 'accuracy-chart', line: true, title: 'Accuracy by team size', texts: ['Team size (agents)', 'Accuracy (%)', 'single', 'vote (majority)', ...sizes] },
    { testid: 'cost-frontier-chart', title: 'Cost frontier', texts: ['Accuracy (%)', 'single', 'vote (majority)'] },
    { testid: 'latency-chart', line: true, title: 'Latency by team size', texts: ['Team size (agents)', 'single', 'vote (majority)'] },
    { testid: 'forest-chart', title: 'Paired differences in accuracy', texts: ['Difference in accuracy (percentage points)'], hollow: true },
    { testid: 'prediction-chart', line: true, title: 'Predicted accuracy by team size', texts: ['Team size (agents)'] },
    { testid: 'recommendation-frontier-chart', title: 'Cost frontier of the candidates', texts: [] },
  ];
  for (const chart of cases) await expectBothFiles(page, files, chart, VOTES.name);

  const theory = page.getByTestId('theory-figure').first();
  const theoryTitle = (await theory.locator('h3').textContent()) ?? '';
  await expectBothFiles(page, files, { testid: 'theory-chart', line: true, title: theoryTitle, texts: ['Team size (agents)'] }, VOTES.name);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByTestId('results-section').screenshot({ path: 'test-results/chart-export-controls.png' });
});

test('saves the fault chart, and each save button names its chart for screen readers', async ({ page, request, labServer, experimentPage }) => {
  const id = await runToCompletion(request, labServer.url, CRASH);
  await experimentPage.goto(id);
  await experimentPage.expectStatus('completed');
  const files = new ChartFiles(page);
  await expect(files.button(page, 'fault-chart', 'svg')).toHaveAccessibleName('Save Accuracy under faults as SVG');
  await expectBothFiles(page, files, { testid: 'fault-chart', title: 'Accuracy under faults', texts: ['Crashed agents (f)'] }, CRASH.name);
});
