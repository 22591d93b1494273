/** The coding-job figures as small multiples: which axis gives the lines, which the panels, and what each panel draws. */
import { describe, expect, it } from 'vitest';
import type { JobFigure, JobFigurePoint, JobSeries } from '../../../shared/domain/job-metrics';
import { buildJobPanelChart, dodge, DODGE_STEP, jobPanelSummary, lineMarker, sharedYRange } from '../../../renderer/src/charts/job-figure-chart';
import { seriesColor } from '../../../renderer/src/charts/palette';
import { layoutJobFigure, varyingAxes } from '../../../renderer/src/lib/job-figure-layout';
import { keyValueText, pointWords, valueFormat } from '../../../renderer/src/lib/job-figure-text';

const MODELS = ['claude-sonnet-4-6', 'gemini-3-flash-preview', 'gpt-5.2'];
const MODES = ['preassign', 'self-claim'];
const PS = [0.9, 0.2, 0.5];
const amdahl = (p: number, n: number): number => 1 / (1 - p + p / n);

function point(x: number, y: number, spread = 0.2, runs = 5): JobFigurePoint {
  return { x, y, low: y - spread, high: y + spread, runs };
}

/** 3 models × 2 modes × 3 p, n = 2…5, each speedup a made-up fraction of Amdahl's; Amdahl's curve per p from n = 1 to 5. */
function speedupFigure(): JobFigure {
  const series: JobSeries[] = [];
  MODELS.forEach((model, m) =>
    MODES.forEach((mode, d) =>
      PS.forEach((p) =>
        series.push({
          label: `${model}, ${mode}, p = ${p}`,
          key: { model, mode, p },
          points: [5, 3, 2, 4].map((n) => point(n, amdahl(p, n) * (0.9 - 0.1 * m - 0.2 * d))),
        }),
      ),
    ),
  );
  return {
    id: 'speedup',
    title: 'Speedup by team size',
    xLabel: 'Team size (agents)',
    yLabel: 'Speedup over one agent',
    series,
    references: PS.map((p) => ({ label: `Amdahl, p = ${p}`, key: { p }, points: [1, 2, 3, 4, 5].map((n) => ({ x: n, y: amdahl(p, n), low: null, high: null, runs: 0 })) })),
    caption: 'Mean wall-clock of successful runs at n = 1 over that at n.',
  };
}

