/** The recommendation rule on predicted values: what gets recommended, in what order the rest follow, and what a budget does. */
import { describe, expect, it } from 'vitest';
import { BudgetTooSmall, rankCells, type RuleCell } from '../../../electron/core/recommend/rule';

const cell = (candidateIndex: number, accuracy: number, tokens: number, size = 1): RuleCell => ({ candidateIndex, accuracy, tokens, size });

describe('objective "accuracy"', () => {
  const cells = [cell(0, 0.7, 100), cell(1, 0.85, 900, 9), cell(2, 0.862, 1500, 15), cell(3, 0.87, 3000, 31), cell(4, 0.8, 500, 5)];

  it('recommends the cheapest cell within one point of the best predicted accuracy', () => {
    const ranking = rankCells(cells, 'accuracy', null, 0.01);
    expect(ranking.best).toBe(3);
    expect(ranking.recommended).toBe(2);
  });

  it('ranks the cells within the tolerance by tokens, then the rest by accuracy', () => {
    expect(rankCells(cells, 'accuracy', null, 0.01).order).toEqual([2, 3, 1, 4, 0]);
  });

  it('counts a cell exactly one point below the best as within it, and one just past it as not', () => {
    expect(rankCells([cell(0, 0.8, 100), cell(1, 0.81, 200)], 'accuracy', null, 0.01).recommended).toBe(0);
    expect(rankCells([cell(0, 0.7999, 100), cell(1, 0.81, 200)], 'accuracy', null, 0.01).recommended).toBe(1);
  });

  it('breaks a tie in tokens by accuracy, then by the smaller team', () => {
    expect(rankCells([cell(0, 0.8, 100, 3), cell(1, 0.805, 100, 5)], 'accuracy', null, 0.01).recommended).toBe(1);
    expect(rankCells([cell(0, 0.8, 100, 5), cell(1, 0.8, 100, 3)], 'accuracy', null, 0.01).recommended).toBe(1);
  });
});

describe('objective "accuracy-per-token"', () => {
  it('recommends the most accuracy per token', () => {
    const ranking = rankCells([cell(0, 0.7, 100), cell(1, 0.9, 120), cell(2, 0.95, 1000)], 'accuracy-per-token', null, 0.01);
    expect(ranking.recommended).toBe(1);
    expect(ranking.order).toEqual([1, 0, 2]);
  });
});

describe('a token budget', () => {
  const cells = [cell(0, 0.7, 100), cell(1, 0.85, 900), cell(2, 0.9, 3000)];

  it('recommends only a cell predicted within it, and ranks the others last', () => {
    const ranking = rankCells(cells, 'accuracy', 1000, 0.01);
    expect(ranking.recommended).toBe(1);
    expect(ranking.order).toEqual([1, 0, 2]);
    expect([...ranking.withinBudget].sort()).toEqual([0, 1]);
  });

  it('is refused with the cheapest cell when no cell fits', () => {
    let error: unknown;
    try {
      rankCells(cells, 'accuracy', 50, 0.01);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BudgetTooSmall);
    expect(error).toMatchObject({ budgetTokens: 50, cheapestTokens: 100, cheapestIndex: 0 });
    expect((error as Error).message).toContain('the cheapest is predicted at 100');
  });
});
