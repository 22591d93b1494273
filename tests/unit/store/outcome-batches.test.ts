/**
 * saveTrialOutcomes: many trials in one transaction. Each outcome's text
 * names its trial and call ("t7 reply c2"), so a row linked to the wrong call
 * id shows up as a mismatch in SQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../electron/core/store/lab-store';
import { StoreError, type TrialOutcomeToSave } from '../../../electron/core/store/types';
import type { CallRecord, MessageRecord, TrialOutcome } from '../../../electron/core/trial-record';
import { makeTempDir, sampleExperiment, type TempDir, countRowsIn, queryFile } from './fixtures';

let temp: TempDir;
let path: string;
let store: LabStore;
/** 30 trials: 3 cells × 10 items. */
let trialIds: number[];

beforeEach(() => {
  temp = makeTempDir();
  path = temp.file('lab.sqlite');
  store = LabStore.open(path);
  store.createExperiment(sampleExperiment('exp', 10));
  trialIds = store.pendingTrials('exp').map((trial) => trial.trialId);
});
afterEach(() => {
  store.close();
  temp.remove();
});

function query<Row>(sql: string, ...params: unknown[]): Row[] {
  return queryFile<Row>(path, sql, ...params);
}

function count(table: string): number {
  return countRowsIn(path, table);
}

/** The code of the StoreError `run` throws; fails the test if it throws something else or nothing. */
function storeErrorCode(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return (error as StoreError).code;
  }
  throw new Error('expected a StoreError');
}

function call(tag: string, seq: number, consumes: number[]): CallRecord {
  return {
    seq,
    agentIndex: seq,
    role: consumes.length > 0 ? 'judge' : 'voter',
    intent: consumes.length > 0 ? 'judge' : 'solve',
    round: consumes.length > 0 ? 1 : 0,
    attempt: 0,
    model: 'sim:default',
    host: 'sim',
    status: 'ok',
    error: null,
    doneReason: 'stop',
    tokensIn: 10,
    tokensOut: 5,
    queueMs: 0,
    loadMs: 0,
    promptMs: 1.5,
    genMs: 2.25,
    latencyMs: 3.75,
    startedAtMs: 1_700_000_000_000,
    endedAtMs: 1_700_000_000_004,
    logicalStartMs: consumes.length > 0 ? 3.75 : 0,
    logicalEndMs: consumes.length > 0 ? 7.5 : 3.75,
    simulated: true,
    consumes,
    waitsFor: [],
    prompt: [2 * seq],
    retries: seq === 0 ? [{ attempt: 1, host: 'sim', atMs: 1_700_000_000_000, status: 503, error: `${tag} busy c0`, delayMs: 100 }] : [],
  };
}

/**
 * `callCount` calls; the last reads all the others. Every call has a prompt, a
 * reply and an answer whose text is `${tag} <kind> c<seq>`; a decision closes the transcript.
 */
function outcome(tag: string, callCount: number): TrialOutcome {
  const seqs = Array.from({ length: callCount }, (_, seq) => seq);
  const calls = seqs.map((seq) => call(tag, seq, seq === callCount - 1 ? seqs.slice(0, -1) : []));
  const messages: MessageRecord[] = seqs.flatMap((seq): MessageRecord[] => [
    { seq: 2 * seq, fromAgent: null, toAgents: [seq], kind: 'prompt', content: `${tag} prompt c${seq}`, callSeq: seq, round: 0, atMs: null, tokens: 3 },
    { seq: 2 * seq + 1, fromAgent: seq, toAgents: null, kind: 'reply', content: `${tag} reply c${seq}`, callSeq: seq, round: 0, atMs: 3.75, tokens: 5 },
  ]);
  messages.push({ seq: 2 * callCount, fromAgent: null, toAgents: null, kind: 'decision', content: `${tag} decision`, callSeq: null, round: null, atMs: 7.5, tokens: null });
  const answers = seqs.map((seq) => ({ agentIndex: seq, callSeq: seq, extracted: `${tag} answer c${seq}`, correct: seq % 2 === 0, score: seq % 2 === 0 ? 1 : 0, partIndex: null }));
  return {
    finalAnswer: tag,
    correct: true,
    score: 1,
    wallMs: 10,
    criticalPathMs: 7.5,
    tokensIn: 10 * callCount,
    tokensOut: 5 * callCount,
    startedAtMs: 1_700_000_000_000,
    finishedAtMs: 1_700_000_000_010,
    rounds: callCount > 1 ? 2 : 1,
    calls,
    messages,
    answers,
    events: [],
  };
}