describe('laying a figure out as small multiples', () => {
  const figure = speedupFigure();
  const layout = layoutJobFigure(figure);

  it('draws p as the lines and makes one panel per model and mode, rows by model and columns by mode', () => {
    expect(varyingAxes(figure.series)).toEqual(['model', 'mode', 'p']);
    expect(layout.lineAxis).toBe('p');
    expect(layout.panelAxes).toEqual(['model', 'mode']);
    expect(layout.panels).toHaveLength(6);
    expect(layout.columns).toBe(2);
    expect(layout.panels.map((panel) => panel.title)).toEqual([
      'claude-sonnet-4-6 · pre-assigned',
      'claude-sonnet-4-6 · self-claim (decentralized)',
      'gemini-3-flash-preview · pre-assigned',
      'gemini-3-flash-preview · self-claim (decentralized)',
      'gpt-5.2 · pre-assigned',
      'gpt-5.2 · self-claim (decentralized)',
    ]);
  });

  it('gives each p one style in every panel, in ascending order, and sorts each line by team size', () => {
    expect(layout.styles.map((s) => s.label)).toEqual(['p = 0.2', 'p = 0.5', 'p = 0.9']);
    for (const panel of layout.panels) {
      expect(panel.lines.map((l) => [l.label, l.style])).toEqual([
        ['p = 0.2', 0],
        ['p = 0.5', 1],
        ['p = 0.9', 2],
      ]);
      for (const line of panel.lines) expect(line.series.points.map((p) => p.x)).toEqual([2, 3, 4, 5]);
    }
  });

  it("draws Amdahl's curve at each p in every panel, in the colour of that p's line and in line order (a saved figure's legend)", () => {
    for (const panel of layout.panels) {
      expect(panel.references.map((r) => [r.reference.label, r.style])).toEqual([
        ['Amdahl, p = 0.2', 0],
        ['Amdahl, p = 0.5', 1],
        ['Amdahl, p = 0.9', 2],
      ]);
    }
  });

  it('keeps the measured points exactly as the lab gave them', () => {
    const panel = layout.panels.find((p) => p.key.model === 'gpt-5.2' && p.key.mode === 'self-claim')!;
    const line = panel.lines.find((l) => l.series.key.p === 0.9)!;
    const given = figure.series.find((s) => s.key.model === 'gpt-5.2' && s.key.mode === 'self-claim' && s.key.p === 0.9)!;
    expect(line.series.points).toEqual([...given.points].sort((a, b) => a.x - b.x));
  });

  it('lets the reader draw the modes as the lines instead: then a panel per model and p, with the one Amdahl curve of its p', () => {
    const byMode = layoutJobFigure(figure, 'mode');
    expect(byMode.lineAxis).toBe('mode');
    expect(byMode.panelAxes).toEqual(['model', 'p']);
    expect(byMode.panels).toHaveLength(9);
    expect(byMode.columns).toBe(3);
    const panel = byMode.panels.find((p) => p.key.model === 'gpt-5.2' && p.key.p === 0.5)!;
    expect(panel.title).toBe('gpt-5.2 · p = 0.5');
    expect(panel.lines.map((l) => l.label)).toEqual(['pre-assigned', 'self-claim (decentralized)']);
    expect(panel.references.map((r) => [r.reference.label, r.style])).toEqual([['Amdahl, p = 0.5', null]]);
    // A line axis that does not vary falls back to the default.
    expect(layoutJobFigure(figure, 'execution').lineAxis).toBe('p');
  });

  it('puts rounds against async on the lines of a barrier-utilization figure, one panel per mode', () => {
    const barrier: JobFigure = {
      id: 'barrier-utilization',
      title: 'Barrier utilization',
      xLabel: 'Team size (agents)',
      yLabel: 'Busy agent-time share',
      // The lab may list async first and self-claim first: the lines and panels still read in the modes' and executions' own order.
      series: ['self-claim', 'preassign'].flatMap((mode) =>
        ['async', 'rounds'].map((execution) => ({ label: `${mode}, ${execution}`, key: { mode, execution, model: 'sim:default' }, points: [point(2, 0.6, 0.05), point(4, 0.5, 0.05)] })),
      ),
      references: [],
      caption: '',
    };
    const drawn = layoutJobFigure(barrier);
    expect(drawn.lineAxis).toBe('execution');
    expect(drawn.panels.map((p) => p.title)).toEqual(['pre-assigned', 'self-claim (decentralized)']);
    expect(drawn.panels[0]!.lines.map((l) => l.label)).toEqual(['rounds with a barrier', 'asynchronous']);
  });

  it('draws a figure of one series as one untitled panel', () => {
    const single = layoutJobFigure({ series: [{ label: 'all runs', key: { model: 'm' }, points: [point(1, 2)] }], references: [] });
    expect(single.lineAxis).toBeNull();
    expect(single.panels).toHaveLength(1);
    expect(single.panels[0]!.title).toBe('');
    expect(single.panels[0]!.lines[0]!.label).toBe('all runs');
    expect(single.columns).toBe(1);
  });
});

