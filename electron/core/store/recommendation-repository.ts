/**
 * Pilots and predictions (migration 004): written as rows a researcher can
 * query, read back as the shared types; and the two things a prediction
 * reads of an experiment besides its trials, by SQL rather than by loading
 * every call. A prediction with its candidates and answers is written in one
 * transaction, so a file never holds half a recommendation.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Answer, CandidateCell, Objective, RecommendationSource } from '../../../shared/domain/recommend';
import type { ExperimentSpec } from '../../../shared/domain/spec';
import type { CellParams } from '../../../shared/domain/structures';
import type { CallTotals, PilotCellRole, PilotRecord, PredictionRecord, VoterCall } from './recommendation-records';

interface PilotRow {
  experiment_id: string;
  candidate_spec_json: string;
  candidate_cells: number;
  candidate_items: number;
  candidate_repetitions: number;
  full_sweep_calls: number;
  planned_calls: number;
  planned_fraction: number;
  items: number;
  item_offset: number;
  objective: Objective;
  budget_tokens: number | null;
  design: string;
  created_at: string;
}

interface PredictionRow {
  id: string;
  experiment_id: string;
  source: RecommendationSource;
  objective: Objective;
  budget_tokens: number | null;
  tolerance: number;
  recommended_index: number;
  reason: string;
  pilot_calls: number;
  pilot_tokens: number;
  pilot_items: number;
  full_sweep_calls: number;
  fraction_of_full_sweep: number;
  seed: number;
  resamples: number;
  method_version: number;
  method: string;
  quorum_version: string | null;
  created_at: string;
}

interface PredictedCellRow {
  candidate_index: number;
  structure: string;
  size: number;
  model: string;
  label: string;
  params_json: string;
  calls: number;
  messages: number;
  accuracy: number;
  accuracy_low: number;
  accuracy_high: number;
  tokens: number;
  latency_ms: number;
  rank: number;
  within_budget: number;
  added: number;
  basis: string;
  measured_accuracy: number | null;
  measured_low: number | null;
  measured_high: number | null;
  measured_trials: number | null;
}

interface AnswerRow {
  question: Answer['question'];
  words: string;
  effect: number | null;
  effect_low: number | null;
  effect_high: number | null;
}

interface VoterCallRow {
  item_index: number;
  repetition: number;
  agent_index: number;
  status: string;
  tokens: number;
  duration_ms: number;
  extracted_answer: string | null;
  correct: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const QUESTION_ORDER: Record<Answer['question'], number> = { 'team-or-single': 0, 'how-many': 1, 'which-structure': 2 };

export class RecommendationRepository {
  private readonly insertPilot: Statement;
  private readonly insertPilotCell: Statement;
  private readonly selectPilot: Statement<[string], PilotRow>;
  private readonly selectPilotCells: Statement<[string], { cell_index: number; candidate_index: number; role: PilotCellRole }>;
  private readonly insertPrediction: Statement;
  private readonly insertPredictedCell: Statement;
  private readonly insertAnswer: Statement;
  private readonly selectPrediction: Statement<[string], PredictionRow>;
  private readonly selectSamePrediction: Statement<[string, Objective, number | null, number], PredictionRow>;
  private readonly selectPredictedCells: Statement<[string], PredictedCellRow>;
  private readonly selectAnswers: Statement<[string], AnswerRow>;
  private readonly selectTotals: Statement<[string], { calls: number; tokens: number }>;
  private readonly selectVoterCalls: Statement<[string, number, number], VoterCallRow>;

  constructor(private readonly db: Database) {
    this.insertPilot = db.prepare(`
      INSERT INTO pilots (experiment_id, candidate_spec_json, candidate_cells, candidate_items, candidate_repetitions, full_sweep_calls,
                          planned_calls, planned_fraction, items, item_offset, objective, budget_tokens, design, created_at)
      VALUES (@experimentId, @candidateSpec, @candidateCells, @candidateItems, @candidateRepetitions, @fullSweepCalls,
              @plannedCalls, @plannedFraction, @items, @itemOffset, @objective, @budgetTokens, @design, @createdAt)`);
    this.insertPilotCell = db.prepare('INSERT INTO pilot_cells (experiment_id, cell_index, candidate_index, role) VALUES (?, ?, ?, ?)');
    this.selectPilot = db.prepare('SELECT * FROM pilots WHERE experiment_id = ?');
    this.selectPilotCells = db.prepare('SELECT cell_index, candidate_index, role FROM pilot_cells WHERE experiment_id = ? ORDER BY cell_index');
    this.insertPrediction = db.prepare(`
      INSERT INTO predictions (id, experiment_id, source, objective, budget_tokens, tolerance, recommended_index, reason, pilot_calls, pilot_tokens,
                               pilot_items, full_sweep_calls, fraction_of_full_sweep, seed, resamples, method_version, method, quorum_version, created_at)
      VALUES (@predictionId, @experimentId, @source, @objective, @budgetTokens, @tolerance, @recommendedIndex, @reason, @pilotCalls, @pilotTokens,
              @pilotItems, @fullSweepCalls, @fractionOfFullSweep, @seed, @resamples, @methodVersion, @method, @quorumVersion, @createdAt)`);
    this.insertPredictedCell = db.prepare(`
      INSERT INTO predicted_cells (prediction_id, candidate_index, structure, size, model, label, params_json, calls, messages, accuracy, accuracy_low,
                                   accuracy_high, tokens, latency_ms, rank, within_budget, added, basis, measured_accuracy, measured_low, measured_high, measured_trials)
      VALUES (@predictionId, @candidateIndex, @structure, @size, @model, @label, @params, @calls, @messages, @accuracy, @low,
              @high, @tokens, @latencyMs, @rank, @withinBudget, @added, @basis, @measuredAccuracy, @measuredLow, @measuredHigh, @measuredTrials)`);
    this.insertAnswer = db.prepare('INSERT INTO prediction_answers (prediction_id, question, words, effect, effect_low, effect_high) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectPrediction = db.prepare('SELECT * FROM predictions WHERE id = ?');
    this.selectSamePrediction = db.prepare(
      'SELECT * FROM predictions WHERE experiment_id = ? AND objective = ? AND budget_tokens IS ? AND method_version = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    );
    this.selectPredictedCells = db.prepare('SELECT * FROM predicted_cells WHERE prediction_id = ? ORDER BY rank, candidate_index');
    this.selectAnswers = db.prepare('SELECT question, words, effect, effect_low, effect_high FROM prediction_answers WHERE prediction_id = ?');
    this.selectTotals = db.prepare(`
      SELECT COUNT(*) AS calls, COALESCE(SUM(c.tokens_in + c.tokens_out), 0) AS tokens
      FROM trials t JOIN calls c ON c.trial_id = t.id
      WHERE t.experiment_id = ? AND t.status IN ('done', 'failed')`);
    // A judge, when there is one, comes after the voters; a trial that failed as a whole is left out.
    this.selectVoterCalls = db.prepare(`
      SELECT t.item_index, t.repetition, c.agent_index, c.status, c.tokens_in + c.tokens_out AS tokens,
             CASE WHEN c.logical_start_ms IS NOT NULL AND c.logical_end_ms IS NOT NULL THEN c.logical_end_ms - c.logical_start_ms ELSE c.latency_ms END AS duration_ms,
             a.extracted_answer, a.correct
      FROM trials t
      JOIN calls c ON c.trial_id = t.id
      LEFT JOIN agent_answers a ON a.call_id = c.id AND a.agent_index = c.agent_index
      WHERE t.experiment_id = ? AND t.cell_index = ? AND t.status = 'done' AND c.intent = 'solve' AND c.round = 0 AND c.agent_index < ?
      ORDER BY t.id, c.seq`);
  }

  savePilot(pilot: PilotRecord): void {
    this.db.transaction(() => {
      this.insertPilot.run({ ...pilot, candidateSpec: JSON.stringify(pilot.candidateSpec), createdAt: iso(pilot.createdAt) });
      for (const cell of pilot.cells) this.insertPilotCell.run(pilot.experimentId, cell.cellIndex, cell.candidateIndex, cell.role);
    })();
  }

  pilot(experimentId: string): PilotRecord | null {
    const row = this.selectPilot.get(experimentId);
    if (!row) return null;
    return {
      experimentId: row.experiment_id,
      candidateSpec: JSON.parse(row.candidate_spec_json) as ExperimentSpec,
      candidateCells: row.candidate_cells,
      candidateItems: row.candidate_items,
      candidateRepetitions: row.candidate_repetitions,
      fullSweepCalls: row.full_sweep_calls,
      plannedCalls: row.planned_calls,
      plannedFraction: row.planned_fraction,
      items: row.items,
      itemOffset: row.item_offset,
      objective: row.objective,
      budgetTokens: row.budget_tokens,
      design: row.design,
      createdAt: Date.parse(row.created_at),
      cells: this.selectPilotCells.all(experimentId).map((c) => ({ cellIndex: c.cell_index, candidateIndex: c.candidate_index, role: c.role })),
    };
  }

  savePrediction(prediction: PredictionRecord): void {
    this.db.transaction(() => {
      const { candidates: _candidates, answers: _answers, ...row } = prediction;
      this.insertPrediction.run({ ...row, createdAt: iso(prediction.createdAt) });
      for (const cell of prediction.candidates) {
        this.insertPredictedCell.run({
          predictionId: prediction.predictionId,
          candidateIndex: cell.candidateIndex,
          structure: cell.structure,
          size: cell.size,
          model: cell.model,
          label: cell.label,
          params: JSON.stringify(cell.params),
          calls: cell.calls,
          messages: cell.messages,
          accuracy: cell.predicted.accuracy,
          low: cell.predicted.low,
          high: cell.predicted.high,
          tokens: cell.predicted.tokens,
          latencyMs: cell.predicted.latencyMs,
          rank: cell.rank,
          withinBudget: cell.withinBudget ? 1 : 0,
          added: cell.added ? 1 : 0,
          basis: cell.basis,
          measuredAccuracy: cell.measured?.accuracy ?? null,
          measuredLow: cell.measured?.low ?? null,
          measuredHigh: cell.measured?.high ?? null,
          measuredTrials: cell.measured?.trials ?? null,
        });
      }
      for (const answer of prediction.answers) this.insertAnswer.run(prediction.predictionId, answer.question, answer.words, answer.effect, answer.low, answer.high);
    })();
  }

  prediction(predictionId: string): PredictionRecord | null {
    const row = this.selectPrediction.get(predictionId);
    return row ? this.toPrediction(row) : null;
  }

  /** The newest prediction already made for this question (experiment, objective, budget) with this method. */
  samePrediction(experimentId: string, objective: Objective, budgetTokens: number | null, methodVersion: number): PredictionRecord | null {
    const row = this.selectSamePrediction.get(experimentId, objective, budgetTokens, methodVersion);
    return row ? this.toPrediction(row) : null;
  }

  /** Calls of the experiment's finished trials, and their tokens: what it cost. */
  callTotals(experimentId: string): CallTotals {
    return this.selectTotals.get(experimentId) ?? { calls: 0, tokens: 0 };
  }

  /** The first answers of a vote's `voters` voters in one cell, in plan order. */
  voterCalls(experimentId: string, cellIndex: number, voters: number): VoterCall[] {
    return this.selectVoterCalls.all(experimentId, cellIndex, voters).map((r) => ({
      itemIndex: r.item_index,
      repetition: r.repetition,
      agentIndex: r.agent_index,
      status: r.status,
      tokens: r.tokens,
      durationMs: r.duration_ms,
      answer: r.extracted_answer,
      correct: r.correct === 1,
    }));
  }

  private toPrediction(row: PredictionRow): PredictionRecord {
    const candidates = this.selectPredictedCells.all(row.id).map(toCandidate);
    const answers = this.selectAnswers
      .all(row.id)
      .map((a) => ({ question: a.question, words: a.words, effect: a.effect, low: a.effect_low, high: a.effect_high }))
      .sort((a, b) => QUESTION_ORDER[a.question] - QUESTION_ORDER[b.question]);
    return {
      predictionId: row.id,
      experimentId: row.experiment_id,
      source: row.source,
      objective: row.objective,
      budgetTokens: row.budget_tokens,
      tolerance: row.tolerance,
      recommendedIndex: row.recommended_index,
      reason: row.reason,
      pilotCalls: row.pilot_calls,
      pilotTokens: row.pilot_tokens,
      pilotItems: row.pilot_items,
      fullSweepCalls: row.full_sweep_calls,
      fractionOfFullSweep: row.fraction_of_full_sweep,
      seed: row.seed,
      resamples: row.resamples,
      methodVersion: row.method_version,
      method: row.method,
      quorumVersion: row.quorum_version,
      createdAt: Date.parse(row.created_at),
      candidates,
      answers,
    };
  }
}

function toCandidate(row: PredictedCellRow): CandidateCell {
  const measured =
    row.measured_accuracy === null ? null : { accuracy: row.measured_accuracy, low: row.measured_low ?? row.measured_accuracy, high: row.measured_high ?? row.measured_accuracy, trials: row.measured_trials ?? 0 };
  return {
    candidateIndex: row.candidate_index,
    structure: row.structure,
    size: row.size,
    params: JSON.parse(row.params_json) as CellParams,
    label: row.label,
    model: row.model,
    calls: row.calls,
    messages: row.messages,
    predicted: { accuracy: row.accuracy, low: row.accuracy_low, high: row.accuracy_high, tokens: row.tokens, latencyMs: row.latency_ms },
    rank: row.rank,
    withinBudget: row.within_budget === 1,
    added: row.added === 1,
    basis: row.basis,
    measured,
  };
}
