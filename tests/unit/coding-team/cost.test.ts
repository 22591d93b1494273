/**
 * What coordination costs on the sim (docs/sim-backend.md, "Coding teams"):
 * every turn reads one line per teammate's latest turn and answers it, so a
 * larger team pays more prompt and reply tokens, and more time, for a turn
 * that writes nothing (an agent waiting on the chain). Turns that write
 * files are left out: what they cost depends on the files, not the team.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandbox } from '../../../electron/core/sandbox';
import { runCoding } from './helpers';
import { handMadeJob } from './jobs';

afterAll(() => closeSandbox());

const job = handMadeJob({ chain: 16, independent: 4 });
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean cost of the turns that wrote no file, over a few seeds. */
async function idleTurnCost(n: number) {
  const outcomes = await Promise.all([1, 2, 3].map((seed) => runCoding({ mode: 'preassign', n, job, seed })));
  const idle = outcomes.flatMap((o) => o.calls.filter((call) => !o.jobEvents.some((e) => e.kind === 'edit_file' && e.agent === call.agentIndex && e.round === call.round + 1)));
  expect(idle.length).toBeGreaterThan(10);
  return {
    tokensIn: mean(idle.map((c) => c.tokensIn)),
    tokensOut: mean(idle.map((c) => c.tokensOut)),
    seconds: mean(idle.map((c) => (c.logicalEndMs - c.logicalStartMs) / 1000)),
  };
}

describe('the cost of a turn on the sim', () => {
  it('grows with the team: more to read, more to answer, more time', async () => {
    const [two, four, eight] = [await idleTurnCost(2), await idleTurnCost(4), await idleTurnCost(8)];
    for (const key of ['tokensIn', 'tokensOut', 'seconds'] as const) {
      expect(four[key], key).toBeGreaterThan(two[key]);
      expect(eight[key], key).toBeGreaterThan(four[key]);
    }
  });
});
