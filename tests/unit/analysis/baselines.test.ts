/**
 * Which cell each cell is compared with, and the single agent's vote at equal
 * tokens: the rules a user reads in docs/statistics.md, on real cell grids.
 */
import { describe, expect, it } from 'vitest';
import { hypergeometricMajority } from '../../../electron/core/analysis/condorcet';
import { pluralityAccuracy, samplesForTokens } from '../../../electron/core/analysis/cost-matched';
import { singleBaseline, smallerBaseline } from '../../../electron/core/analysis/paired/baselines';
import { expandCells, parseExperimentSpec, type CellSpec } from '../../../shared/domain/spec';

function cellsOf(spec: Record<string, unknown>): CellSpec[] {
  const parsed = parseExperimentSpec({ name: 'grid', tasks: { suite: 'arithmetic', count: 4 }, ...spec });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return expandCells(parsed.value);
}

const measured = () => true;
const find = (cells: CellSpec[], predicate: (c: CellSpec) => boolean) => cells.find(predicate)!;

describe('the single agent a cell is compared with', () => {
  const cells = cellsOf({
    agents: { models: ['sim:default', 'sim:strong'] },
    teams: [
      { structure: 'single' },
      { structure: 'vote', sizes: [3, 5], aggregate: 'majority' },
      { structure: 'debate', sizes: [3, 5], rounds: [1, 2], faults: { byzantine: [0, 1] } },
      { structure: 'leader-worker', workers: [1, 2, 3] },
      { structure: 'vote', label: 'mixed', sizes: [3], agents: [{ model: 'sim:strong', count: 2 }, { model: 'sim:default' }] },
    ],
  });
  const single = (model: string) => find(cells, (c) => c.structure === 'single' && c.model === model);

  it('is the fault-free single agent of the same model; the single agent itself has none', () => {
    const vote = find(cells, (c) => c.structure === 'vote' && c.size === 5 && c.model === 'sim:strong');
    expect(singleBaseline(vote, cells, measured)).toEqual({ cellIndex: single('sim:strong').index, reason: 'the single agent of sim:strong' });
    expect(singleBaseline(single('sim:default'), cells, measured)).toBeNull();
    const faulty = find(cells, (c) => c.structure === 'debate' && c.faults.byzantine === 1 && c.model === 'sim:default');
    expect(singleBaseline(faulty, cells, measured)).toEqual({ cellIndex: single('sim:default').index, reason: 'the single agent of sim:default, without faults' });
  });

  it('for a team of several models, is the single agent of the model most of its agents use', () => {
    const mixed = find(cells, (c) => c.label === 'mixed');
    expect(singleBaseline(mixed, cells, measured)).toEqual({ cellIndex: single('sim:strong').index, reason: 'the single agent of sim:strong, the model 2 of its 3 agents use' });
    // Without a finished single agent of that model there is no comparison.
    expect(singleBaseline(mixed, cells, (index) => index !== single('sim:strong').index)).toBeNull();
  });

  it('prefers the single agent at the team\'s temperature', () => {
    const grid = cellsOf({
      agents: { model: 'sim:default', temperature: 0.7 },
      teams: [{ structure: 'single' }, { structure: 'single', label: 'cool', agents: [{ temperature: 0.2 }] }, { structure: 'vote', label: 'cool vote', sizes: [3], agents: [{ count: 3, temperature: 0.2 }] }],
    });
    expect(singleBaseline(grid[2]!, grid, measured)?.cellIndex).toBe(1);
    expect(singleBaseline(grid[1]!, grid, measured)).toBeNull();
  });
});

