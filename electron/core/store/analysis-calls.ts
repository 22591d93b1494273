/**
 * Every model call of an experiment's finished trials, with the answer read
 * from it: the rows theory fits and predictions work from (per-agent
 * accuracy and error correlation, tokens and service time per intent).
 * One query, in plan order, so analysis never loops over the database.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AnalysisCall } from './types';

interface AnalysisCallRecord {
  cell_index: number;
  item_index: number;
  repetition: number;
  trial_status: string;
  agent_index: number;
  seq: number;
  intent: string;
  round: number;
  model: string;
  status: string;
  tokens_in: number;
  tokens_out: number;
  logical_start_ms: number | null;
  logical_end_ms: number | null;
  latency_ms: number;
  extracted_answer: string | null;
  correct: number | null;
  score: number | null;
  part_index: number | null;
}

export class AnalysisCalls {
  private readonly select: Statement<[string], AnalysisCallRecord>;

  constructor(db: Database) {
    this.select = db.prepare(`
      SELECT t.cell_index, t.item_index, t.repetition, t.status AS trial_status,
             c.agent_index, c.seq, c.intent, c.round, c.model, c.status, c.tokens_in, c.tokens_out,
             c.logical_start_ms, c.logical_end_ms, c.latency_ms,
             a.extracted_answer, a.correct, a.score, a.part_index
      FROM trials t
      JOIN calls c ON c.trial_id = t.id
      LEFT JOIN agent_answers a ON a.call_id = c.id AND a.agent_index = c.agent_index
      WHERE t.experiment_id = ? AND t.status IN ('done', 'failed')
      ORDER BY t.id, c.seq`);
  }

  all(experimentId: string): AnalysisCall[] {
    return this.select.all(experimentId).map((r) => ({
      cellIndex: r.cell_index,
      itemIndex: r.item_index,
      repetition: r.repetition,
      trialFailed: r.trial_status === 'failed',
      agentIndex: r.agent_index,
      seq: r.seq,
      intent: r.intent,
      round: r.round,
      model: r.model,
      status: r.status,
      tokens: r.tokens_in + r.tokens_out,
      // Logical times place the call on the trial's own timeline; older rows only have the latency.
      durationMs: r.logical_start_ms !== null && r.logical_end_ms !== null ? r.logical_end_ms - r.logical_start_ms : r.latency_ms,
      answer: r.extracted_answer,
      correct: r.correct === null ? null : r.correct === 1,
      score: r.score,
      partIndex: r.part_index,
    }));
  }
}
