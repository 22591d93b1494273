import { describe, expect, it } from 'vitest';
import { jobsSuite } from '../../../electron/core/tasks/jobs';
import { splitParts } from '../../../electron/core/teams/tree';
import { solveJobPart } from './solvers';

describe('jobs suite: generation', () => {
  it('is deterministic, and makes k parts (default 4) that the prompt lists as "Part i:" lines', () => {
    const items = jobsSuite.generate({ count: 40, seed: 3, difficulty: 2 });
    expect(jobsSuite.generate({ count: 40, seed: 3, difficulty: 2 })).toEqual(items);
    for (const item of items) {
      expect(item.parts).toHaveLength(4);
      item.parts!.forEach((part, i) => expect(item.prompt).toContain(`\nPart ${i + 1}: ${part.prompt}\n`));
      expect(item.prompt).toMatch(/Answer: <number>/);
    }
    for (const k of [2, 7, 16]) for (const item of jobsSuite.generate({ count: 5, seed: 3, difficulty: 2, parts: k })) expect(item.parts).toHaveLength(k);
  });

  it('gives each part the answer a reader computes from its line, and the item the sum of the parts', () => {
    const items = [1, 4, 10].flatMap((difficulty) => jobsSuite.generate({ count: 40, seed: 12, difficulty, parts: 5 }));
    expect(items.some((i) => i.prompt.includes('Order 1:'))).toBe(true);
    expect(items.some((i) => i.prompt.includes('List 1:'))).toBe(true);
    for (const item of items) {
      const parts = item.parts!.map((part) => solveJobPart(part.prompt));
      item.parts!.forEach((part, i) => expect(Number(part.answer), part.prompt).toBeCloseTo(parts[i]!, 6));
      expect(Number(item.answer)).toBeCloseTo(parts.reduce((a, b) => a + b, 0), 6);
    }
  });

  it('makes longer parts at a higher difficulty', () => {
    const lines = (difficulty: number) => {
      const orders = jobsSuite.generate({ count: 60, seed: 5, difficulty }).filter((i) => i.prompt.includes('Order 1:'));
      return orders[0]!.parts![0]!.prompt.split(' × ').length - 1;
    };
    expect(lines(1)).toBe(1);
    expect(lines(6)).toBe(6);
  });

  it('lists plausible wrong totals, the first being the total without its last part', () => {
    for (const item of jobsSuite.generate({ count: 40, seed: 8, difficulty: 3 })) {
      expect(item.distractors.length).toBeGreaterThanOrEqual(3);
      expect(item.distractors).not.toContain(item.answer);
      const last = Number(item.parts!.at(-1)!.answer);
      if (last > 0) expect(Number(item.distractors[0])).toBeCloseTo(Number(item.answer) - last, 6);
    }
  });

  it('refuses a part count outside 2–16', () => {
    expect(() => jobsSuite.generate({ count: 1, seed: 1, difficulty: 1, parts: 1 })).toThrow('jobs parts must be an integer from 2 to 16, got 1');
  });
});

describe('jobs suite: grading the whole, each part, and partial credit', () => {
  const item = jobsSuite.generate({ count: 30, seed: 21, difficulty: 2, parts: 4 }).find((i) => i.prompt.includes('Order 1:'))!;
  const total = Number(item.answer);
  const part = (i: number) => Number(item.parts![i]!.answer);
  const money = (n: number) => n.toFixed(2);

  it('reads a total out of working that lists every part', () => {
    const reply = [
      ...item.parts!.map((p, i) => `Order ${i + 1} comes to $${money(part(i))}.`),
      `Adding them: ${item.parts!.map((_, i) => money(part(i))).join(' + ')} = ${money(total)}`,
      '',
      `Answer: $${money(total)}`,
    ].join('\n');
    expect(jobsSuite.extract(reply, item)).toBe(item.answer);
    expect(jobsSuite.grade(item, jobsSuite.extract(reply, item))).toBe(true);
  });

  it('gives full credit for the right total, (k − 1)/k for a total missing or repeating one part, else nothing', () => {
    expect(jobsSuite.score!(item, item.answer)).toBe(1);
    expect(jobsSuite.score!(item, money(total - part(2)))).toBe(0.75);
    expect(jobsSuite.score!(item, money(total + part(0)))).toBe(0.75);
    expect(jobsSuite.score!(item, money(total + 0.37))).toBe(0);
    expect(jobsSuite.score!(item, null)).toBe(0);
  });

  it('grades a worker\'s result against its own part', () => {
    expect(jobsSuite.gradePart!(item, 1, item.parts![1]!.answer)).toBe(true);
    expect(jobsSuite.gradePart!(item, 1, money(part(1) + 0.1))).toBe(false);
    expect(jobsSuite.gradePart!(item, 1, item.parts![2]!.answer === item.parts![1]!.answer ? '0.01' : item.parts![2]!.answer)).toBe(false);
    expect(jobsSuite.gradePart!(item, 9, item.answer)).toBe(false);
  });

  it('lets a leader who copies the prompt\'s part lines hand each worker its own part', () => {
    const reply = `Sure, here is the split:\n\n${item.parts!.map((p, i) => `${i + 1}. **Part ${i + 1}:** ${p.prompt}`).join('\n')}`;
    const split = splitParts(reply, 4, item.prompt);
    expect(split.found).toEqual([true, true, true, true]);
    expect(split.parts).toEqual(item.parts!.map((p, i) => `Part ${i + 1}: ${p.prompt}`));
  });
});
