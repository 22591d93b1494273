/**
 * Verifications (migration 004): planned with the cells they run and the
 * candidates those stand for, then judged once their experiment finished.
 * Each is written in one transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { VerificationRef, VerifiedCell } from '../../../shared/domain/recommend';
import type { VerificationEvaluation, VerificationRecord } from './recommendation-records';

interface VerificationRow {
  id: string;
  prediction_id: string;
  experiment_id: string;
  item_offset: number;
  items: number;
  held: number | null;
  total: number | null;
  summary: string | null;
  evaluated_at: string | null;
  created_at: string;
}

interface VerifiedCellRow {
  cell_index: number;
  candidate_index: number;
  role: VerifiedCell['role'];
  measured_accuracy: number | null;
  measured_low: number | null;
  measured_high: number | null;
  measured_trials: number | null;
  measured_tokens: number | null;
  measured_latency_ms: number | null;
  measured_se: number | null;
  accepted_low: number | null;
  accepted_high: number | null;
  held: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class VerificationRepository {
  private readonly insertVerification: Statement;
  private readonly insertVerifiedCell: Statement;
  private readonly selectVerification: Statement<[string], VerificationRow>;
  private readonly selectVerifiedCells: Statement<[string], VerifiedCellRow>;
  private readonly updateVerification: Statement;
  private readonly updateVerifiedCell: Statement;
  private readonly selectForPrediction: Statement<[string], VerificationRow>;

  constructor(private readonly db: Database) {
    this.insertVerification = db.prepare('INSERT INTO verifications (id, prediction_id, experiment_id, item_offset, items, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertVerifiedCell = db.prepare('INSERT INTO verified_cells (verification_id, cell_index, prediction_id, candidate_index, role) VALUES (?, ?, ?, ?, ?)');
    this.selectVerification = db.prepare('SELECT * FROM verifications WHERE id = ?');
    this.selectForPrediction = db.prepare('SELECT * FROM verifications WHERE prediction_id = ? ORDER BY created_at, rowid');
    this.selectVerifiedCells = db.prepare('SELECT * FROM verified_cells WHERE verification_id = ? ORDER BY cell_index');
    this.updateVerification = db.prepare('UPDATE verifications SET held = ?, total = ?, summary = ?, evaluated_at = ? WHERE id = ?');
    this.updateVerifiedCell = db.prepare(`
      UPDATE verified_cells SET measured_accuracy = @accuracy, measured_low = @low, measured_high = @high, measured_trials = @trials,
             measured_tokens = @tokens, measured_latency_ms = @latencyMs, measured_se = @standardError,
             accepted_low = @acceptedLow, accepted_high = @acceptedHigh, held = @held
      WHERE verification_id = @verificationId AND cell_index = @cellIndex`);
  }

  save(verification: Omit<VerificationRecord, 'evaluation'>): void {
    this.db.transaction(() => {
      this.insertVerification.run(verification.verificationId, verification.predictionId, verification.experimentId, verification.itemOffset, verification.items, iso(verification.createdAt));
      for (const cell of verification.cells) this.insertVerifiedCell.run(verification.verificationId, cell.cellIndex, verification.predictionId, cell.candidateIndex, cell.role);
    })();
  }

  saveEvaluation(verificationId: string, evaluation: VerificationEvaluation): void {
    this.db.transaction(() => {
      this.updateVerification.run(evaluation.held, evaluation.total, evaluation.summary, iso(evaluation.evaluatedAt), verificationId);
      for (const cell of evaluation.cells) {
        this.updateVerifiedCell.run({
          verificationId,
          cellIndex: cell.cellIndex,
          ...cell.measured,
          standardError: cell.standardError,
          acceptedLow: cell.accepted.low,
          acceptedHigh: cell.accepted.high,
          held: cell.held ? 1 : 0,
        });
      }
    })();
  }

  /** A prediction's verifications, oldest first, with their verdicts where judged. */
  forPrediction(predictionId: string): VerificationRef[] {
    return this.selectForPrediction.all(predictionId).map((row) => ({
      verificationId: row.id,
      experimentId: row.experiment_id,
      createdAt: Date.parse(row.created_at),
      held: row.held,
      total: row.total,
    }));
  }

  get(verificationId: string): VerificationRecord | null {
    const row = this.selectVerification.get(verificationId);
    if (!row) return null;
    const cells = this.selectVerifiedCells.all(verificationId);
    return {
      verificationId: row.id,
      predictionId: row.prediction_id,
      experimentId: row.experiment_id,
      itemOffset: row.item_offset,
      items: row.items,
      createdAt: Date.parse(row.created_at),
      cells: cells.map((c) => ({ cellIndex: c.cell_index, candidateIndex: c.candidate_index, role: c.role })),
      evaluation: evaluationOf(row, cells),
    };
  }
}

function evaluationOf(row: VerificationRow, cells: readonly VerifiedCellRow[]): VerificationEvaluation | null {
  if (row.evaluated_at === null || row.held === null || row.total === null || row.summary === null) return null;
  return {
    held: row.held,
    total: row.total,
    summary: row.summary,
    evaluatedAt: Date.parse(row.evaluated_at),
    cells: cells.flatMap((c) => {
      if (c.measured_accuracy === null || c.held === null) return [];
      const accuracy = c.measured_accuracy;
      return [
        {
          cellIndex: c.cell_index,
          measured: {
            accuracy,
            low: c.measured_low ?? accuracy,
            high: c.measured_high ?? accuracy,
            trials: c.measured_trials ?? 0,
            tokens: c.measured_tokens ?? 0,
            latencyMs: c.measured_latency_ms ?? 0,
          },
          standardError: c.measured_se ?? 0,
          accepted: { low: c.accepted_low ?? 0, high: c.accepted_high ?? 1 },
          held: c.held === 1,
        },
      ];
    }),
  };
}
