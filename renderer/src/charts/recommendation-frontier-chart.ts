/**
 * Builds the chart.js configuration of a recommendation's cost frontier:
 * every candidate's predicted accuracy (with its 95% interval as an error
 * bar) against its predicted tokens per trial, one series per team, each
 * point labelled by its size, and the recommended cell ringed and named.
 * Cells predicted over the token budget are drawn hollow. Pure.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { CandidateCell, Recommendation } from '../../../shared/domain/recommend';
import { formatPercent } from '../format';
import { accuracyAxis, baseLineOptions, bottomLegend, pointSeries } from './chart-options';
import { formatTokens, sizeLabel, tokenAxis, tokenRange } from './cost-frontier-chart';
import { INK, seriesColor } from './palette';
import { pointAnnotationsPlugin, type AnnotatedPoint } from './point-annotations';

export interface CandidatePoint extends AnnotatedPoint {
  candidateIndex: number;
}

export type RecommendationFrontierConfig = ChartConfiguration<'line', CandidatePoint[]>;

export interface RecommendationFrontierChart {
  config: RecommendationFrontierConfig;
  logX: boolean;
  /** The team of each series dataset, in order; the last dataset is the recommended cell's marker. */
  teams: string[];
}

const HOLLOW = '#fffefb';

function teamOf(cell: CandidateCell, mixed: boolean): string {
  return mixed ? `${cell.label} (${cell.model})` : cell.label;
}

function pointOf(cell: CandidateCell): CandidatePoint {
  return { x: cell.predicted.tokens, y: cell.predicted.accuracy, low: cell.predicted.low, high: cell.predicted.high, label: sizeLabel(cell.size), candidateIndex: cell.candidateIndex };
}

export function buildRecommendationFrontierChart(recommendation: Pick<Recommendation, 'candidates' | 'recommended'>, options: { animate?: boolean } = {}): RecommendationFrontierChart {
  const candidates = recommendation.candidates;
  const mixed = new Set(candidates.map((c) => c.model)).size > 1;
  const teams: string[] = [];
  for (const cell of [...candidates].sort((a, b) => a.rank - b.rank)) {
    const team = teamOf(cell, mixed);
    if (!teams.includes(team)) teams.push(team);
  }
  const byIndex = new Map(candidates.map((c) => [c.candidateIndex, c]));
  const datasets: ChartDataset<'line', CandidatePoint[]>[] = teams.map((team, index) => {
    const cells = candidates.filter((c) => teamOf(c, mixed) === team);
    const dataset = pointSeries(team, cells.map(pointOf), seriesColor(index));
    const color = seriesColor(index);
    return { ...dataset, pointBackgroundColor: dataset.data.map((p) => (byIndex.get(p.candidateIndex)?.withinBudget === false ? HOLLOW : color)), pointBorderColor: color, pointBorderWidth: 2 };
  });
  const chosen = recommendation.recommended;
  datasets.push({
    label: `recommended: ${teamOf(chosen, mixed)}, n=${chosen.size}`,
    data: [{ x: chosen.predicted.tokens, y: chosen.predicted.accuracy, candidateIndex: chosen.candidateIndex }],
    showLine: false,
    borderColor: INK,
    backgroundColor: 'transparent',
    pointStyle: 'circle',
    pointRadius: 11,
    pointHoverRadius: 11,
    pointBorderWidth: 2.5,
    pointHitRadius: 0,
  });
  const RECOMMENDED = datasets.length - 1;
  const range = tokenRange([{ points: candidates.map((c) => ({ x: c.predicted.tokens })) }]);

  const cellOf = (item: TooltipItem<'line'>): CandidateCell | undefined => {
    const point = datasets[item.datasetIndex]?.data[item.dataIndex];
    return point ? byIndex.get(point.candidateIndex) : undefined;
  };

  const config: RecommendationFrontierConfig = {
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      interaction: { mode: 'nearest', intersect: true },
      layout: { padding: { top: 14, right: 28 } },
      scales: { x: tokenAxis(range, 'Predicted tokens per trial'), y: accuracyAxis(true) },
      plugins: {
        legend: bottomLegend(),
        tooltip: {
          filter: (item) => item.datasetIndex !== RECOMMENDED,
          callbacks: {
            title: (items) => {
              const first = items[0];
              const cell = first ? cellOf(first) : undefined;
              return cell ? `${teamOf(cell, mixed)}, n=${cell.size}${cell.rank === 1 ? ' (recommended)' : ` (rank ${cell.rank})`}` : '';
            },
            label: (item) => {
              const cell = cellOf(item);
              if (!cell) return '';
              const p = cell.predicted;
              return `predicted ${formatPercent(p.accuracy)} [${formatPercent(p.low)}, ${formatPercent(p.high)}] at ${formatTokens(p.tokens)} tokens per trial${cell.withinBudget ? '' : ', over the budget'}`;
            },
          },
        },
      },
    },
  };
  return { config, logX: range.log, teams };
}

/** The chart in words, for screen readers. */
export function recommendationFrontierSummary(recommendation: Pick<Recommendation, 'candidates' | 'recommended'>): string {
  const chosen = recommendation.recommended;
  const cells = [...recommendation.candidates].sort((a, b) => a.predicted.tokens - b.predicted.tokens);
  const list = cells.map((c) => `${c.label}, n=${c.size}: ${formatPercent(c.predicted.accuracy)} (${formatPercent(c.predicted.low)} to ${formatPercent(c.predicted.high)}) at ${formatTokens(c.predicted.tokens)} tokens${c.withinBudget ? '' : ', over the budget'}`);
  return `Cost frontier of the candidates: predicted accuracy with its 95% interval against predicted tokens per trial. The recommended cell, ${chosen.label}, n=${chosen.size}, is ringed. From cheapest: ${list.join('; ')}.`;
}
