/**
 * The calls analysis reads: every call of a finished trial with the answer
 * read from it, so per-agent accuracy, error correlation and tokens per intent
 * come from the same rows the trial view shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { LabStore } from '../../../electron/core/store/lab-store';

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
let handle: LabHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-analysis-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('calls for analysis', () => {
  it('lists every call of the finished trials with its agent, intent, round, tokens and answer', async () => {
    const spec = { name: 'calls', tasks: { suite: 'arithmetic', count: 6, seed: 3 }, agents: { model: 'sim:default' }, teams: [{ structure: 'vote', sizes: [3] }, { structure: 'debate', sizes: [3], rounds: 1 }], repetitions: 2 };
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await handle.lab.waitFor(id);
    const store = LabStore.open(join(dir, 'lab.sqlite'), { readOnly: true });
    try {
      const calls = store.callsForAnalysis(id);
      const trials = store.trialResults(id);
      // A vote of 3 makes 3 calls a trial, a debate of 3 with one revision 6.
      expect(calls.filter((c) => c.cellIndex === 0)).toHaveLength(6 * 2 * 3);
      expect(calls.filter((c) => c.cellIndex === 1)).toHaveLength(6 * 2 * 6);
      expect(new Set(calls.filter((c) => c.cellIndex === 1).map((c) => `${c.intent}:${c.round}`))).toEqual(new Set(['solve:0', 'revise:1']));
      for (const call of calls) {
        expect(call.tokens).toBeGreaterThan(0);
        expect(call.durationMs).toBeGreaterThan(0);
        // A call without an answer is never counted right.
        if (call.answer === null) expect(call.correct).not.toBe(true);
        else expect(typeof call.correct).toBe('boolean');
      }
      // Tokens add up to the trials' own totals.
      const callTokens = calls.reduce((sum, c) => sum + c.tokens, 0);
      expect(callTokens).toBe(trials.reduce((sum, t) => sum + t.tokensIn + t.tokensOut, 0));
      // Each vote trial's final answer is among its agents' answers.
      for (const trial of trials.filter((t) => t.cellIndex === 0 && t.finalAnswer !== null)) {
        const answers = calls.filter((c) => c.cellIndex === 0 && c.itemIndex === trial.itemIndex && c.repetition === trial.repetition).map((c) => c.answer);
        expect(answers).toContain(trial.finalAnswer);
      }
    } finally {
      store.close();
    }
  });
});
