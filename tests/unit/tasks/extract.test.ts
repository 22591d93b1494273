import { describe, expect, it } from 'vitest';
import { canonicalNumber, extractNumber } from '../../../electron/core/tasks/extract';

const replies: Array<[string, string, string | null]> = [
  ['plain marker', 'Answer: 42', '42'],
  ['negative in bold', 'Let me think. 3 - 20 = -17, so the answer is **-17**.', '-17'],
  ['boxed with thousands separator', 'Adding up gives the final value.\n\n$\\boxed{1,234}$', '1234'],
  ['boxed with text inside', 'The final answer is $\\boxed{\\text{56}}$.', '56'],
  ['equals at the end', 'Multiplying first: 6 × 7 = 42, then 42 + 8 = 50', '50'],
  ['trailing period', 'So it comes out at 99.', '99'],
  ['decimal zero', 'The answer is 42.0', '42'],
  ['working then final sentence', '12 + 30 = 42. 42 - 40 = 2. 2 × 6 = 12. So the final answer is 12', '12'],
  ['marker beats a later number', 'Answer: 18\n\n(Check: 9 + 9 = 18, and 3 × 6 = 18 too, not 19.)', '18'],
  ['last marker wins', 'My first answer: 40. Wait, I dropped a term. Final answer: 47', '47'],
  ['bold marker', 'First 5 × 5 = 25.\n\n**Answer:** 31', '31'],
  ['result marker', 'Then 14 - 3 gives 11. So the result is **-305**.', '-305'],
  ['unicode minus', 'Answer: \u2212273', '-273'],
  ['explicit plus sign and leading zeros', 'Answer: +007', '7'],
  ['thousands separator without marker', 'After all the steps I get 12,480.', '12480'],
  ['large negative with separators', 'The answer is -1,000,000.', '-1000000'],
  ['subtraction is not a sign', 'It is simply 10-3', '3'],
  ['latex inline after marker', 'The answer is \\(64\\).', '64'],
  ['no number at all', "I'm not able to work this out reliably, sorry.", null],
  ['marker without a number', 'The answer is unclear to me.', null],
  ['empty reply', '', null],
  ['negative zero', 'Answer: -0', '0'],
  ['non-integer kept as decimal', 'The answer is 2.50', '2.5'],
];

describe('extractNumber', () => {
  it.each(replies)('%s', (_label, reply, expected) => {
    expect(extractNumber(reply)).toBe(expected);
  });
});

describe('canonicalNumber', () => {
  it('normalises signs, separators, leading and trailing zeros', () => {
    expect(canonicalNumber('+1,234.500')).toBe('1234.5');
    expect(canonicalNumber('-0.0')).toBe('0');
    expect(canonicalNumber('0042')).toBe('42');
    expect(canonicalNumber('12345678901234567890')).toBe('12345678901234567890');
  });

  it('refuses text that is not a plain number', () => {
    expect(canonicalNumber('12a')).toBeNull();
    expect(canonicalNumber('1,23')).toBeNull();
    expect(canonicalNumber('')).toBeNull();
  });
});
