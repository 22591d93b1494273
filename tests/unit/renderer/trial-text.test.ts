/** Words and numbers on the trial screens. */
import { describe, expect, it } from 'vitest';
import { agentName, formatLogicalMs, outcomeLabel, outcomeMark, pageCount, pageRangeText, paramPairs, TRIAL_FILTERS } from '../../../renderer/src/lib/trial-text';

describe('trial text', () => {
  it('says which trials a page shows', () => {
    expect(pageRangeText({ total: 320, offset: 50 }, 50)).toBe('Trials 51–100 of 320');
    expect(pageRangeText({ total: 320, offset: 300 }, 20)).toBe('Trials 301–320 of 320');
    expect(pageRangeText({ total: 1200, offset: 0 }, 50)).toBe('Trials 1–50 of 1,200');
    expect(pageRangeText({ total: 0, offset: 0 }, 0)).toBe('No trials');
    expect(pageCount(320)).toBe(7);
    expect(pageCount(0)).toBe(1);
  });

  it('offers every outcome as a filter after All, each with a word and a mark', () => {
    expect(TRIAL_FILTERS).toEqual([null, 'correct', 'wrong', 'no_answer', 'failed']);
    expect(TRIAL_FILTERS.map(outcomeLabel)).toEqual(['Not run', 'Correct', 'Wrong', 'No answer', 'Failed']);
    expect(new Set(TRIAL_FILTERS.map(outcomeMark)).size).toBe(5);
  });

  it('names agents by their index, as the lab\'s texts do, and puts the team size first among parameters', () => {
    expect(agentName(0)).toBe('Agent 0');
    expect(paramPairs({ aggregate: 'majority', size: 5 })).toEqual([
      { name: 'size', value: '5' },
      { name: 'aggregate', value: 'majority' },
    ]);
  });

  it('reads logical times in ms, s or min', () => {
    expect(formatLogicalMs(0)).toBe('0 ms');
    expect(formatLogicalMs(750.4)).toBe('750 ms');
    expect(formatLogicalMs(1250)).toBe('1.25 s');
    expect(formatLogicalMs(1500)).toBe('1.5 s');
    expect(formatLogicalMs(2000)).toBe('2 s');
    expect(formatLogicalMs(12_340)).toBe('12.3 s');
    expect(formatLogicalMs(125_000)).toBe('2 min 5 s');
  });
});
