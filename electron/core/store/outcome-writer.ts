/**
 * Writes what one trial produced — its calls, the call DAG, messages and each
 * agent's answer — and marks the trial done, all in one transaction: a trial is
 * either fully recorded or still pending.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { TrialOutcome } from '../trial-record';
import { sqlBool } from './rows';
import { StoreError } from './types';

export class OutcomeWriter {
  private readonly finishTrial: Statement<[Record<string, unknown>]>;
  private readonly deleteAnswers: Statement<[number]>;
  private readonly deleteMessages: Statement<[number]>;
  private readonly deleteCalls: Statement<[number]>;
  private readonly insertCall: Statement<[Record<string, unknown>]>;
  private readonly insertCallInput: Statement<[number, number]>;
  private readonly insertMessage: Statement<[Record<string, unknown>]>;
  private readonly insertAnswer: Statement<[Record<string, unknown>]>;
  private readonly saveTransaction: Transaction<(trialId: number, outcome: TrialOutcome) => void>;

  constructor(db: Database) {
    this.finishTrial = db.prepare(`
      UPDATE trials SET status = 'done', final_answer = @finalAnswer, correct = @correct, wall_ms = @wallMs,
        critical_path_ms = @criticalPathMs, tokens_in = @tokensIn, tokens_out = @tokensOut, call_count = @callCount,
        error = NULL, started_at_ms = @startedAtMs, finished_at_ms = @finishedAtMs
      WHERE id = @trialId`);
    this.deleteAnswers = db.prepare('DELETE FROM agent_answers WHERE trial_id = ?');
    this.deleteMessages = db.prepare('DELETE FROM messages WHERE trial_id = ?');
    // call_inputs rows go with their calls through ON DELETE CASCADE.
    this.deleteCalls = db.prepare('DELETE FROM calls WHERE trial_id = ?');
    this.insertCall = db.prepare(`
      INSERT INTO calls (trial_id, seq, agent_index, role, model, host, status, error, done_reason, tokens_in, tokens_out,
        queue_ms, load_ms, prompt_ms, gen_ms, latency_ms, started_at_ms, ended_at_ms, simulated)
      VALUES (@trialId, @seq, @agentIndex, @role, @model, @host, @status, @error, @doneReason, @tokensIn, @tokensOut,
        @queueMs, @loadMs, @promptMs, @genMs, @latencyMs, @startedAtMs, @endedAtMs, @simulated)`);
    this.insertCallInput = db.prepare('INSERT INTO call_inputs (call_id, input_call_id) VALUES (?, ?)');
    this.insertMessage = db.prepare(`
      INSERT INTO messages (trial_id, seq, from_agent, to_agent, kind, content, call_id)
      VALUES (@trialId, @seq, @fromAgent, @toAgent, @kind, @content, @callId)`);
    this.insertAnswer = db.prepare(`
      INSERT INTO agent_answers (trial_id, agent_index, call_id, extracted_answer, correct)
      VALUES (@trialId, @agentIndex, @callId, @extracted, @correct)`);
    this.saveTransaction = db.transaction((trialId: number, outcome: TrialOutcome) => this.write(trialId, outcome));
  }

  /** Idempotent: saving a trial again replaces its rows rather than adding to them. */
  save(trialId: number, outcome: TrialOutcome): void {
    this.saveTransaction.immediate(trialId, outcome);
  }

  private write(trialId: number, outcome: TrialOutcome): void {
    const finished = this.finishTrial.run({
      trialId,
      finalAnswer: outcome.finalAnswer,
      correct: sqlBool(outcome.correct),
      wallMs: outcome.wallMs,
      criticalPathMs: outcome.criticalPathMs,
      tokensIn: outcome.tokensIn,
      tokensOut: outcome.tokensOut,
      callCount: outcome.calls.length,
      startedAtMs: outcome.startedAtMs,
      finishedAtMs: outcome.finishedAtMs,
    });
    if (finished.changes === 0) throw new StoreError(`There is no trial ${trialId}.`, 'not_found');

    this.deleteAnswers.run(trialId);
    this.deleteMessages.run(trialId);
    this.deleteCalls.run(trialId);

    // The team numbers calls by seq; rows get their ids here, so map one to the other.
    const callIdBySeq = new Map<number, number>();
    for (const call of outcome.calls) {
      // Keys the statement does not name (consumes) are ignored by the binder.
      const inserted = this.insertCall.run({ ...call, trialId, simulated: sqlBool(call.simulated) });
      callIdBySeq.set(call.seq, Number(inserted.lastInsertRowid));
    }
    const callId = (seq: number, user: string): number => {
      const id = callIdBySeq.get(seq);
      if (id === undefined) throw new Error(`Trial ${trialId}: ${user} refers to call seq ${seq}, which the outcome does not contain.`);
      return id;
    };

    for (const call of outcome.calls) {
      const consumerId = callId(call.seq, `call ${call.seq}`);
      // A set: a call that read the same output twice still has one edge in the DAG.
      for (const inputSeq of new Set(call.consumes)) {
        this.insertCallInput.run(consumerId, callId(inputSeq, `call ${call.seq}'s inputs`));
      }
    }
    for (const message of outcome.messages) {
      this.insertMessage.run({
        trialId,
        seq: message.seq,
        fromAgent: message.fromAgent,
        toAgent: message.toAgent,
        kind: message.kind,
        content: message.content,
        callId: message.callSeq === null ? null : callId(message.callSeq, `message ${message.seq}`),
      });
    }
    for (const answer of outcome.answers) {
      this.insertAnswer.run({
        trialId,
        agentIndex: answer.agentIndex,
        callId: callId(answer.callSeq, `agent ${answer.agentIndex}'s answer`),
        extracted: answer.extracted,
        correct: sqlBool(answer.correct),
      });
    }
  }
}
