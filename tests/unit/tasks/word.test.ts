import { describe, expect, it } from 'vitest';
import { WORD_TOLERANCE, wordSuite } from '../../../electron/core/tasks/word';
import { solveWordProblem } from './solvers';

const question = (prompt: string): string => prompt.split('\n\n')[0]!;

describe('word suite: generation', () => {
  it('gives the same items for the same seed, other items for another, and keeps earlier items when more are drawn', () => {
    const a = wordSuite.generate({ count: 30, seed: 4, difficulty: 3 });
    expect(wordSuite.generate({ count: 30, seed: 4, difficulty: 3 })).toEqual(a);
    expect(wordSuite.generate({ count: 5, seed: 4, difficulty: 3 })).toEqual(a.slice(0, 5));
    const other = wordSuite.generate({ count: 30, seed: 5, difficulty: 3 });
    expect(other.filter((item, i) => item.prompt === a[i]!.prompt).length).toBeLessThan(2);
  });

  it('states answers that a reader of the question alone confirms, exact to the cent', () => {
    for (let difficulty = 1; difficulty <= 10; difficulty += 3) {
      for (const item of wordSuite.generate({ count: 60, seed: 8, difficulty })) {
        expect(Number(item.answer), item.prompt).toBeCloseTo(solveWordProblem(question(item.prompt)), 6);
        expect(item.answer).toMatch(/^\d+(\.\d{1,2})?$/);
      }
    }
  });

  it('uses every template: trips, shopping by weight, machines together, fuel bills', () => {
    const prompts = wordSuite.generate({ count: 80, seed: 2, difficulty: 2 }).map((i) => i.prompt);
    expect(prompts.some((p) => p.includes('km/h'))).toBe(true);
    expect(prompts.some((p) => p.startsWith('At a market'))).toBe(true);
    expect(prompts.some((p) => p.includes('per minute'))).toBe(true);
    expect(prompts.some((p) => p.includes('litres of fuel per 100 km'))).toBe(true);
    // Unit conversions a reader must make: minutes in a trip, grams at the market.
    expect(prompts.some((p) => / for \d+ minutes/.test(p))).toBe(true);
    expect(prompts.some((p) => / \d+ g of /.test(p))).toBe(true);
  });

  it('chains more quantities at a higher difficulty, and its items get harder on average', () => {
    const legs = (d: number) => wordSuite.generate({ count: 200, seed: 3, difficulty: d }).filter((i) => i.prompt.includes('km/h'));
    for (const item of legs(1)) expect(item.prompt.match(/km\/h/g)).toHaveLength(1);
    for (const item of legs(5)) expect(item.prompt.match(/km\/h/g)).toHaveLength(5);
    const meanHardness = (d: number) => {
      const items = wordSuite.generate({ count: 300, seed: 3, difficulty: d });
      return items.reduce((s, i) => s + i.hardness, 0) / items.length;
    };
    expect(meanHardness(1)).toBeLessThan(meanHardness(4));
    expect(meanHardness(4)).toBeLessThan(meanHardness(8));
  });

  it('offers distinct plausible wrong answers, the first a real slip (minutes read as decimal hours)', () => {
    for (const item of wordSuite.generate({ count: 100, seed: 6, difficulty: 1 })) {
      expect(item.distractors.length).toBeGreaterThanOrEqual(3);
      expect(new Set(item.distractors).size).toBe(item.distractors.length);
      expect(item.distractors).not.toContain(item.answer);
      const leg = /at (\d+) km\/h for (\d+) minutes/.exec(item.prompt);
      // 45 minutes read as 0.45 hours.
      if (leg) expect(Number(item.distractors[0])).toBeCloseTo((Number(leg[1]) * Number(leg[2])) / 100, 6);
    }
  });

  it('refuses a difficulty outside 1–10 and says what the knob means', () => {
    expect(() => wordSuite.generate({ count: 1, seed: 1, difficulty: 11 })).toThrow('word difficulty must be an integer from 1 to 10 (legs, products, machines or days per problem), got 11');
  });
});

describe('word suite: reading and grading replies', () => {
  const item = { ...wordSuite.generate({ count: 1, seed: 1, difficulty: 1 })[0]!, answer: '12.75' };
  const grade = (reply: string) => wordSuite.grade(item, wordSuite.extract(reply, item));

  it('reads the final number of real working, with units and currency', () => {
    const working = [
      'The apples cost 1.5 × 3.20 = 4.80 dollars and the cheese 0.25 × 18.40 = 4.60 dollars.',
      'Adding the bread at 3.35 gives 4.80 + 4.60 + 3.35 = 12.75.',
      '',
      'Answer: $12.75',
    ].join('\n');
    expect(wordSuite.extract(working, item)).toBe('12.75');
    expect(wordSuite.extract('Leg one: 96 × 2.75 = 264 km. Leg two: 116 × 2.5 = 290 km. Altogether 554km', item)).toBe('554');
    expect(wordSuite.extract('**Answer:** 1,250.5 km', item)).toBe('1250.5');
    expect(wordSuite.extract('Answer: €12.75', item)).toBe('12.75');
    expect(wordSuite.extract('On the 2nd leg it covers 30 km, so 80 km in all.', item)).toBe('80');
    expect(wordSuite.extract('```json\n{"reasoning": "3 legs", "final_answer": 12.75}\n```', item)).toBe('12.75');
    expect(wordSuite.extract('I cannot tell how long the second leg took, so I will not guess.', item)).toBeNull();
  });

  it('grades with a tolerance of half a cent: rounding the exact value to 1 decimal is wrong', () => {
    expect(WORD_TOLERANCE).toBe(0.005);
    expect(grade('Answer: 12.75')).toBe(true);
    expect(grade('Answer: 12.750 dollars')).toBe(true);
    expect(grade('The total is 12.7500001')).toBe(true);
    expect(grade('Answer: 12.8')).toBe(false);
    expect(grade('Answer: 12.74')).toBe(false);
    expect(grade('no idea')).toBe(false);
  });
});
