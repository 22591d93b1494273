/**
 * Writes what finished trials produced — their calls, the call DAG (read and
 * waited-for edges), retries, messages, each agent's answer, the trial's
 * events and a coding team's run events (job_events) — and marks them done. A batch of trials is one
 * transaction (group commit): it is fully recorded or not at all, and the
 * commit's cost is shared by every trial in it.
 *
 * The write path is tuned because a sim trial costs well under 0.2 ms of CPU
 * and the store must not dominate it: rows are gathered for the whole batch and
 * inserted with one multi-row statement per table per 64 rows, call ids are
 * assigned here rather than read back row by row, and a trial that has no rows
 * yet (the usual case) skips the deletes a re-save needs.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { agentMessageCount, type TrialOutcome } from '../trial-record';
import { BulkInsert } from './bulk-insert';
import { sqlBool } from './rows';
import { StoreError, type TrialFailure, type TrialResultToSave } from './types';

const FINISH = `UPDATE trials SET status = 'done', final_answer = ?, correct = ?, score = ?, wall_ms = ?, critical_path_ms = ?,
  tokens_in = ?, tokens_out = ?, call_count = ?, rounds = ?, message_count = ?, error = NULL, started_at_ms = ?, finished_at_ms = ?`;

export class OutcomeWriter {
  private readonly finishFresh: Statement<unknown[]>;
  private readonly finishAgain: Statement<unknown[]>;
  private readonly deleteAnswers: Statement<[number]>;
  private readonly deleteMessages: Statement<[number]>;
  private readonly deleteCalls: Statement<[number]>;
  private readonly lastCallId: Statement<[], number>;
  private readonly lastMessageId: Statement<[], number>;
  private readonly deleteEvents: Statement<[number]>;
  private readonly deleteJobEvents: Statement<[number]>;
  private readonly setFailed: Statement<[Record<string, unknown>]>;
  private readonly calls: BulkInsert;
  private readonly callInputs: BulkInsert;
  private readonly callWaits: BulkInsert;
  private readonly events: BulkInsert;
  private readonly jobEvents: BulkInsert;
  private readonly callRetries: BulkInsert;
  private readonly messages: BulkInsert;
  private readonly answers: BulkInsert;
  private readonly saveTransaction: Transaction<(batch: ReadonlyArray<TrialResultToSave>) => void>;

  constructor(db: Database) {
    // call_count is set in the transaction that writes a trial's rows and
    // cleared (NULL) in the one that deletes them, so `call_count IS NULL` means
    // "no rows yet". Status alone would not do: a saved trial marked running or
    // failed again keeps its rows.
    this.finishFresh = db.prepare(`${FINISH} WHERE id = ? AND call_count IS NULL`);
    this.finishAgain = db.prepare(`${FINISH} WHERE id = ?`);
    this.deleteAnswers = db.prepare('DELETE FROM agent_answers WHERE trial_id = ?');
    this.deleteMessages = db.prepare('DELETE FROM messages WHERE trial_id = ?');
    // call_inputs and call_retries rows go with their calls through ON DELETE CASCADE.
    this.deleteCalls = db.prepare('DELETE FROM calls WHERE trial_id = ?');
    this.lastCallId = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM calls').pluck();
    this.lastMessageId = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM messages').pluck();
    this.deleteEvents = db.prepare('DELETE FROM trial_events WHERE trial_id = ?');
    this.deleteJobEvents = db.prepare('DELETE FROM job_events WHERE trial_id = ?');
    this.setFailed = db.prepare(`
      UPDATE trials SET status = 'failed', error = @error, finished_at_ms = @finishedAtMs, final_answer = NULL, correct = NULL
      WHERE id = @trialId`);
    this.calls = new BulkInsert(db, 'calls', [
      'id', 'trial_id', 'seq', 'agent_index', 'role', 'intent', 'round', 'attempt', 'model', 'host', 'status', 'error', 'done_reason',
      'tokens_in', 'tokens_out', 'queue_ms', 'load_ms', 'prompt_ms', 'gen_ms', 'latency_ms', 'started_at_ms', 'ended_at_ms',
      'logical_start_ms', 'logical_end_ms', 'prompt_message_ids', 'simulated',
    ]);
    this.callInputs = new BulkInsert(db, 'call_inputs', ['call_id', 'input_call_id']);
    this.callWaits = new BulkInsert(db, 'call_waits', ['call_id', 'waited_call_id']);
    this.callRetries = new BulkInsert(db, 'call_retries', ['call_id', 'attempt', 'host', 'at_ms', 'status', 'error', 'delay_ms']);
    this.messages = new BulkInsert(db, 'messages', [
      'id', 'trial_id', 'seq', 'from_agent', 'to_agent', 'to_agents', 'kind', 'content', 'call_id', 'round', 'at_ms', 'tokens',
    ]);
    this.events = new BulkInsert(db, 'trial_events', ['trial_id', 'seq', 'kind', 'at_ms', 'agent_index', 'round', 'detail']);
    this.jobEvents = new BulkInsert(db, 'job_events', [
      'trial_id', 'seq', 'kind', 'round', 'agent_index', 'at_ms', 'path', 'task_id', 'ok', 'returncode', 'seconds', 'detail',
    ]);
    this.answers = new BulkInsert(db, 'agent_answers', ['trial_id', 'agent_index', 'call_id', 'extracted_answer', 'correct', 'score', 'part_index']);
    this.saveTransaction = db.transaction((batch: ReadonlyArray<TrialResultToSave>) => this.write(batch));
  }

  /**
   * Idempotent: saving a trial again replaces its rows rather than adding to
   * them, within one batch as across batches. Throws StoreError 'not_found'
   * for an unknown trial, and then writes nothing of the batch.
   */
  save(batch: ReadonlyArray<TrialResultToSave>): void {
    if (batch.length === 0) return;
    this.saveTransaction.immediate(batch);
  }

  private write(batch: ReadonlyArray<TrialResultToSave>): void {
    // A trial named twice is written once, with its last result: the end state
    // of saving the entries one after another. Earlier outcomes are still checked.
    const latest = new Map<number, TrialOutcome | TrialFailure>();
    for (const entry of batch) {
      const superseded = latest.get(entry.trialId);
      if (superseded !== undefined && !isFailure(superseded)) collectRows(entry.trialId, superseded, { call: 1, message: 1 }, new BatchRows());
      latest.set(entry.trialId, 'outcome' in entry ? entry.outcome : entry.failure);
    }

    // Ids are handed out here, not read back per row. Safe: the IMMEDIATE
    // transaction holds the write lock, so no other connection inserts calls meanwhile.
    const ids = { call: this.lastCallId.get()! + 1, message: this.lastMessageId.get()! + 1 };
    const rows = new BatchRows();
    for (const [trialId, result] of latest) {
      if (isFailure(result)) {
        // A failed trial keeps any rows an earlier save gave it, as markFailed always has.
        if (this.setFailed.run({ trialId, ...result }).changes === 0) throw new StoreError(`There is no trial ${trialId}.`, 'not_found');
        continue;
      }
      collectRows(trialId, result, ids, rows);
      this.finish(trialId, result);
    }
    // Parents before children: foreign keys are checked row by row.
    this.calls.insert(rows.calls);
    this.callInputs.insert(rows.callInputs);
    this.callWaits.insert(rows.callWaits);
    this.callRetries.insert(rows.callRetries);
    this.messages.insert(rows.messages);
    this.answers.insert(rows.answers);
    this.events.insert(rows.events);
    this.jobEvents.insert(rows.jobEvents);
  }

  /** Marks the trial done; if it already has rows (a re-save), deletes them. */
  private finish(trialId: number, outcome: TrialOutcome): void {
    const values = [
      outcome.finalAnswer, sqlBool(outcome.correct), outcome.score, outcome.wallMs, outcome.criticalPathMs, outcome.tokensIn,
      outcome.tokensOut, outcome.calls.length, outcome.rounds, agentMessageCount(outcome.messages), outcome.startedAtMs,
      outcome.finishedAtMs, trialId,
    ];
    if (this.finishFresh.run(...values).changes > 0) return;
    if (this.finishAgain.run(...values).changes === 0) throw new StoreError(`There is no trial ${trialId}.`, 'not_found');
    this.deleteAnswers.run(trialId);
    this.deleteMessages.run(trialId);
    this.deleteEvents.run(trialId);
    this.deleteJobEvents.run(trialId);
    this.deleteCalls.run(trialId);
  }
}

