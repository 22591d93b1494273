/** Which cells a verification runs, and when a prediction held. */
import { describe, expect, it } from 'vitest';
import { candidateGrid } from '../../../electron/core/recommend/candidates';
import { judge, verificationCells } from '../../../electron/core/recommend/verify';
import { parseExperimentSpec } from '../../../shared/domain/spec';

const parsed = parseExperimentSpec({
  name: 'grid',
  tasks: { suite: 'arithmetic', count: 400 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', aggregate: 'plurality', sizes: [3, 5, 7, 9, 15, 25] }, { structure: 'debate', sizes: [3, 5], rounds: 2 }],
});
if (!parsed.ok) throw new Error('invalid grid');
const grid = candidateGrid(parsed.value);
const find = (structure: string, size: number) => grid.candidates.find((c) => c.cell.structure === structure && c.cell.size === size)!.candidateIndex;
const chosen = (recommended: number, ranked: number[] = []) => verificationCells(grid, recommended, ranked).map((c) => [c.candidate.cell.structure, c.candidate.cell.size, c.role]);

describe('the cells a verification runs', () => {
  it('runs the recommended cell, n − 2 and n + 2 when they are candidates, and the single agent', () => {
    expect(chosen(find('vote', 7))).toEqual([
      ['vote', 7, 'recommended'],
      ['vote', 5, 'neighbour'],
      ['vote', 9, 'neighbour'],
      ['single', 1, 'single'],
    ]);
  });

  it('takes the nearest candidate size on a side without n ± 2, and none past the family\'s end', () => {
    expect(chosen(find('vote', 15))).toEqual([
      ['vote', 15, 'recommended'],
      ['vote', 9, 'neighbour'],
      ['vote', 25, 'neighbour'],
      ['single', 1, 'single'],
    ]);
    expect(chosen(find('debate', 5))).toEqual([
      ['debate', 5, 'recommended'],
      ['debate', 3, 'neighbour'],
      ['single', 1, 'single'],
    ]);
  });

  it('checks the best-ranked team against a recommended single agent', () => {
    expect(chosen(find('single', 1), [find('single', 1), find('vote', 9), find('vote', 15)])).toEqual([
      ['single', 1, 'recommended'],
      ['vote', 9, 'neighbour'],
    ]);
  });
});

describe('whether a prediction held', () => {
  const predicted = { accuracy: 0.8, low: 0.75, high: 0.84, tokens: 100, latencyMs: 1000 };
  // 100 items, 70 right: SE = sqrt(0.7 · 0.3 / 99) ≈ 0.0461.
  const perItem = Array.from({ length: 100 }, (_, i) => (i < 70 ? 1 : 0));
  const se = Math.sqrt((70 * 0.3 ** 2 + 30 * 0.7 ** 2) / 99 / 100);

  it('widens each side of the predicted interval by the measurement\'s own error, in quadrature', () => {
    const judged = judge(predicted, { perItem, trials: 100, tokens: 100, latencyMs: 1000 }, 1);
    expect(judged.standardError).toBeCloseTo(se, 12);
    expect(judged.accepted.low).toBeCloseTo(0.8 - Math.sqrt(0.05 ** 2 + (1.959963984540054 * se) ** 2), 12);
    expect(judged.accepted.high).toBeCloseTo(0.8 + Math.sqrt(0.04 ** 2 + (1.959963984540054 * se) ** 2), 12);
    expect(judged.measured).toMatchObject({ accuracy: 0.7, trials: 100 });
    expect(judged.held).toBe(true);
  });

  it('does not hold when the measurement falls outside the widened interval', () => {
    const low = Array.from({ length: 400 }, (_, i) => (i < 240 ? 1 : 0));
    const judged = judge(predicted, { perItem: low, trials: 400, tokens: 100, latencyMs: 1000 }, 1);
    expect(judged.measured.accuracy).toBe(0.6);
    expect(judged.accepted.low).toBeGreaterThan(0.6);
    expect(judged.held).toBe(false);
  });
});
