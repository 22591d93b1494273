import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../electron/core/store/lab-store';
import { StoreError } from '../../../electron/core/store/types';
import { makeTempDir, sampleExperiment, sampleOutcome, type TempDir, countRowsIn, queryFile } from './fixtures';

let temp: TempDir;
let path: string;
let store: LabStore;

beforeEach(() => {
  temp = makeTempDir();
  path = temp.file('lab.sqlite');
  store = LabStore.open(path);
  store.createExperiment(sampleExperiment('exp', 2));
});
afterEach(() => {
  store.close();
  temp.remove();
});

function query<Row>(sql: string, ...params: unknown[]): Row[] {
  return queryFile<Row>(path, sql, ...params);
}

function countRows(table: string): number {
  return countRowsIn(path, table);
}

describe('LabStore trials', () => {
  it('saves an outcome: calls, the call DAG, messages, answers and the trial row', () => {
    const trial = store.pendingTrials('exp')[0]!;
    store.markTrialRunning(trial.trialId, 1_700_000_000_000);
    store.saveTrialOutcome(trial.trialId, sampleOutcome());

    const calls = query<{ id: number; seq: number; simulated: number; latency_ms: number }>(
      'SELECT id, seq, simulated, latency_ms FROM calls WHERE trial_id = ? ORDER BY seq',
      trial.trialId,
    );
    expect(calls.map((call) => call.seq)).toEqual([0, 1, 2, 3]);
    expect(calls[0]).toMatchObject({ simulated: 1, latency_ms: 50.75 });
    const idOf = (seq: number): number => calls[seq]!.id;

    const edges = query<{ call_id: number; input_call_id: number }>(
      'SELECT call_id, input_call_id FROM call_inputs ORDER BY call_id, input_call_id',
    );
    expect(edges).toEqual([0, 1, 2].map((seq) => ({ call_id: idOf(3), input_call_id: idOf(seq) })));

    const messages = query<{ seq: number; from_agent: number | null; kind: string; call_id: number | null }>(
      'SELECT seq, from_agent, kind, call_id FROM messages WHERE trial_id = ? ORDER BY seq',
      trial.trialId,
    );
    expect(messages).toEqual([
      { seq: 0, from_agent: null, kind: 'prompt', call_id: idOf(0) },
      { seq: 1, from_agent: 0, kind: 'reply', call_id: idOf(0) },
      { seq: 2, from_agent: null, kind: 'decision', call_id: null },
    ]);

    const answers = query<{ agent_index: number; call_id: number; extracted_answer: string | null; correct: number }>(
      'SELECT agent_index, call_id, extracted_answer, correct FROM agent_answers ORDER BY agent_index',
    );
    expect(answers).toEqual([
      { agent_index: 0, call_id: idOf(0), extracted_answer: '2', correct: 1 },
      { agent_index: 1, call_id: idOf(1), extracted_answer: '3', correct: 0 },
      { agent_index: 2, call_id: idOf(2), extracted_answer: null, correct: 0 },
    ]);

    expect(store.countTrials('exp')).toEqual({ total: 6, planned: 5, running: 0, done: 1, failed: 0 });
    expect(store.trialResults('exp')).toEqual([
      {
        cellIndex: 0,
        itemIndex: 0,
        repetition: 0,
        status: 'done',
        correct: true,
        criticalPathMs: 101.5,
        wallMs: 120.5,
        tokensIn: 86,
        tokensOut: 26,
        calls: 4,
        finalAnswer: '2',
        messages: 0,
        rounds: 2,
      },
    ]);
  });

  it('saving the same trial twice replaces its rows instead of duplicating them', () => {
    const trial = store.pendingTrials('exp')[0]!;
    store.saveTrialOutcome(trial.trialId, sampleOutcome());
    store.saveTrialOutcome(trial.trialId, sampleOutcome());
    expect(countRows('calls')).toBe(4);
    expect(countRows('call_inputs')).toBe(3);
    expect(countRows('messages')).toBe(3);
    expect(countRows('agent_answers')).toBe(3);
    expect(store.countTrials('exp').done).toBe(1);
  });

  it('writes nothing when an outcome refers to a call it does not contain', () => {
    const trial = store.pendingTrials('exp')[0]!;
    const outcome = sampleOutcome();
    outcome.answers.push({ agentIndex: 3, callSeq: 42, extracted: '2', correct: true, score: 1, partIndex: null });
    expect(() => store.saveTrialOutcome(trial.trialId, outcome)).toThrow(/call seq 42/);
    expect(countRows('calls')).toBe(0);
    expect(store.countTrials('exp').done).toBe(0);
  });

  it('refuses to save or mark an unknown trial', () => {
    expect(() => store.saveTrialOutcome(99_999, sampleOutcome())).toThrow(StoreError);
    expect(() => store.markTrialRunning(99_999, 0)).toThrow(StoreError);
    expect(() => store.markTrialFailed(99_999, 'x', 0)).toThrow(StoreError);
  });

  it('resets running trials to planned and drops their partial rows', () => {
    const [first, second, third] = store.pendingTrials('exp');
    store.markTrialRunning(first!.trialId, 1);
    store.markTrialRunning(second!.trialId, 2);
    store.markTrialRunning(third!.trialId, 3);
    store.saveTrialOutcome(third!.trialId, sampleOutcome());
    // A crash mid-trial: the second trial is still 'running' but has rows.
    store.saveTrialOutcome(second!.trialId, sampleOutcome());
    store.markTrialRunning(second!.trialId, 4);

    expect(store.pendingTrials('exp').map((trial) => trial.trialId)).toContain(first!.trialId);
    expect(store.resetRunningTrials('exp')).toBe(2);

    expect(store.countTrials('exp')).toEqual({ total: 6, planned: 5, running: 0, done: 1, failed: 0 });
    expect(query<{ trial_id: number }>('SELECT DISTINCT trial_id FROM calls')).toEqual([{ trial_id: third!.trialId }]);
    expect(query<{ trial_id: number }>('SELECT DISTINCT trial_id FROM messages')).toEqual([{ trial_id: third!.trialId }]);
    expect(query<{ trial_id: number }>('SELECT DISTINCT trial_id FROM agent_answers')).toEqual([{ trial_id: third!.trialId }]);
    expect(countRows('call_inputs')).toBe(3);
    const reset = query<{ status: string; started_at_ms: number | null }>(
      'SELECT status, started_at_ms FROM trials WHERE id = ?',
      second!.trialId,
    );
    expect(reset).toEqual([{ status: 'planned', started_at_ms: null }]);
  });

  it('records failures and reports done and failed trials in plan order', () => {
    const [first, second] = store.pendingTrials('exp');
    store.markTrialFailed(second!.trialId, 'timeout', 5);
    store.saveTrialOutcome(first!.trialId, { ...sampleOutcome(), correct: false });

    expect(store.countTrials('exp')).toEqual({ total: 6, planned: 4, running: 0, done: 1, failed: 1 });
    const results = store.trialResults('exp');
    expect(results.map((row) => [row.status, row.correct])).toEqual([
      ['done', false],
      ['failed', false],
    ]);
    expect(results[1]).toMatchObject({ itemIndex: 1, wallMs: 0, calls: 0 });
    expect(query<{ error: string }>('SELECT error FROM trials WHERE id = ?', second!.trialId)).toEqual([{ error: 'timeout' }]);
    expect(store.pendingTrials('exp')).toHaveLength(4);
  });

  it('keeps saved outcomes across close and reopen', () => {
    const trial = store.pendingTrials('exp')[0]!;
    store.saveTrialOutcome(trial.trialId, sampleOutcome());
    store.close();
    store = LabStore.open(path);
    expect(store.countTrials('exp').done).toBe(1);
    expect(store.trialResults('exp')[0]).toMatchObject({ correct: true, calls: 4 });
    expect(countRows('call_inputs')).toBe(3);
  });

  it('deleting an experiment cascades to everything it owns', () => {
    store.saveTrialOutcome(store.pendingTrials('exp')[0]!.trialId, sampleOutcome());
    const writer = new Database(path);
    writer.pragma('foreign_keys = ON');
    writer.prepare('DELETE FROM experiments WHERE id = ?').run('exp');
    writer.close();
    for (const table of ['cells', 'items', 'trials', 'calls', 'call_inputs', 'messages', 'agent_answers']) {
      expect(countRows(table)).toBe(0);
    }
  });
});