function isFailure(result: TrialOutcome | TrialFailure): result is TrialFailure {
  return 'error' in result && !('calls' in result);
}

/** A batch's rows, per table, flat and row-major as BulkInsert takes them. */
class BatchRows {
  readonly calls: unknown[] = [];
  readonly callInputs: unknown[] = [];
  readonly callWaits: unknown[] = [];
  readonly callRetries: unknown[] = [];
  readonly messages: unknown[] = [];
  readonly answers: unknown[] = [];
  readonly events: unknown[] = [];
  readonly jobEvents: unknown[] = [];
}

/**
 * Appends one trial's rows, giving its calls and messages ids from `ids` on
 * (and advancing them). Throws if the outcome refers to a call or message it
 * does not contain.
 */
function collectRows(trialId: number, outcome: TrialOutcome, ids: { call: number; message: number }, rows: BatchRows): void {
  // The engine numbers calls and messages by seq; rows get their ids here, so map one to the other.
  const callIdBySeq = new Map<number, number>();
  for (const call of outcome.calls) {
    if (callIdBySeq.has(call.seq)) throw new Error(`Trial ${trialId}: two calls have seq ${call.seq}.`);
    callIdBySeq.set(call.seq, ids.call++);
  }
  const messageIdBySeq = new Map<number, number>();
  for (const message of outcome.messages) messageIdBySeq.set(message.seq, ids.message++);
  const callId = (seq: number, user: string): number => {
    const id = callIdBySeq.get(seq);
    if (id === undefined) throw new Error(`Trial ${trialId}: ${user} refers to call seq ${seq}, which the outcome does not contain.`);
    return id;
  };
  const messageId = (seq: number, user: string): number => {
    const id = messageIdBySeq.get(seq);
    if (id === undefined) throw new Error(`Trial ${trialId}: ${user} refers to message seq ${seq}, which the outcome does not contain.`);
    return id;
  };

  for (const call of outcome.calls) {
    const id = callId(call.seq, `call ${call.seq}`);
    const prompt = call.prompt.length === 0 ? null : `[${call.prompt.map((seq) => messageId(seq, `call ${call.seq}'s prompt`)).join(',')}]`;
    rows.calls.push(
      id, trialId, call.seq, call.agentIndex, call.role, call.intent, call.round, call.attempt, call.model, call.host, call.status,
      call.error, call.doneReason, call.tokensIn, call.tokensOut, call.queueMs, call.loadMs, call.promptMs, call.genMs,
      call.latencyMs, call.startedAtMs, call.endedAtMs, call.logicalStartMs, call.logicalEndMs, prompt, sqlBool(call.simulated),
    );
    // Sets: a call that read the same output twice still has one edge in the DAG.
    for (const inputSeq of new Set(call.consumes)) rows.callInputs.push(id, callId(inputSeq, `call ${call.seq}'s inputs`));
    for (const waitedSeq of new Set(call.waitsFor)) rows.callWaits.push(id, callId(waitedSeq, `call ${call.seq}'s barrier`));
    for (const retry of call.retries) {
      rows.callRetries.push(id, retry.attempt, retry.host, retry.atMs, retry.status, retry.error, retry.delayMs);
    }
  }
  for (const message of outcome.messages) {
    const id = message.callSeq === null ? null : callId(message.callSeq, `message ${message.seq}`);
    const to = message.toAgents;
    rows.messages.push(
      messageId(message.seq, 'message'), trialId, message.seq, message.fromAgent, to !== null && to.length === 1 ? to[0] : null,
      to === null ? null : `[${to.join(',')}]`, message.kind, message.content, id, message.round, message.atMs, message.tokens,
    );
  }
  for (const answer of outcome.answers) {
    const id = callId(answer.callSeq, `agent ${answer.agentIndex}'s answer`);
    rows.answers.push(trialId, answer.agentIndex, id, answer.extracted, sqlBool(answer.correct), answer.score, answer.partIndex);
  }
  for (const event of outcome.events) {
    rows.events.push(trialId, event.seq, event.kind, event.atMs, event.agentIndex, event.round, event.detail);
  }
  (outcome.jobEvents ?? []).forEach((event, seq) => {
    rows.jobEvents.push(
      trialId, seq, event.kind, event.round, event.agent, event.atMs, event.path ?? null, event.taskId ?? null,
      event.ok === undefined ? null : sqlBool(event.ok), event.returncode ?? null, event.seconds ?? null, event.detail ?? null,
    );
  });
}