/** Trial i gets 1 + i % 5 calls, so rows per trial vary and batches cross the 64/16/4-row statement sizes. */
function batchFor(ids: readonly number[], tagPrefix = 't'): TrialOutcomeToSave[] {
  return ids.map((trialId, i) => ({ trialId, outcome: outcome(`${tagPrefix}${trialId}`, 1 + (i % 5)) }));
}

/**
 * Every link from a row to a call must land on a call of the same trial with
 * the seq its text names; the text starts with the trial's tag (its final_answer).
 */
function expectRowsLinkedToTheirCalls(): void {
  const misplacedMessages = query(`
    SELECT m.id FROM messages m JOIN calls c ON c.id = m.call_id JOIN trials t ON t.id = c.trial_id
    WHERE c.trial_id <> m.trial_id OR m.content <> t.final_answer || ' ' || m.kind || ' c' || c.seq`);
  expect(misplacedMessages).toEqual([]);
  const misplacedAnswers = query(`
    SELECT a.trial_id FROM agent_answers a JOIN calls c ON c.id = a.call_id JOIN trials t ON t.id = c.trial_id
    WHERE c.trial_id <> a.trial_id OR a.extracted_answer <> t.final_answer || ' answer c' || c.seq`);
  expect(misplacedAnswers).toEqual([]);
  const misplacedRetries = query(`
    SELECT r.call_id FROM call_retries r JOIN calls c ON c.id = r.call_id JOIN trials t ON t.id = c.trial_id
    WHERE r.error <> t.final_answer || ' busy c' || c.seq`);
  expect(misplacedRetries).toEqual([]);
  // Each trial's last call reads every earlier call of the same trial, and nothing else.
  const wrongEdges = query(`
    SELECT e.call_id FROM call_inputs e
    JOIN calls consumer ON consumer.id = e.call_id
    JOIN calls input ON input.id = e.input_call_id
    WHERE input.trial_id <> consumer.trial_id OR input.seq >= consumer.seq
       OR consumer.seq <> (SELECT MAX(seq) FROM calls WHERE trial_id = consumer.trial_id)`);
  expect(wrongEdges).toEqual([]);
}

/** Rows the batch should produce: per trial n calls, n-1 edges (if n > 1), 2n + 1 messages, n answers, 1 retry. */
function expectedCounts(batch: readonly TrialOutcomeToSave[]): Record<string, number> {
  const sum = (f: (o: TrialOutcome) => number): number => batch.reduce((total, entry) => total + f(entry.outcome), 0);
  return {
    calls: sum((o) => o.calls.length),
    call_inputs: sum((o) => Math.max(0, o.calls.length - 1)),
    messages: sum((o) => o.messages.length),
    agent_answers: sum((o) => o.answers.length),
    call_retries: batch.length,
  };
}

function actualCounts(): Record<string, number> {
  return Object.fromEntries(['calls', 'call_inputs', 'messages', 'agent_answers', 'call_retries'].map((table) => [table, count(table)]));
}

