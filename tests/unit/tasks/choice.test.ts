import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { choiceSuite } from '../../../electron/core/tasks/choice';
import { extractChoice } from '../../../electron/core/tasks/choice-extract';
import type { TaskItem } from '../../../electron/core/tasks/types';
import { solveWordProblem } from './solvers';

const sandbox = createContext({});
const evaluate = (expression: string): number => runInContext(expression.replace(/×/g, '*'), sandbox) as number;
const optionValue = (text: string): number => Number(text.replace(/^\$/, ''));

/** The question's own right value, worked out from its text alone. */
function rightValue(item: TaskItem): number {
  const question = item.prompt.split('\n\nA) ')[0]!;
  const expression = /\n\n([\d\s+\-×()]+)$/.exec(question);
  return expression ? evaluate(expression[1]!) : solveWordProblem(question);
}

describe('choice suite: generation', () => {
  const items = choiceSuite.generate({ count: 120, seed: 9, difficulty: 3 });

  it('is deterministic per seed and item', () => {
    expect(choiceSuite.generate({ count: 120, seed: 9, difficulty: 3 })).toEqual(items);
    expect(choiceSuite.generate({ count: 7, seed: 9, difficulty: 3 })).toEqual(items.slice(0, 7));
  });

  it('offers four options A–D, exactly one of them right, and the answer is its letter', () => {
    for (const item of items) {
      expect(item.choices).toHaveLength(4);
      expect(item.prompt).toMatch(/\nA\) .+\nB\) .+\nC\) .+\nD\) .+\n\n.*"Answer: <letter>" \(A, B, C or D\)\.$/s);
      const right = rightValue(item);
      const matching = item.choices!.map((c, i) => (Math.abs(optionValue(c) - right) < 1e-6 ? 'ABCD'[i] : null)).filter((l) => l !== null);
      expect(matching, item.prompt).toEqual([item.answer]);
    }
  });

  it('asks arithmetic and word problems, and spreads the right letter over A–D', () => {
    expect(items.some((i) => i.prompt.startsWith('What is the value'))).toBe(true);
    expect(items.some((i) => !i.prompt.startsWith('What is the value'))).toBe(true);
    const letters = new Set(items.map((i) => i.answer));
    expect(letters).toEqual(new Set(['A', 'B', 'C', 'D']));
  });

  it('lists the wrong letters by temptation, the first being the common mistake (a precedence slip)', () => {
    let checked = 0;
    for (const item of choiceSuite.generate({ count: 600, seed: 10, difficulty: 2 })) {
      expect([...item.distractors].sort()).toEqual(['A', 'B', 'C', 'D'].filter((l) => l !== item.answer));
      const expression = /\n\n([\d\s+\-×()]+)\n\nA\)/.exec(item.prompt)?.[1];
      if (!expression || !expression.includes('×') || expression.includes('(')) continue;
      // Read strictly left to right, ignoring that × binds tighter.
      const tokens = expression.split(' ');
      let slip = Number(tokens[0]);
      for (let i = 1; i < tokens.length; i += 2) slip = tokens[i] === '+' ? slip + Number(tokens[i + 1]) : tokens[i] === '-' ? slip - Number(tokens[i + 1]) : slip * Number(tokens[i + 1]);
      if (slip === rightValue(item)) continue;
      const first = 'ABCD'.indexOf(item.distractors[0]!);
      expect(optionValue(item.choices![first]!), item.prompt).toBe(slip);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('choice suite: reading the letter out of real replies', () => {
  const choices = ['35', '42', '50', '41'];
  const read = (reply: string) => extractChoice(reply, choices);

  it('finds an explicit answer in the forms models write it', () => {
    expect(read('6 × 7 = 42, then 42 + 8 = 50. Option A (35) comes from reading left to right, which is wrong.\n\nAnswer: C')).toBe('C');
    expect(read('The correct answer is **(B) 42**.')).toBe('B');
    expect(read('Working it through, I get 42, so the answer is b.')).toBe('B');
    expect(read('**Answer:**\n\nD')).toBe('D');
    expect(read('Final answer: B) 42')).toBe('B');
    expect(read('I choose (c) because the products come first.')).toBe('C');
    expect(read('The final answer is $\\boxed{A}$.')).toBe('A');
    expect(read('```json\n{"reasoning": "multiply first", "answer": "C"}\n```')).toBe('C');
    expect(read('{"final_answer": "b"}')).toBe('B');
  });

  it('takes the last explicit answer when a reply changes its mind', () => {
    expect(read('My first answer: A. Checking again, 6 × 7 is 42, not 35.\nFinal answer: B')).toBe('B');
  });

  it('reads a letter set apart, or a last line naming an option', () => {
    expect(read('Multiplying first gives 42, so **B**.')).toBe('B');
    expect(read('After checking each option, (D) is the only one that fits.')).toBe('D');
    expect(read('Let me evaluate.\n6 × 7 = 42 and 42 + 8 = 50.\nC) 50')).toBe('C');
    expect(read('B')).toBe('B');
  });

  it('maps the option text itself to its letter', () => {
    expect(read('Multiplying first: 6 × 7 = 42, and adding 8 gives 50. The answer is 50.')).toBe('C');
    expect(read('So the expression comes to 41')).toBe('D');
    expect(extractChoice('The answer is Venus.', ['Mercury', 'Venus', 'Earth', 'Mars'])).toBe('B');
    expect(extractChoice('$12.70 is what she pays.', ['$12.07', '$12.70', '$13.70', '$11.70'])).toBe('B');
  });

  it('finds no answer where there is none, and never reads a pronoun or an article as a letter', () => {
    expect(read('I am not sure which option is meant here; the answer is a bit unclear to me.')).toBeNull();
    expect(read('I think I need more information before I choose.')).toBeNull();
    expect(read('Answer: E')).toBeNull();
    expect(read('The answer is 60.')).toBeNull();
  });

  it('grades the extracted letter against the item', () => {
    const item = choiceSuite.generate({ count: 1, seed: 2, difficulty: 2 })[0]!;
    const wrong = item.distractors[0]!;
    expect(choiceSuite.grade(item, choiceSuite.extract(`Answer: ${item.answer}`, item))).toBe(true);
    expect(choiceSuite.grade(item, choiceSuite.extract(`Answer: ${wrong}`, item))).toBe(false);
    expect(choiceSuite.grade(item, choiceSuite.extract('No idea.', item))).toBe(false);
    const answerText = item.choices!['ABCD'.indexOf(item.answer)]!;
    expect(choiceSuite.extract(`The answer is ${answerText}.`, item)).toBe(item.answer);
  });
});