describe('one panel as a chart', () => {
  const figure = speedupFigure();
  const layout = layoutJobFigure(figure);
  const format = valueFormat(figure);
  const range = sharedYRange(layout, format);
  const panel = layout.panels[0]!;
  const chart = buildJobPanelChart(figure, panel, layout, range, format);
  const datasets = chart.config.data.datasets;

  it('draws each p as points with their intervals as error bars, joined, in its colour and marker', () => {
    expect(chart.roles).toEqual(['line', 'line', 'line', 'reference', 'reference', 'reference']);
    panel.lines.forEach((line, i) => {
      const dataset = datasets[i]!;
      expect(dataset.label).toBe(line.label);
      expect(dataset.borderColor).toBe(seriesColor(line.style));
      expect(dataset.pointStyle).toBe(lineMarker(line.style));
      expect(dataset.showLine).toBe(true);
      // Set a little apart in x around the true size, in style order; the values are the lab's.
      expect(dataset.data.map((p) => [p.x, p.y, p.low, p.high])).toEqual(line.series.points.map((p) => [p.x + dodge(line.style, 3), p.y, p.low, p.high]));
    });
    expect(datasets[0]!.data[0]!.words).toBe(`p = 0.2 at n = 2: ${pointWords(format, panel.lines[0]!.series.points[0]!)}`);
  });

  it('spreads the lines of a panel around each size so equal values stay visible, and leaves one line where it is', () => {
    expect([0, 1, 2].map((style) => dodge(style, 3))).toEqual([-DODGE_STEP, 0, DODGE_STEP]);
    expect(dodge(0, 1)).toBe(0);
  });

  it("draws Amdahl's curves dashed, unmarked, in their line's colour", () => {
    const reference = datasets[5]!;
    expect(reference.label).toBe('Amdahl, p = 0.9');
    expect(reference.borderDash).toEqual([6, 4]);
    expect(reference.pointRadius).toBe(0);
    expect(reference.borderColor).toBe(seriesColor(2));
    expect(reference.data.map((p) => p.y)).toEqual([1, 2, 3, 4, 5].map((n) => amdahl(0.9, n)));
  });

  it('gives every panel one y range from zero that holds every interval and the Amdahl curves in view, and ticks at the measured sizes', () => {
    const top = Math.max(...figure.series.flatMap((s) => s.points.map((p) => p.high!)), amdahl(0.9, 5));
    expect(range.min).toBe(0);
    expect(range.max).toBeGreaterThanOrEqual(top);
    expect(range.max).toBeLessThan(top * 1.5);
    const other = buildJobPanelChart(figure, layout.panels[5]!, layout, range, format);
    expect(other.config.options?.scales?.y).toMatchObject({ min: range.min, max: range.max });
    expect(chart.config.options?.scales?.y).toMatchObject({ min: range.min, max: range.max });
    expect(layout.xs).toEqual([2, 3, 4, 5]);
  });

  it('shows the legend once above the panels on screen, and in a saved panel', () => {
    expect(chart.config.options?.plugins?.legend).toMatchObject({ display: false });
    expect(chart.printConfig.options?.plugins?.legend).toMatchObject({ position: 'bottom' });
    expect(chart.printConfig.data.datasets).toBe(chart.config.data.datasets);
  });

  it('reads rates as percentages kept within 0 to 100%, and speedups as multiples', () => {
    expect(valueFormat({ id: 'success' }).value(0.964)).toBe('96.4%');
    expect(sharedYRange({ ys: [0.4, 0.98, 1] }, valueFormat({ id: 'final-tests' }))).toMatchObject({ min: 0, max: 1 });
    expect(format.value(1.8)).toBe('1.8×');
    expect(valueFormat({ id: 'tokens' }).value(123_400)).toBe('123k');
    expect(keyValueText('p', 0.9)).toBe('p = 0.9');
  });

  it('says the panel in words for screen readers: every point of every line, and what is dashed', () => {
    const words = jobPanelSummary(figure, panel, format);
    expect(words.startsWith('Speedup by team size, claude-sonnet-4-6 · pre-assigned: speedup over one agent against team size (agents).')).toBe(true);
    for (const line of panel.lines) for (const p of line.series.points) expect(words).toContain(pointWords(format, p));
    expect(words).toContain('Dashed: Amdahl, p = 0.2, Amdahl, p = 0.5, Amdahl, p = 0.9.');
  });
});
