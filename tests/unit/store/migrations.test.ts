/**
 * Each migration on a real file: a database written by the previous version
 * upgrades in place, keeps every row and every reference, and gains what the
 * migration promises.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialSchema } from '../../../electron/core/store/migrations/001_initial';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import { LabStore } from '../../../electron/core/store/lab-store';
import { makeTempDir, queryFile, sampleExperiment, sampleOutcome, type TempDir } from './fixtures';

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  temp.remove();
});

/** A file as Quorum at schema 1 left it: one experiment with a saved trial. */
function writeVersion1(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  initialSchema.up(db);
  db.pragma('user_version = 1');
  db.close();
  // Plain SQL of schema 1: opening the file with the store would migrate it first.
  const raw = new Database(path);
  raw.pragma('foreign_keys = ON');
  const experiment = sampleExperiment('old', 2);
  raw.prepare("INSERT INTO experiments (id, name, spec_json, seed, status, created_at) VALUES ('old', 'old run', ?, 42, 'completed', '2026-01-01T00:00:00Z')").run(JSON.stringify(experiment.spec));
  for (const cell of experiment.cells) {
    raw.prepare('INSERT INTO cells (experiment_id, cell_index, model, structure, size, aggregate, label) VALUES (?, ?, ?, ?, ?, ?, ?)').run('old', cell.index, cell.model, cell.structure, cell.size, cell.aggregate, cell.label);
  }
  for (const item of experiment.items) {
    raw.prepare('INSERT INTO items (experiment_id, item_index, suite, prompt, answer, difficulty, hardness) VALUES (?, ?, ?, ?, ?, ?, ?)').run('old', item.index, item.suite, item.prompt, item.answer, item.difficulty, item.hardness);
  }
  for (const trial of experiment.trials) {
    raw.prepare("INSERT INTO trials (experiment_id, cell_index, item_index, repetition, seed, status) VALUES ('old', ?, ?, ?, ?, 'planned')").run(trial.cellIndex, trial.itemIndex, trial.repetition, trial.seed);
  }
  raw.close();
}

describe('migration 002 (planning status)', () => {
  it('upgrades a schema-1 file in place, keeping its rows and its references', () => {
    const path = temp.file('old.sqlite');
    writeVersion1(path);
    const store = LabStore.open(path);
    try {
      store.saveTrialOutcome(store.pendingTrials('old')[0]!.trialId, sampleOutcome());
      expect(store.getExperiment('old')).toMatchObject({ name: 'old run', status: 'completed', total: 6, done: 1 });
    } finally {
      store.close();
    }
    expect(queryFile<{ v: number }>(path, 'SELECT user_version AS v FROM pragma_user_version')[0]!.v).toBe(LATEST_SCHEMA_VERSION);
    // The children still point at experiments, and deleting one still cascades.
    const targets = queryFile<{ table: string }>(path, "SELECT \"table\" FROM pragma_foreign_key_list('cells')").map((row) => row.table);
    expect(targets).toEqual(['experiments']);
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("UPDATE experiments SET status = 'planning' WHERE id = 'old'").run()).not.toThrow();
    expect(() => db.prepare("UPDATE experiments SET status = 'bogus' WHERE id = 'old'").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM experiments WHERE id = 'old'").run();
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM cells) + (SELECT COUNT(*) FROM trials) + (SELECT COUNT(*) FROM calls) AS n').get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps indexes of the rebuilt table', () => {
    const path = temp.file('old.sqlite');
    writeVersion1(path);
    LabStore.open(path).close();
    const indexes = queryFile<{ name: string }>(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'experiments' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);
    expect(indexes).toEqual(['experiments_by_created_at', 'experiments_by_status']);
  });
});
