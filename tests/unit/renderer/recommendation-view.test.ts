/** How the recommendation panel arranges the lab's recommendation: the questions in order, one predicted curve per team, the frontier with the choice ringed, budgets read as typed. */
import { describe, expect, it } from 'vitest';
import type { TooltipItem } from 'chart.js';
import { buildFitChart } from '../../../renderer/src/charts/fit-chart';
import { buildRecommendationFrontierChart, recommendationFrontierSummary } from '../../../renderer/src/charts/recommendation-frontier-chart';
import { intervalCaption } from '../../../renderer/src/lib/interval-caption';
import { answerEffect, orderedAnswers, parseBudget, predictionSeries, predictionSpec, QUESTION_TITLES, verdictOf } from '../../../renderer/src/lib/recommendation-view';
import type { Answer, CandidateCell } from '../../../shared/domain/recommend';

function candidate(candidateIndex: number, label: string, size: number, rank: number, accuracy: number, tokens: number, measured: number | null, extra: Partial<CandidateCell> = {}): CandidateCell {
  return {
    candidateIndex,
    structure: label.split(' ')[0]!,
    size,
    params: { size },
    label,
    model: 'sim:default',
    calls: size,
    messages: 0,
    predicted: { accuracy, low: accuracy - 0.08, high: accuracy + 0.07, tokens, latencyMs: 1500 },
    rank,
    withinBudget: true,
    added: false,
    basis: 'Condorcet with correlated errors',
    measured: measured === null ? null : { accuracy: measured, low: measured - 0.1, high: measured + 0.1, trials: 42 },
    ...extra,
  };
}

const candidates = [
  candidate(6, 'debate (full)', 3, 1, 0.786, 2560, 0.78),
  candidate(5, 'vote (majority)', 11, 2, 0.738, 1566, 0.74),
  candidate(1, 'vote (majority)', 3, 4, 0.7, 427, null),
  candidate(3, 'vote (majority)', 7, 3, 0.729, 997, null),
  candidate(0, 'single', 1, 5, 0.69, 143, 0.69, { withinBudget: false }),
];

const answer = (question: Answer['question'], effect: number | null): Answer => ({ question, words: `${question} words`, effect, low: effect === null ? null : effect - 0.05, high: effect === null ? null : effect + 0.05 });

describe('the three questions', () => {
  it('puts the answers in the order a reader asks them, whatever order the lab gave', () => {
    const answers = orderedAnswers({ answers: [answer('which-structure', null), answer('team-or-single', 0.06), answer('how-many', 0.02)] });
    expect(answers.map((a) => QUESTION_TITLES[a.question])).toEqual(['Is a team better than one agent here?', 'How many agents?', 'Which structure?']);
  });

  it('gives each answer its effect with the interval, in points, or none', () => {
    expect(answerEffect(answer('team-or-single', 0.06))).toBe('+6.0 points (+1.0 to +11.0)');
    expect(answerEffect(answer('which-structure', null))).toBeNull();
  });
});

describe('predicted curves', () => {
  it('draws one curve per team over its candidate sizes, the pilot-measured cells as points, best-ranked team first', () => {
    const series = predictionSeries(candidates);
    expect(series.map((s) => s.label)).toEqual(['debate (full): predicted', 'vote (majority): predicted', 'single: predicted']);
    const vote = series[1]!;
    expect(vote.curve.map((p) => [p.n, p.value])).toEqual([
      [3, 0.7],
      [7, 0.729],
      [11, 0.738],
    ]);
    expect(vote.measured.map((p) => [p.n, p.value])).toEqual([[11, 0.74]]);
    expect(predictionSpec(candidates).y.bounds).toEqual({ min: 0, max: 1 });
  });

  it('names each team once in the legend, predicted and measured, and marks the candidate sizes on its curve', () => {
    const chart = buildFitChart(predictionSpec(candidates));
    const labels = chart.config.data.datasets.filter((_, i) => chart.roles[i] === 'curve' || chart.roles[i] === 'measured').map((d) => d.label);
    expect(labels).toEqual(['debate (full): predicted', 'debate (full): measured', 'vote (majority): predicted', 'vote (majority): measured', 'single: predicted', 'single: measured']);
    const vote = chart.config.data.datasets[chart.roles.indexOf('band-upper') + 2]!;
    expect(vote.label).toBe('vote (majority): predicted');
    expect(vote.pointRadius).toBeGreaterThan(0);
  });

  it('names the model when the candidates mix models, as the same label on two models is two teams', () => {
    const mixed = [...candidates, candidate(9, 'vote (majority)', 3, 6, 0.6, 400, null, { model: 'sim:weak' })];
    expect(predictionSeries(mixed).map((s) => s.label)).toContain('vote (majority) (sim:weak): predicted');
  });
});

