import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { arithmeticSuite } from '../../../electron/core/tasks/arithmetic';
import type { TaskItem } from '../../../electron/core/tasks/types';

/** The expression sits alone on the prompt's third line. */
function expressionOf(item: TaskItem): string {
  const line = item.prompt.split('\n')[2] ?? '';
  expect(line).toMatch(/^[\d\s+\-×()]+$/);
  return line;
}

/** Evaluates with JavaScript's own precedence rules: independent of the generator's evaluator. */
const sandbox = createContext({});
function evaluate(expression: string): number {
  return runInContext(expression.replace(/×/g, '*'), sandbox) as number;
}

/** What a solver who ignores precedence (but not brackets) would get. */
function leftToRight(expression: string): number {
  const tokens = expression.match(/\d+|[+\-×()]/g) ?? [];
  let position = 0;
  const operand = (): number => {
    const token = tokens[position++]!;
    if (token !== '(') return Number(token);
    const value = sequence();
    position++;
    return value;
  };
  const sequence = (): number => {
    let value = operand();
    while (position < tokens.length && tokens[position] !== ')') {
      const operator = tokens[position++];
      const next = operand();
      value = operator === '+' ? value + next : operator === '-' ? value - next : value * next;
    }
    return value;
  };
  return sequence();
}

describe('arithmetic suite', () => {
  it('gives the same items for the same seed and different items for another seed', () => {
    const a = arithmeticSuite.generate({ count: 50, seed: 11, difficulty: 4 });
    const b = arithmeticSuite.generate({ count: 50, seed: 11, difficulty: 4 });
    const c = arithmeticSuite.generate({ count: 50, seed: 12, difficulty: 4 });
    expect(b).toEqual(a);
    const samePrompts = a.filter((item, i) => item.prompt === c[i]!.prompt).length;
    expect(samePrompts).toBeLessThan(3);
  });

  it('keeps earlier items when more are drawn', () => {
    const few = arithmeticSuite.generate({ count: 5, seed: 3, difficulty: 3 });
    const many = arithmeticSuite.generate({ count: 40, seed: 3, difficulty: 3 });
    expect(many.slice(0, 5)).toEqual(few);
    expect(many.map((item) => item.index)).toEqual([...Array(40).keys()]);
  });

  it('states answers that an independent evaluation confirms, as reasonable integers', () => {
    for (let difficulty = 1; difficulty <= 10; difficulty++) {
      for (const item of arithmeticSuite.generate({ count: 200, seed: difficulty, difficulty })) {
        const value = evaluate(expressionOf(item));
        expect(item.answer).toBe(String(value));
        expect(Math.abs(value)).toBeLessThan(1_000_000);
        expect(item.suite).toBe('arithmetic');
        expect(item.difficulty).toBe(difficulty);
      }
    }
  });

  it('uses as many operations as the difficulty asks for', () => {
    for (let difficulty = 1; difficulty <= 10; difficulty++) {
      for (const item of arithmeticSuite.generate({ count: 30, seed: 5, difficulty })) {
        const operators = expressionOf(item).match(/[+\-×]/g) ?? [];
        expect(operators).toHaveLength(difficulty);
      }
    }
  });

  it('includes brackets and multiplication at higher difficulty', () => {
    const expressions = arithmeticSuite.generate({ count: 200, seed: 9, difficulty: 5 }).map(expressionOf);
    expect(expressions.filter((e) => e.includes('(')).length).toBeGreaterThan(40);
    expect(expressions.filter((e) => e.includes('×')).length).toBeGreaterThan(100);
  });

  it('asks in plain English for a final "Answer: <number>" line', () => {
    const [item] = arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 2 });
    expect(item!.prompt).toMatch(/^What is the value of the following expression\?/);
    expect(item!.prompt).toMatch(/end your reply with a line of the form "Answer: <number>"\.$/);
  });

  it('gives a hardness in [0, 1] that grows with difficulty', () => {
    const meanHardness = (difficulty: number): number => {
      const items = arithmeticSuite.generate({ count: 500, seed: 2, difficulty });
      for (const item of items) {
        expect(item.hardness).toBeGreaterThanOrEqual(0);
        expect(item.hardness).toBeLessThanOrEqual(1);
      }
      return items.reduce((sum, item) => sum + item.hardness, 0) / items.length;
    };
    const means = [1, 3, 6, 10].map(meanHardness);
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeGreaterThan(means[i - 1]! + 0.1);
  });

  it('varies hardness between items of the same difficulty', () => {
    const hardness = arithmeticSuite.generate({ count: 300, seed: 4, difficulty: 3 }).map((item) => item.hardness);
    expect(Math.max(...hardness) - Math.min(...hardness)).toBeGreaterThan(0.4);
  });

  it('offers 3–5 distinct wrong integers, the precedence slip first when there is one', () => {
    let trapsSeen = 0;
    for (const item of arithmeticSuite.generate({ count: 300, seed: 8, difficulty: 4 })) {
      expect(item.distractors.length).toBeGreaterThanOrEqual(3);
      expect(item.distractors.length).toBeLessThanOrEqual(5);
      expect(new Set(item.distractors).size).toBe(item.distractors.length);
      expect(item.distractors).not.toContain(item.answer);
      for (const d of item.distractors) expect(d).toMatch(/^-?\d+$/);
      const slip = leftToRight(expressionOf(item));
      if (String(slip) !== item.answer) {
        trapsSeen++;
        expect(item.distractors[0]).toBe(String(slip));
      }
    }
    expect(trapsSeen).toBeGreaterThan(50);
  });

  it('grades canonical forms and treats no answer as wrong', () => {
    const item: TaskItem = { ...arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 1 })[0]!, answer: '1234' };
    expect(arithmeticSuite.grade(item, '1234')).toBe(true);
    expect(arithmeticSuite.grade(item, '1,234')).toBe(true);
    expect(arithmeticSuite.grade(item, '1234.0')).toBe(true);
    expect(arithmeticSuite.grade(item, '1235')).toBe(false);
    expect(arithmeticSuite.grade(item, null)).toBe(false);
    expect(arithmeticSuite.grade(item, arithmeticSuite.extract('Working... Answer: 1,234.'))).toBe(true);
  });

  it('refuses a difficulty outside 1..10 with a clear message', () => {
    expect(() => arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 0 })).toThrow(/from 1 to 10/);
    expect(() => arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 11 })).toThrow(RangeError);
    expect(() => arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 2.5 })).toThrow(RangeError);
  });
});
