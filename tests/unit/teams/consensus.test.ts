import { describe, expect, it } from 'vitest';
import { aggregate, describeTally } from '../../../electron/core/teams/consensus';

const votes = (...answers: Array<string | null>) => answers.map((answer, agentIndex) => ({ agentIndex, answer }));

describe('consensus rules', () => {
  it('majority needs more than half of all votes, abstentions included', () => {
    expect(aggregate('majority', votes('4', '4', '5'))).toBe('4');
    expect(aggregate('majority', votes('4', '4', '5', '6'))).toBeNull();
    expect(aggregate('majority', votes('4', '4', null, null))).toBeNull();
    expect(aggregate('majority', votes('4', '4', '4', null, null))).toBe('4');
  });

  it('plurality takes the most common answer and ignores abstentions', () => {
    expect(aggregate('plurality', votes('4', '5', '5', null, '6'))).toBe('5');
    expect(aggregate('plurality', votes(null, null))).toBeNull();
  });

  it('breaks plurality ties toward the answer first given by the lowest-numbered agent', () => {
    expect(aggregate('plurality', votes('9', '7', '7', '9'))).toBe('9');
    expect(aggregate('plurality', votes(null, '7', '9', '9', '7'))).toBe('7');
  });

  it('explains the tally in words', () => {
    expect(describeTally('majority', votes('4', '4', null))).toBe('4 ×2, no answer ×1; majority → 4');
  });
});
