/** Trials through their life: planned → running → done or failed, and back to planned after a crash. */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { toTrialResult, type TrialResultRecord } from './rows';
import { StoreError, type PendingTrial, type TrialCounts, type TrialResultRow } from './types';

/** The subquery picking an experiment's running trials, whose partial rows a reset deletes. */
const RUNNING_TRIALS = "SELECT id FROM trials WHERE experiment_id = ? AND status = 'running'";

export class TrialRepository {
  private readonly selectPending: Statement<[string], PendingTrial>;
  private readonly deleteRunningCalls: Statement<[string]>;
  private readonly deleteRunningMessages: Statement<[string]>;
  private readonly deleteRunningAnswers: Statement<[string]>;
  private readonly resetRunning: Statement<[string]>;
  private readonly setRunning: Statement<[Record<string, unknown>]>;
  private readonly setFailed: Statement<[Record<string, unknown>]>;
  private readonly selectCounts: Statement<[string], TrialCounts>;
  private readonly selectResults: Statement<[string], TrialResultRecord>;
  private readonly resetRunningTransaction: Transaction<(experimentId: string) => number>;

  constructor(db: Database) {
    this.selectPending = db.prepare(`
      SELECT id AS trialId, cell_index AS cellIndex, item_index AS itemIndex, repetition, seed
      FROM trials WHERE experiment_id = ? AND status IN ('planned', 'running') ORDER BY id`);
    this.deleteRunningCalls = db.prepare(`DELETE FROM calls WHERE trial_id IN (${RUNNING_TRIALS})`);
    this.deleteRunningMessages = db.prepare(`DELETE FROM messages WHERE trial_id IN (${RUNNING_TRIALS})`);
    this.deleteRunningAnswers = db.prepare(`DELETE FROM agent_answers WHERE trial_id IN (${RUNNING_TRIALS})`);
    this.resetRunning = db.prepare(`
      UPDATE trials SET status = 'planned', final_answer = NULL, correct = NULL, wall_ms = NULL, critical_path_ms = NULL,
        tokens_in = NULL, tokens_out = NULL, call_count = NULL, error = NULL, started_at_ms = NULL, finished_at_ms = NULL
      WHERE experiment_id = ? AND status = 'running'`);
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
      SELECT cell_index, item_index, repetition, status, correct, critical_path_ms, wall_ms, tokens_in, tokens_out, call_count
      FROM trials WHERE experiment_id = ? AND status IN ('done', 'failed') ORDER BY id`);
    this.resetRunningTransaction = db.transaction((experimentId: string) => {
      // Children first and explicitly: cascades would do it too, but this keeps
      // the reset independent of whether a connection enabled foreign keys.
      this.deleteRunningAnswers.run(experimentId);
      this.deleteRunningMessages.run(experimentId);
      this.deleteRunningCalls.run(experimentId);
      return this.resetRunning.run(experimentId).changes;
    });
  }

  /** Trials still to run (planned, or running when a previous runner died), in plan order. */
  pending(experimentId: string): PendingTrial[] {
    return this.selectPending.all(experimentId);
  }

  /** Puts trials a dead runner left 'running' back to 'planned', dropping any rows they wrote. Returns how many. */
  resetRunningTrials(experimentId: string): number {
    return this.resetRunningTransaction.immediate(experimentId);
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
