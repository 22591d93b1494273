/**
 * Migration 004 and the rows of pilots, predictions and verifications: a
 * schema-3 file upgrades keeping its rows, a saved recommendation reads back
 * as it was written, and deleting an experiment takes its reasoning with it.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialSchema } from '../../../electron/core/store/migrations/001_initial';
import { planningStatus } from '../../../electron/core/store/migrations/002_planning_status';
import { teamEngine } from '../../../electron/core/store/migrations/003_team_engine';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import { LabStore } from '../../../electron/core/store/lab-store';
import type { PredictionRecord } from '../../../electron/core/store/recommendation-records';
import type { CandidateCell } from '../../../shared/domain/recommend';
import { makeTempDir, queryFile, sampleExperiment, sampleSpec, type TempDir } from './fixtures';

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  temp.remove();
});

function prediction(id: string, experimentId: string): PredictionRecord {
  const candidate = (candidateIndex: number, structure: string, size: number, rank: number): CandidateCell => ({
    candidateIndex,
    structure,
    size,
    params: structure === 'vote' ? { size, aggregate: 'majority', weightBy: 'confidence' } : {},
    label: structure === 'vote' ? 'vote (majority)' : 'single',
    model: 'sim:default',
    calls: size,
    messages: 0,
    predicted: { accuracy: 0.7 + size / 100, low: 0.6, high: 0.9, tokens: 140 * size, latencyMs: 1000 + size },
    rank,
    withinBudget: true,
    added: false,
    basis: `basis of ${size}`,
    measured: size === 3 ? null : { accuracy: 0.71, low: 0.6, high: 0.8, trials: 2 },
  });
  return {
    predictionId: id,
    experimentId,
    source: 'pilot',
    objective: 'accuracy',
    budgetTokens: null,
    tolerance: 0.01,
    recommendedIndex: 1,
    reason: 'because',
    pilotCalls: 10,
    pilotTokens: 1400,
    pilotItems: 2,
    fullSweepCalls: 100,
    fractionOfFullSweep: 0.1,
    seed: 3,
    resamples: 1000,
    methodVersion: 1,
    method: 'bootstrap',
    quorumVersion: '0.1.0',
    createdAt: Date.parse('2026-01-02T03:04:05.000Z'),
    candidates: [candidate(1, 'vote', 3, 1), candidate(0, 'single', 1, 2)],
    answers: [
      { question: 'team-or-single', words: 'Yes', effect: 0.02, low: 0.01, high: 0.03 },
      { question: 'how-many', words: 'Three', effect: null, low: null, high: null },
      { question: 'which-structure', words: 'A vote', effect: 0.02, low: -0.01, high: 0.05 },
    ],
  };
}

function savedPilot(store: LabStore): void {
  store.createExperiment(sampleExperiment('pilot', 2));
  store.savePilot({
    experimentId: 'pilot',
    candidateSpec: sampleSpec(40),
    candidateCells: 3,
    candidateItems: 40,
    candidateRepetitions: 1,
    fullSweepCalls: 360,
    plannedCalls: 18,
    plannedFraction: 0.05,
    items: 2,
    itemOffset: 0,
    objective: 'accuracy',
    budgetTokens: null,
    design: 'single; vote of 5',
    createdAt: Date.parse('2026-01-02T03:04:05.000Z'),
    cells: [
      { cellIndex: 0, candidateIndex: 0, role: 'single' },
      { cellIndex: 2, candidateIndex: 2, role: 'pool' },
    ],
  });
}

describe('migration 004 (recommendations)', () => {
  it('upgrades a schema-3 file in place, keeping its experiments', () => {
    const path = temp.file('v3.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    initialSchema.up(db);
    planningStatus.up(db);
    teamEngine.up(db);
    db.pragma('user_version = 3');
    db.prepare("INSERT INTO experiments (id, name, spec_json, seed, status, created_at) VALUES ('old', 'old run', '{}', 1, 'completed', '2026-01-01T00:00:00Z')").run();
    db.close();
    LabStore.open(path).close();
    // Upgraded to the latest version, through 004 and whatever follows it.
    expect(queryFile<{ v: number }>(path, 'SELECT user_version AS v FROM pragma_user_version')[0]!.v).toBe(LATEST_SCHEMA_VERSION);
    expect(queryFile(path, 'SELECT id, status FROM experiments')).toEqual([{ id: 'old', status: 'completed' }]);
    expect(queryFile(path, 'SELECT COUNT(*) AS n FROM predictions')).toEqual([{ n: 0 }]);
  });
});

describe('recommendation rows', () => {
  it('read back as they were written', () => {
    const store = LabStore.open(temp.file('lab.sqlite'));
    try {
      savedPilot(store);
      expect(store.pilot('pilot')).toMatchObject({ experimentId: 'pilot', candidateItems: 40, plannedFraction: 0.05, cells: [{ cellIndex: 0, role: 'single' }, { cellIndex: 2, role: 'pool' }] });
      expect(store.pilot('pilot')!.candidateSpec).toEqual(sampleSpec(40));
      expect(store.pilot('other')).toBeNull();
      const written = prediction('pred-1', 'pilot');
      store.savePrediction(written);
      expect(store.prediction('pred-1')).toEqual(written);
      expect(store.samePrediction('pilot', 'accuracy', null, 1)?.predictionId).toBe('pred-1');
      expect(store.samePrediction('pilot', 'accuracy', 500, 1)).toBeNull();
      expect(store.samePrediction('pilot', 'accuracy', null, 2)).toBeNull();
      store.saveVerification({ verificationId: 'ver-1', predictionId: 'pred-1', experimentId: 'pilot', itemOffset: 2, items: 100, createdAt: 5, cells: [{ cellIndex: 1, candidateIndex: 1, role: 'recommended' }] });
      expect(store.verification('ver-1')).toMatchObject({ evaluation: null, cells: [{ cellIndex: 1, candidateIndex: 1, role: 'recommended' }] });
      const measured = { accuracy: 0.7, low: 0.6, high: 0.8, trials: 100, tokens: 420, latencyMs: 1000 };
      store.saveVerificationEvaluation('ver-1', { held: 1, total: 1, summary: 'held', evaluatedAt: 9, cells: [{ cellIndex: 1, measured, standardError: 0.04, accepted: { low: 0.5, high: 0.95 }, held: true }] });
      expect(store.verification('ver-1')!.evaluation).toEqual({ held: 1, total: 1, summary: 'held', evaluatedAt: 9, cells: [{ cellIndex: 1, measured, standardError: 0.04, accepted: { low: 0.5, high: 0.95 }, held: true }] });
    } finally {
      store.close();
    }
  });

  it('refuse a verification of a candidate the prediction does not hold, and go with their experiment when it is deleted', () => {
    const path = temp.file('lab.sqlite');
    const store = LabStore.open(path);
    try {
      savedPilot(store);
      store.savePrediction(prediction('pred-1', 'pilot'));
      expect(() => store.saveVerification({ verificationId: 'ver-x', predictionId: 'pred-1', experimentId: 'pilot', itemOffset: 2, items: 10, createdAt: 5, cells: [{ cellIndex: 0, candidateIndex: 7, role: 'single' }] })).toThrow();
      expect(store.verification('ver-x')).toBeNull();
      store.saveVerification({ verificationId: 'ver-1', predictionId: 'pred-1', experimentId: 'pilot', itemOffset: 2, items: 10, createdAt: 5, cells: [{ cellIndex: 0, candidateIndex: 0, role: 'single' }] });
    } finally {
      store.close();
    }
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    db.prepare("DELETE FROM experiments WHERE id = 'pilot'").run();
    const left = db.prepare('SELECT (SELECT COUNT(*) FROM pilots) + (SELECT COUNT(*) FROM pilot_cells) + (SELECT COUNT(*) FROM predictions) + (SELECT COUNT(*) FROM predicted_cells) + (SELECT COUNT(*) FROM prediction_answers) + (SELECT COUNT(*) FROM verifications) + (SELECT COUNT(*) FROM verified_cells) AS n').get();
    db.close();
    expect(left).toEqual({ n: 0 });
  });
});
