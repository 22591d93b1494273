/** Answers read out of replies the way real models write them: long working, markdown, LaTeX, JSON. */
import { describe, expect, it } from 'vitest';
import { extractNumber } from '../../../electron/core/tasks/extract';
import { extractText, normaliseText, textsMatch } from '../../../electron/core/tasks/text-answer';

const GSM8K_STYLE = `Let's break this down.

1. The bakery sold 40 muffins at $3 each: 40 × 3 = $120.
2. It sold 64 cookies at $1.50 each: 64 × 1.5 = $96.
3. Adding both: 120 + 96 = 216.

Double-checking: 216 − 120 = 96, which matches the cookies.

**Final answer:** $216`;

describe('numbers in real prose', () => {
  it('takes the marked final answer, not the last number of a check that follows it', () => {
    expect(extractNumber(GSM8K_STYLE)).toBe('216');
    expect(extractNumber('The answer is 18.\n\n(Check: 9 + 9 = 18, and 18 − 1 = 17 would be wrong.)')).toBe('18');
  });

  it('falls back on the last number when nothing is marked', () => {
    expect(extractNumber('First 6 × 7 = 42, then 42 + 8 = 50')).toBe('50');
  });

  it('reads JSON answers under any usual key, the last one winning', () => {
    expect(extractNumber('{"steps": ["40*3=120", "64*1.5=96"], "final_answer": 216}')).toBe('216');
    expect(extractNumber('Draft: {"answer": 200}. Corrected: {"answer": "216"}')).toBe('216');
    expect(extractNumber('```json\n{\n  "result": -17\n}\n```')).toBe('-17');
  });

  it('ignores braces that are not JSON', () => {
    expect(extractNumber('We have $\\frac{1}{2}$ of {the 84 plants}, so \\boxed{42}.')).toBe('42');
  });

  it('reads numbers glued to units only when asked to (word problems)', () => {
    expect(extractNumber('So it covers 554km')).toBe(null);
    expect(extractNumber('So it covers 554km', { unitsMayFollow: true })).toBe('554');
    expect(extractNumber('It takes 2.5h in the 3rd hour block', { unitsMayFollow: true })).toBe('2.5');
  });

  it('finds nothing in a reply without a number', () => {
    expect(extractNumber("I'm not able to work this out reliably, sorry.")).toBeNull();
  });
});

describe('free-text answers', () => {
  it('needs an explicit answer: a marker, \\boxed{} or JSON, the last one winning', () => {
    expect(extractText('The capital of France is a well-known fact.\n\nAnswer: Paris')).toBe('Paris');
    expect(extractText('I first thought the answer was Lyon. Checking again, the final answer is **Paris**.')).toBe('Paris');
    expect(extractText('Thus $\\boxed{\\text{Paris}}$')).toBe('Paris');
    expect(extractText('{"answer": "Paris", "confidence": 0.9}')).toBe('Paris');
    expect(extractText('It is Paris, of course.')).toBeNull();
  });

  it('does not take the instruction template for an answer', () => {
    expect(extractText('You asked me to end with "Answer: <your answer>", but I am unsure.')).toBeNull();
  });

  it('compares texts as SQuAD does: case, punctuation and articles do not matter', () => {
    expect(normaliseText('  The Eiffel-Tower! ')).toBe('eiffel tower');
    expect(textsMatch('Eiffel Tower', 'the eiffel tower.')).toBe(true);
    expect(textsMatch('Eiffel Tower', 'Tower of Pisa')).toBe(false);
    expect(textsMatch('Eiffel Tower', null)).toBe(false);
  });
});
