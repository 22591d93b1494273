/** Theory drawn over the measurements is pure: a fitted curve with its band, the measured points with theirs, and the rules to read them against. */
import { describe, expect, it } from 'vitest';
import type { TooltipItem } from 'chart.js';
import { buildFitChart, DODGE, fitChartSummary, fitRange, niceTicks, sizeTicks, type FitChartSpec } from '../../../renderer/src/charts/fit-chart';
import { amdahlSpec, condorcetSpec, uslSpec } from '../../../renderer/src/charts/theory-charts';
import type { AmdahlFit, CondorcetFit, CurvePoint, MeasuredPoint, UslFit } from '../../../shared/domain/analysis';

const curve = (points: Array<[number, number]>, spread = 0.05): CurvePoint[] => points.map(([n, value]) => ({ n, value, low: value - spread, high: value + spread }));
const measured = (points: Array<[number, number]>, spread = 0.1): MeasuredPoint[] => points.map(([n, value], cellIndex) => ({ n, value, low: value - spread, high: Math.min(1, value + spread), cellIndex }));

const condorcet: CondorcetFit = {
  teamLabel: 'vote (majority)',
  model: 'sim:default',
  rule: 'majority',
  agentAccuracy: 0.7,
  rho: 0.1,
  rhoLow: 0.04,
  rhoHigh: 0.17,
  pairs: 2880,
  items: 40,
  answers: 720,
  answersPerItem: 18,
  sourceCells: [0, 1, 2],
  effectiveSizes: [{ n: 9, nEff: 4.9 }],
  curve: curve([
    [1, 0.7],
    [3, 0.76],
    [5, 0.79],
    [9, 0.81],
  ]),
  independent: [
    { n: 1, value: 0.7 },
    { n: 9, value: 0.91 },
  ],
  measured: measured([
    [1, 0.75],
    [3, 0.71],
    [9, 0.81],
  ]),
  ceiling: { allWrongShare: 0.05, allWrongItems: 2, ceiling: 0.95, ceilingLow: 0.83, ceilingHigh: 0.99, items: 40, answersPerItem: 18 },
  words: 'Errors are correlated, ρ = 0.10: nine voters are worth 4.9 independent ones.',
};

describe('fit chart config', () => {
  const spec = condorcetSpec(condorcet);
  const chart = buildFitChart(spec);
  const datasets = chart.config.data.datasets;
  const byRole = (role: string) => datasets.filter((_, i) => chart.roles[i] === role);

  it('draws the curve with its band: the lower bound filled up to the upper one, the line on top', () => {
    expect(chart.roles.slice(0, 4)).toEqual(['band-upper', 'band-lower', 'curve', 'measured']);
    expect(datasets[0]!.data.map((p) => p.y)).toEqual(condorcet.curve.map((p) => p.high));
    expect(datasets[1]!.data.map((p) => p.y)).toEqual(condorcet.curve.map((p) => p.low));
    expect(datasets[1]!.fill).toBe('-1');
    expect(datasets[2]!.data.map((p) => [p.x, p.y])).toEqual(condorcet.curve.map((p) => [p.n, p.value]));
    expect(datasets[2]!.label).toBe('predicted majority vote (95% band)');
  });

  it('puts the measured accuracies at their sizes with their own intervals as error bars, unjoined', () => {
    const [points] = byRole('measured');
    expect(points!.data.map((p) => [p.x, p.y, p.low, p.high])).toEqual(condorcet.measured.map((p) => [p.n, p.value, p.low, p.high]));
    expect(points!.showLine).toBe(false);
    expect(chart.config.plugins?.map((p) => p.id)).toEqual(['quorumPointAnnotations']);
  });

  it('draws the textbook binomial dashed, and the co-failure ceiling as a rule with its Clopper–Pearson interval shaded', () => {
    const [independent] = byRole('reference');
    expect(independent!.label).toBe('independent errors (textbook binomial)');
    expect(independent!.borderDash).toEqual([5, 4]);
    const [ceiling] = byRole('rule');
    expect(ceiling!.label).toBe('co-failure ceiling 95.0% (95% interval 83.0% to 99.0%)');
    expect(ceiling!.data.map((p) => p.y)).toEqual([0.95, 0.95]);
    expect(ceiling!.data[0]!.label).toBe('ceiling 95.0%');
    const bands = datasets.filter((d) => d.label?.startsWith('co-failure ceiling') && d.label.endsWith('(band lower)'));
    expect(bands[0]!.data.map((p) => p.y)).toEqual([0.83, 0.83]);
  });

  it('lists only curves, points, references and rules in the legend, and words every point in its tooltip', () => {
    const filter = chart.config.options?.plugins?.legend?.labels?.filter;
    expect(chart.roles.map((_, i) => filter?.({ datasetIndex: i } as never, {} as never))).toEqual(chart.roles.map((r) => !r.startsWith('band')));
    const label = chart.config.options?.plugins?.tooltip?.callbacks?.label as (item: TooltipItem<'line'>) => string;
    expect(label({ datasetIndex: 3, dataIndex: 2 } as TooltipItem<'line'>)).toBe('measured accuracy (95% interval) at n=9: 81.0% (95% interval 71.0% to 91.0%)');
  });

  it('zooms the y axis onto what is drawn, inside 0 to 100% for accuracy, and spans the sizes', () => {
    expect(chart.range.y.min).toBeLessThanOrEqual(0.61);
    expect(chart.range.y.min).toBeGreaterThan(0.4);
    expect(chart.range.y.max).toBe(1);
    expect(chart.range.x.min).toBeLessThan(1);
    expect(chart.range.x.max).toBeGreaterThan(9);
  });

  it('draws a team predicted at one size as a marker with an error bar, set apart from its measurement', () => {
    const lone: FitChartSpec = {
      series: [{ label: 'debate: predicted', curve: curve([[3, 0.8]]), measured: measured([[3, 0.78]]) }],
      y: { title: 'Predicted accuracy', format: String, bounds: { min: 0, max: 1 }, step: 0.05 },
    };
    const built = buildFitChart(lone);
    expect(built.roles).toEqual(['curve', 'measured']);
    const [predicted, seen] = built.config.data.datasets;
    expect(predicted!.data.map((p) => [p.x, p.low, p.high])).toEqual([[3 - DODGE, lone.series[0]!.curve[0]!.low, lone.series[0]!.curve[0]!.high]]);
    expect(seen!.data[0]!.x).toBe(3 + DODGE);
    expect(predicted!.showLine).toBe(false);
  });

  it('reads as words for screen readers: the curve from end to end, every measured point, the references and rules', () => {
    const summary = fitChartSummary(spec);
    expect(summary).toContain('predicted majority vote (95% band): from 70.0% at n=1 to 81.0% at n=9');
    expect(summary).toContain('n=3 71.0% (61.0% to 81.0%)');
    expect(summary).toContain('independent errors (textbook binomial) (dashed)');
    expect(summary).toContain('co-failure ceiling 95.0%');
  });

  it('never lets the range collapse when every value is the same', () => {
    const flat = fitRange({ series: [{ label: 'x', curve: curve([[1, 1], [2, 1]], 0), measured: [] }], y: { title: 'C', format: String, step: 0.1 } });
    expect(flat.y.max).toBeGreaterThan(flat.y.min);
  });
});

