import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabEvents } from '../../../shared/contract/api';
import { LiveCalls } from '../../../electron/core/scheduler/live-calls';

afterEach(() => vi.useRealTimers());

describe('live replies relay', () => {
  it('sends the text so far at most once per interval, then once more when the call ends', () => {
    vi.useFakeTimers();
    const sent: Array<LabEvents['callStream']> = [];
    const live = new LiveCalls((e) => sent.push(e), 100);
    const call = { seq: 0, agentIndex: 1, model: 'ollama:m' };
    for (const piece of ['The ', 'answer ', 'is ', '4']) live.delta('exp', 7, call, piece);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([{ experimentId: 'exp', trialId: 7, seq: 0, agentIndex: 1, model: 'ollama:m', text: 'The answer is 4', done: false }]);
    live.delta('exp', 7, call, '.');
    live.end(7, call);
    expect(sent.at(-1)).toMatchObject({ text: 'The answer is 4.', done: true });
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
  });

  it('keeps only the last 4,000 characters of a long reply', () => {
    vi.useFakeTimers();
    const sent: Array<LabEvents['callStream']> = [];
    const live = new LiveCalls((e) => sent.push(e), 10);
    const call = { seq: 3, agentIndex: 0, model: 'ollama:m' };
    live.delta('exp', 1, call, 'a'.repeat(5000) + 'END');
    live.end(1, call);
    expect(sent[0]!.text).toHaveLength(4000);
    expect(sent[0]!.text.endsWith('END')).toBe(true);
  });
});
