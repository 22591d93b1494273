/** Trials through their life: planned → running → done or failed, and back to planned after a crash. */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { toTrialResult, type TrialResultRecord } from './rows';
import { StoreError, type PendingTrial, type TrialCounts, type TrialResultRow } from './types';

/** The subquery picking an experiment's trials of one status, whose rows a reset deletes. */
const TRIALS_WITH_STATUS = 'SELECT id FROM trials WHERE experiment_id = @experimentId AND status = @status';

type ResetStatement = Statement<[{ experimentId: string; status: 'running' | 'failed' }]>;

export class TrialRepository {
  private readonly selectPending: Statement<[string], PendingTrial>;
  private readonly deleteCalls: ResetStatement;
  private readonly deleteMessages: ResetStatement;
  private readonly deleteAnswers: ResetStatement;
  private readonly deleteEvents: ResetStatement;
  private readonly resetToPlanned: ResetStatement;
  private readonly setRunning: Statement<[Record<string, unknown>]>;
  private readonly setFailed: Statement<[Record<string, unknown>]>;
  private readonly selectCounts: Statement<[string], TrialCounts>;
  private readonly selectResults: Statement<[string], TrialResultRecord>;
  private readonly resetTransaction: Transaction<(experimentId: string, status: 'running' | 'failed') => number>;

  constructor(db: Database) {
    this.selectPending = db.prepare(`
      SELECT id AS trialId, cell_index AS cellIndex, item_index AS itemIndex, repetition, seed
      FROM trials WHERE experiment_id = ? AND status IN ('planned', 'running') ORDER BY id`);
    this.deleteCalls = db.prepare(`DELETE FROM calls WHERE trial_id IN (${TRIALS_WITH_STATUS})`);
    this.deleteMessages = db.prepare(`DELETE FROM messages WHERE trial_id IN (${TRIALS_WITH_STATUS})`);
    this.deleteAnswers = db.prepare(`DELETE FROM agent_answers WHERE trial_id IN (${TRIALS_WITH_STATUS})`);
    this.deleteEvents = db.prepare(`DELETE FROM trial_events WHERE trial_id IN (${TRIALS_WITH_STATUS})`);
    this.resetToPlanned = db.prepare(`
      UPDATE trials SET status = 'planned', final_answer = NULL, correct = NULL, wall_ms = NULL, critical_path_ms = NULL,
        tokens_in = NULL, tokens_out = NULL, call_count = NULL, rounds = NULL, message_count = NULL, error = NULL,
        started_at_ms = NULL, finished_at_ms = NULL
      WHERE experiment_id = @experimentId AND status = @status`);
    this.setRunning = db.prepare(`
      UPDATE trials SET status = 'running', started_at_ms = @startedAtMs, finished_at_ms = NULL, error = NULL
      WHERE id = @trialId`);
    this.setFailed = db.prepare(`
      UPDATE trials SET status = 'failed', error = @error, finished_at_ms = @finishedAtMs,
        final_answer = NULL, correct = NULL
      WHERE id = @trialId`);
    this.selectCounts = db.prepare(`
      SELECT COUNT(*) AS total,
             COALESCE(SUM(status = 'planned'), 0) AS planned,
             COALESCE(SUM(status = 'running'), 0) AS running,
             COALESCE(SUM(status = 'done'), 0) AS done,
             COALESCE(SUM(status = 'failed'), 0) AS failed
      FROM trials WHERE experiment_id = ?`);
    this.selectResults = db.prepare(`
      SELECT cell_index, item_index, repetition, status, correct, critical_path_ms, wall_ms, tokens_in, tokens_out, call_count,
             final_answer, message_count, rounds
      FROM trials WHERE experiment_id = ? AND status IN ('done', 'failed') ORDER BY id`);
    this.resetTransaction = db.transaction((experimentId: string, status: 'running' | 'failed') => {
      // Children first and explicitly: cascades would do it too, but this keeps
      // the reset independent of whether a connection enabled foreign keys.
      const which = { experimentId, status };
      this.deleteAnswers.run(which);
      this.deleteMessages.run(which);
      this.deleteEvents.run(which);
      this.deleteCalls.run(which);
      return this.resetToPlanned.run(which).changes;
    });
  }

  /** Trials still to run (planned, or running when a previous runner died), in plan order. */
  pending(experimentId: string): PendingTrial[] {
    return this.selectPending.all(experimentId);
  }

  /** Puts trials a dead runner left 'running' back to 'planned', dropping any rows they wrote. Returns how many. */
  resetRunningTrials(experimentId: string): number {
    return this.resetTransaction.immediate(experimentId, 'running');
  }

  /** Puts failed trials back to 'planned' (dropping whatever rows they had), so the next run tries them again. Returns how many. */
  resetFailedTrials(experimentId: string): number {
    return this.resetTransaction.immediate(experimentId, 'failed');
  }

  markRunning(trialId: number, startedAtMs: number): void {
    this.requireChanged(this.setRunning.run({ trialId, startedAtMs }).changes, trialId);
  }

  markFailed(trialId: number, error: string, finishedAtMs: number): void {
    this.requireChanged(this.setFailed.run({ trialId, error, finishedAtMs }).changes, trialId);
  }

  counts(experimentId: string): TrialCounts {
    // An aggregate without GROUP BY always returns one row.
    return this.selectCounts.get(experimentId) ?? { total: 0, planned: 0, running: 0, done: 0, failed: 0 };
  }

  /** Done and failed trials, in plan order. */
  results(experimentId: string): TrialResultRow[] {
    return this.selectResults.all(experimentId).map(toTrialResult);
  }

  private requireChanged(changes: number, trialId: number): void {
    if (changes === 0) throw new StoreError(`There is no trial ${trialId}.`, 'not_found');
  }
}