describe('theory specs', () => {
  const amdahl: AmdahlFit = {
    teamLabel: 'leader-worker',
    model: 'sim:default',
    p: 0.6,
    pLow: 0.5,
    pHigh: 0.7,
    maxSpeedup: 2.5,
    rmse: 0.05,
    curve: curve([[1, 1], [2, 1.43], [4, 1.82], [8, 2.1]], 0.1),
    measured: measured([[1, 1], [4, 1.8]]),
    words: 'Sixty per cent of the work divides.',
  };

  it("draws Amdahl's ceiling 1 / (1 − p) when it is near the measurements, and leaves it to the words when far above", () => {
    expect(amdahlSpec(amdahl).rules?.map((r) => r.label)).toEqual(['no team exceeds 2.5×: 1 / (1 − p)']);
    expect(amdahlSpec({ ...amdahl, maxSpeedup: 40 }).rules).toEqual([]);
    expect(amdahlSpec({ ...amdahl, maxSpeedup: null }).rules).toEqual([]);
    expect(amdahlSpec(amdahl).y.title).toBe('Speedup over one agent');
  });

  const usl: UslFit = {
    teamLabel: 'debate (full)',
    model: 'sim:default',
    quantity: 'speed',
    alpha: 0.1,
    alphaLow: 0.05,
    alphaHigh: 0.2,
    beta: 0.02,
    betaLow: 0.01,
    betaHigh: 0.03,
    peak: 6.7,
    peakLow: 5.1,
    peakHigh: null,
    rmse: 0.02,
    curve: curve([[1, 1], [4, 2.6], [8, 2.9], [12, 2.7]], 0.2),
    measured: measured([[1, 1], [4, 2.5]]),
    words: 'A team past seven is slower.',
  };

  it("marks the USL's peak n* where it falls among the sizes drawn, with what is known of its interval", () => {
    expect(uslSpec(usl).rules).toEqual([{ label: 'peak n* = 6.7 (95% interval 5.1 to ?)', short: 'n* = 6.7', orientation: 'vertical', value: 6.7 }]);
    expect(uslSpec({ ...usl, peak: 30 }).rules).toEqual([]);
    expect(uslSpec({ ...usl, peak: null }).rules).toEqual([]);
    expect(uslSpec({ ...usl, quantity: 'cost' }).y.title).toBe('Work per token vs one agent, C(n)');
    const chart = buildFitChart(uslSpec(usl));
    const peak = chart.config.data.datasets[chart.roles.indexOf('rule')]!;
    expect(peak.data.map((p) => [p.x, p.y])).toEqual([
      [6.7, chart.range.y.min],
      [6.7, chart.range.y.max],
    ]);
  });
});

describe('axis ticks', () => {
  it('marks one agent, then round team sizes, never a fraction of an agent', () => {
    expect(sizeTicks(0.1, 31.9)).toEqual([1, 5, 10, 15, 20, 25, 30]);
    expect(sizeTicks(0.5, 18.5)).toEqual([1, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(sizeTicks(2.5, 5.5)).toEqual([3, 4, 5]);
  });

  it('puts value ticks on whole steps inside the range', () => {
    expect(niceTicks(0.55, 1, 6)).toEqual([0.6, 0.7, 0.8, 0.9, 1]);
    expect(niceTicks(0.9, 1.1, 6)).toEqual([0.9, 0.95, 1, 1.05, 1.1]);
  });
});