describe('the next smaller size of the same team', () => {
  const cells = cellsOf({
    agents: { model: 'sim:default' },
    teams: [
      { structure: 'vote', sizes: [3, 5, 9], aggregate: 'majority' },
      { structure: 'vote', sizes: [1, 7], aggregate: 'plurality' },
      { structure: 'debate', sizes: [3, 5], rounds: [1, 2], faults: { byzantine: [0, 1] } },
      { structure: 'leader-worker', workers: [1, 2, 3] },
    ],
  });
  const cell = (predicate: (c: CellSpec) => boolean) => find(cells, predicate);

  it('keeps the entry, the rule, the rounds and the faults, and steps down the size', () => {
    expect(smallerBaseline(cell((c) => c.entry === 0 && c.size === 9), cells, measured)?.cellIndex).toBe(cell((c) => c.entry === 0 && c.size === 5).index);
    expect(smallerBaseline(cell((c) => c.entry === 0 && c.size === 3), cells, measured)).toBeNull();
    // The plurality vote of 7 steps down to its own entry's 1, not to the majority vote of 5.
    expect(smallerBaseline(cell((c) => c.entry === 1 && c.size === 7), cells, measured)?.cellIndex).toBe(cell((c) => c.entry === 1 && c.size === 1).index);
    const debate = cell((c) => c.structure === 'debate' && c.size === 5 && c.params.rounds === 2 && c.faults.byzantine === 1);
    const smaller = smallerBaseline(debate, cells, measured)!;
    expect(cells[smaller.cellIndex]).toMatchObject({ size: 3, params: { rounds: 2 }, faults: { byzantine: 1 } });
    expect(smaller.reason).toBe('the same team at the next smaller size, n = 3');
  });

  it('steps along the parameter that sets the size (a leader over k workers)', () => {
    const three = cell((c) => c.structure === 'leader-worker' && c.params.workers === 3);
    expect(cells[smallerBaseline(three, cells, measured)!.cellIndex]!.params.workers).toBe(2);
  });

  it('skips sizes without finished trials', () => {
    const nine = cell((c) => c.entry === 0 && c.size === 9);
    const five = cell((c) => c.entry === 0 && c.size === 5);
    expect(smallerBaseline(nine, cells, (index) => index !== five.index)?.cellIndex).toBe(cell((c) => c.entry === 0 && c.size === 3).index);
  });
});

describe('a plurality vote of k of the single agent\'s answers', () => {
  const right = { answer: '42', correct: true };
  const wrong = (answer: string) => ({ answer, correct: false });

  it('splits a tie evenly and lets no answer cast no vote', () => {
    // Three answers, k = 3: every draw takes all three, a three-way tie.
    expect(pluralityAccuracy([right, wrong('41'), wrong('43')], 3, 500, 1)).toBeCloseTo(1 / 3, 12);
    expect(pluralityAccuracy([right, { answer: null, correct: false }, { answer: null, correct: false }], 3, 500, 1)).toBe(1);
    expect(pluralityAccuracy([{ answer: null, correct: false }], 1, 50, 1)).toBe(0);
  });

  it('drawn without replacement, matches the hypergeometric tail when wrong answers coincide', () => {
    // 6 right and 4 identical wrong answers: the plurality of 5 is right exactly when 3 or more of the 5 are.
    const answers = [...Array(6).fill(right), ...Array(4).fill(wrong('41'))];
    expect(pluralityAccuracy(answers, 5, 40_000, 7)).toBeCloseTo(hypergeometricMajority(5, 6, 10), 2);
  });

  it('drawn with replacement when the item has fewer answers than k', () => {
    // One right, one wrong, k = 3 with replacement: right in a majority of three fair draws, half the time.
    expect(pluralityAccuracy([right, wrong('41')], 3, 40_000, 3)).toBeCloseTo(0.5, 2);
  });

  it('buys k = round(team tokens / single-agent tokens), at least one', () => {
    expect(samplesForTokens(2574, 144)).toBe(18);
    expect(samplesForTokens(50, 144)).toBe(1);
    expect(samplesForTokens(null, 144)).toBeNull();
    expect(samplesForTokens(100, 0)).toBeNull();
  });
});