describe('recommendation frontier', () => {
  const recommended = candidates[0]!;
  const chart = buildRecommendationFrontierChart({ candidates, recommended });
  const datasets = chart.config.data.datasets;

  it("plots each team's predicted accuracy against its predicted tokens, with the interval and size on each point", () => {
    expect(chart.teams).toEqual(['debate (full)', 'vote (majority)', 'single']);
    expect(datasets[1]!.data.map((p) => [p.x, p.y, p.label])).toEqual([
      [427, 0.7, 'n=3'],
      [997, 0.729, 'n=7'],
      [1566, 0.738, 'n=11'],
    ]);
    expect(datasets[1]!.data[0]!.low).toBeCloseTo(0.62);
  });

  it('rings the recommended cell in a dataset of its own, named in the legend', () => {
    const ring = datasets[datasets.length - 1]!;
    expect(ring.label).toBe('recommended: debate (full), n=3');
    expect(ring.data.map((p) => [p.x, p.y])).toEqual([[2560, 0.786]]);
    expect(ring.backgroundColor).toBe('transparent');
  });

  it('draws a cell predicted over the budget hollow, and says so in its tooltip', () => {
    expect(datasets[2]!.pointBackgroundColor).toEqual(['#fffefb']);
    expect(datasets[1]!.pointBackgroundColor).toEqual([datasets[1]!.borderColor, datasets[1]!.borderColor, datasets[1]!.borderColor]);
    const label = chart.config.options?.plugins?.tooltip?.callbacks?.label as (item: TooltipItem<'line'>) => string;
    expect(label({ datasetIndex: 2, dataIndex: 0 } as TooltipItem<'line'>)).toBe('predicted 69.0% [61.0%, 76.0%] at 143 tokens per trial, over the budget');
  });

  it('turns to a log axis when tokens span ten times or more', () => {
    expect(chart.logX).toBe(true);
    const x = chart.config.options?.scales?.x as { type: string; title: { text: string } };
    expect(x.type).toBe('logarithmic');
    expect(x.title.text).toBe('Predicted tokens per trial (log scale)');
  });

  it('reads as words for screen readers, cheapest first, naming the recommended cell', () => {
    const summary = recommendationFrontierSummary({ candidates, recommended });
    expect(summary).toContain('The recommended cell, debate (full), n=3, is ringed');
    expect(summary).toContain('From cheapest: single, n=1: 69.0% (61.0% to 76.0%) at 143 tokens, over the budget; vote (majority), n=3');
  });
});

describe('budgets and verdicts', () => {
  it('reads a typed budget: empty for no limit, a whole number of tokens, or what is wrong', () => {
    expect(parseBudget('')).toEqual({ ok: true, value: null });
    expect(parseBudget(' 2,000 ')).toEqual({ ok: true, value: 2000 });
    expect(parseBudget('2k')).toMatchObject({ ok: false, message: expect.stringContaining('whole number of tokens') });
    expect(parseBudget('0')).toMatchObject({ ok: false, message: expect.stringContaining('between 1 and 100,000,000') });
  });

  it('tells a verified cell as held, missed or not measured yet', () => {
    expect([verdictOf({ held: true }), verdictOf({ held: false }), verdictOf({ held: null })]).toEqual(['held', 'missed', 'pending']);
  });
});

describe('interval caption', () => {
  const cell = (intervalMethod: 'wilson' | 'item-clustered') => ({ intervalMethod, label: 'vote', size: 3 });

  it('says which interval the brackets and bands are, from the data', () => {
    expect(intervalCaption([cell('item-clustered'), cell('item-clustered')])).toContain('clustered by item');
    expect(intervalCaption([cell('wilson')])).toContain('Wilson score intervals');
    expect(intervalCaption([cell('wilson')])).not.toContain('clustered');
    const mixed = intervalCaption([cell('wilson'), cell('item-clustered'), cell('item-clustered')]);
    expect(mixed).toContain('clustered by item for the 2 cells');
    expect(mixed).toContain('Wilson score intervals for the 1');
    expect(intervalCaption([])).toBe('');
  });
});
