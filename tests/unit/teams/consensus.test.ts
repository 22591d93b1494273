import { describe, expect, it } from 'vitest';
import { decide } from '../../../electron/core/teams/consensus';
import { createRng } from '../../../electron/core/util/random';

const votes = (...answers: Array<string | null>) => answers.map((answer, agentIndex) => ({ agentIndex, answer }));
const rng = () => createRng(7);

describe('consensus rules', () => {
  it('majority needs more than half of the votes cast, replies without an answer included', () => {
    expect(decide('majority', votes('4', '4', '5'), rng()).answer).toBe('4');
    expect(decide('majority', votes('4', '4', '5', '6'), rng()).answer).toBeNull();
    expect(decide('majority', votes('4', '4', null, null), rng()).answer).toBeNull();
    expect(decide('majority', votes('4', '4', '4', null, null), rng()).answer).toBe('4');
  });

  it('plurality takes the most common answer and ignores replies without one', () => {
    expect(decide('plurality', votes('4', '5', '5', null, '6'), rng()).answer).toBe('5');
    expect(decide('plurality', votes(null, null), rng()).answer).toBeNull();
  });

  it('breaks ties by a seeded draw, not by agent order, and reports the tie', () => {
    // Over many seeds a 1–1 tie goes each way about half the time; agent order would always pick the first.
    let first = 0;
    for (let seed = 0; seed < 400; seed++) if (decide('plurality', votes('9', '7'), createRng(seed)).answer === '9') first++;
    expect(first).toBeGreaterThan(150);
    expect(first).toBeLessThan(250);
    const verdict = decide('plurality', votes('9', '7', '7', '9'), rng());
    expect(verdict.tie).toEqual(['9', '7']);
    expect(verdict.summary).toMatch(/tie between 9, 7 → (9|7) by a seeded draw/);
    // The same seed draws the same way every time.
    expect(decide('plurality', votes('9', '7', '7', '9'), rng()).answer).toBe(verdict.answer);
  });

  it('weighs votes under the weighted rule', () => {
    const weighted = [
      { agentIndex: 0, answer: '4', weight: 0.9 },
      { agentIndex: 1, answer: '5', weight: 0.3 },
      { agentIndex: 2, answer: '5', weight: 0.3 },
    ];
    expect(decide('weighted', weighted, rng()).answer).toBe('4');
    expect(decide('plurality', weighted, rng()).answer).toBe('5');
  });

  it('explains the tally in words', () => {
    expect(decide('majority', votes('4', '4', null), rng()).summary).toBe('4 ×2, no answer ×1; majority → 4');
  });
});