describe('LabStore.saveTrialOutcomes', () => {
  it('writes every trial of a batch with calls, edges, messages, answers and retries on the right call ids', () => {
    const batch = batchFor(trialIds);
    store.saveTrialOutcomes(batch);

    expect(actualCounts()).toEqual(expectedCounts(batch));
    expect(actualCounts().calls).toBe(90);
    expectRowsLinkedToTheirCalls();
    expect(store.countTrials('exp')).toMatchObject({ done: 30, planned: 0 });
    const trials = query<{ id: number; final_answer: string; call_count: number }>('SELECT id, final_answer, call_count FROM trials ORDER BY id');
    expect(trials).toEqual(batch.map(({ trialId, outcome: o }) => ({ id: trialId, final_answer: o.finalAnswer, call_count: o.calls.length })));
  });

  it('writes nothing of a batch that names an unknown trial', () => {
    const batch = batchFor(trialIds.slice(0, 10));
    batch.splice(5, 0, { trialId: 99_999, outcome: outcome('missing', 2) });
    expect(storeErrorCode(() => store.saveTrialOutcomes(batch))).toBe('not_found');
    expect(actualCounts()).toEqual({ calls: 0, call_inputs: 0, messages: 0, agent_answers: 0, call_retries: 0 });
    expect(store.countTrials('exp')).toMatchObject({ done: 0, planned: 30 });
  });

  it('writes nothing of a batch in which one outcome refers to a call it does not contain', () => {
    const batch = batchFor(trialIds.slice(0, 10));
    batch[7]!.outcome.answers.push({ agentIndex: 9, callSeq: 42, extracted: 'x', correct: false, score: 0, partIndex: null });
    expect(() => store.saveTrialOutcomes(batch)).toThrow(/call seq 42/);
    expect(count('calls')).toBe(0);
    expect(store.countTrials('exp').done).toBe(0);
  });

  it('keeps earlier batches when a later one fails', () => {
    store.saveTrialOutcomes(batchFor(trialIds.slice(0, 5)));
    const before = actualCounts();
    const failing = [...batchFor(trialIds.slice(5, 8)), { trialId: -1, outcome: outcome('x', 1) }];
    expect(storeErrorCode(() => store.saveTrialOutcomes(failing))).toBe('not_found');
    expect(actualCounts()).toEqual(before);
    expect(store.countTrials('exp').done).toBe(5);
  });

  it('replaces a trial saved again in a later batch instead of duplicating its rows', () => {
    store.saveTrialOutcomes(batchFor(trialIds.slice(0, 20)));
    // Trials 10–19 again with other outcomes (different call counts and text), plus 20–29 for the first time.
    const again = batchFor(trialIds.slice(10, 30), 'again');
    store.saveTrialOutcomes(again);

    expect(actualCounts()).toEqual(expectedCounts([...batchFor(trialIds.slice(0, 10)), ...again]));
    expectRowsLinkedToTheirCalls();
    const answers = query<{ final_answer: string }>('SELECT final_answer FROM trials ORDER BY id');
    expect(answers.map((row) => row.final_answer)).toEqual([
      ...trialIds.slice(0, 10).map((id) => `t${id}`),
      ...trialIds.slice(10, 30).map((id) => `again${id}`),
    ]);
    expect(store.countTrials('exp').done).toBe(30);
  });

  it('writes a trial named twice in one batch once, with its last outcome', () => {
    const [first, second] = trialIds;
    store.saveTrialOutcomes([
      { trialId: first!, outcome: outcome(`t${first}`, 5) },
      { trialId: second!, outcome: outcome(`t${second}`, 2) },
      { trialId: first!, outcome: outcome(`t${first}`, 3) },
    ]);
    expect(query('SELECT trial_id, COUNT(*) AS n FROM calls GROUP BY trial_id ORDER BY trial_id')).toEqual([
      { trial_id: first, n: 3 },
      { trial_id: second, n: 2 },
    ]);
    expect(count('messages')).toBe(7 + 5);
    expectRowsLinkedToTheirCalls();
  });

  it('still checks an outcome that a later one in the same batch replaces', () => {
    const broken = outcome('t', 2);
    broken.messages.push({ seq: 99, fromAgent: null, toAgents: null, kind: 'reply', content: 'x', callSeq: 7, round: null, atMs: null, tokens: null });
    expect(() =>
      store.saveTrialOutcomes([
        { trialId: trialIds[0]!, outcome: broken },
        { trialId: trialIds[0]!, outcome: outcome(`t${trialIds[0]}`, 2) },
      ]),
    ).toThrow(/call seq 7/);
    expect(count('calls')).toBe(0);
  });

  it('replaces the rows of a saved trial that was marked running or failed since', () => {
    const [running, failed] = trialIds;
    store.saveTrialOutcomes(batchFor([running!, failed!]));
    store.markTrialRunning(running!, 1);
    store.markTrialFailed(failed!, 'lost', 2);
    store.saveTrialOutcomes(batchFor([running!, failed!]));
    expect(actualCounts()).toEqual(expectedCounts(batchFor([running!, failed!])));
    expect(store.countTrials('exp')).toMatchObject({ done: 2, running: 0, failed: 0 });
  });

  it('saves a trial again after a reset dropped its rows', () => {
    const trialId = trialIds[0]!;
    store.saveTrialOutcomes(batchFor([trialId]));
    store.markTrialRunning(trialId, 1);
    expect(store.resetRunningTrials('exp')).toBe(1);
    expect(count('calls')).toBe(0);
    store.saveTrialOutcomes(batchFor([trialId]));
    expect(actualCounts()).toEqual(expectedCounts(batchFor([trialId])));
    expectRowsLinkedToTheirCalls();
  });

  it('treats an empty batch as nothing to do', () => {
    store.saveTrialOutcomes([]);
    expect(store.countTrials('exp').done).toBe(0);
  });

  it('saveTrialOutcome is a batch of one', () => {
    const [entry] = batchFor(trialIds.slice(0, 1));
    store.saveTrialOutcome(entry!.trialId, entry!.outcome);
    store.saveTrialOutcome(entry!.trialId, entry!.outcome);
    expect(actualCounts()).toEqual(expectedCounts([entry!]));
    expectRowsLinkedToTheirCalls();
    expect(storeErrorCode(() => store.saveTrialOutcome(99_999, entry!.outcome))).toBe('not_found');
  });
});
