/**
 * Each migration on a real file: a database written by the previous version
 * upgrades in place, keeps every row and every reference, and gains what the
 * migration promises.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialSchema } from '../../../electron/core/store/migrations/001_initial';
import { planningStatus } from '../../../electron/core/store/migrations/002_planning_status';
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

/** A file as Quorum at schema 2 left it: a vote of 3 with one finished trial (calls, edges, messages, answers). */
function writeVersion2(path: string): void {
  writeVersion1(path);
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  planningStatus.up(db);
  db.pragma('user_version = 2');
  db.pragma('foreign_keys = ON');
  const trial = db.prepare<[], { id: number }>("SELECT id FROM trials WHERE cell_index = 1 ORDER BY id LIMIT 1").get()!.id;
  db.prepare("UPDATE trials SET status = 'done', final_answer = '2', correct = 1, call_count = 3 WHERE id = ?").run(trial);
  for (let seq = 0; seq < 3; seq++) {
    db.prepare(
      `INSERT INTO calls (id, trial_id, seq, agent_index, role, model, host, status, error, done_reason, tokens_in, tokens_out,
         queue_ms, load_ms, prompt_ms, gen_ms, latency_ms, started_at_ms, ended_at_ms, simulated)
       VALUES (?, ?, ?, ?, 'voter', 'sim:default', 'sim', 'ok', NULL, 'stop', 10, 5, 0, 0, 1, 2, 3, 1000, 1003, 1)`,
    ).run(100 + seq, trial, seq, seq);
    db.prepare('INSERT INTO agent_answers (trial_id, agent_index, call_id, extracted_answer, correct) VALUES (?, ?, ?, ?, 1)').run(trial, seq, 100 + seq, '2');
  }
  db.prepare("INSERT INTO messages (id, trial_id, seq, from_agent, to_agent, kind, content, call_id) VALUES (50, ?, 0, NULL, NULL, 'prompt', 'What is 1 + 1?', NULL)").run(trial);
  db.prepare("INSERT INTO messages (id, trial_id, seq, from_agent, to_agent, kind, content, call_id) VALUES (51, ?, 1, 0, NULL, 'reply', 'Answer: 2', 100)").run(trial);
  db.prepare("INSERT INTO call_retries (call_id, attempt, host, at_ms, status, error, delay_ms) VALUES (101, 1, 'sim', 1000, 503, 'busy', 10)").run();
  db.close();
}

describe('migration 003 (team engine)', () => {
  it('upgrades a schema-2 file in place: rows and ids kept, cells given their parameters and agents', () => {
    const path = temp.file('v2.sqlite');
    writeVersion2(path);
    const store = LabStore.open(path);
    try {
      const cells = store.getCells('old');
      expect(cells.map((c) => [c.structure, c.size, c.params])).toEqual([
        ['single', 1, {}],
        ['vote', 3, { size: 3, aggregate: 'majority', weightBy: 'confidence' }],
        ['vote', 5, { size: 5, aggregate: 'majority', weightBy: 'confidence' }],
      ]);
      expect(cells[1]!.agents.map((a) => [a.index, a.model, a.role])).toEqual([0, 1, 2].map((i) => [i, 'sim:default', 'voter']));
      const trialId = queryFile<{ id: number }>(path, "SELECT id FROM trials WHERE status = 'done'")[0]!.id;
      // The old trial still browses: calls placed by their wall-clock times, the prompt rebuilt from the old messages.
      const detail = store.trialDetail('old', trialId)!;
      expect(detail.calls.map((c) => [c.seq, c.status, c.intent, c.round])).toEqual([[0, 'ok', 'solve', 0], [1, 'ok', 'solve', 0], [2, 'ok', 'solve', 0]]);
      expect(store.callText('old', trialId, 0)).toMatchObject({ prompt: [{ role: 'user', content: 'What is 1 + 1?' }], reply: 'Answer: 2' });
    } finally {
      store.close();
    }
    expect(queryFile(path, 'SELECT id, seq FROM calls ORDER BY id')).toEqual([100, 101, 102].map((id, seq) => ({ id, seq })));
    expect(queryFile(path, 'SELECT id, to_agents, kind FROM messages ORDER BY id')).toEqual([
      { id: 50, to_agents: null, kind: 'prompt' },
      { id: 51, to_agents: null, kind: 'reply' },
    ]);
    expect(queryFile(path, 'SELECT call_id FROM call_retries')).toEqual([{ call_id: 101 }]);
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("UPDATE calls SET status = 'timeout' WHERE id = 100").run()).not.toThrow();
    expect(() => db.prepare("UPDATE messages SET kind = 'peer' WHERE id = 51").run()).not.toThrow();
    // Deleting the experiment still cascades through the rebuilt tables.
    db.prepare("DELETE FROM experiments WHERE id = 'old'").run();
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM calls) + (SELECT COUNT(*) FROM messages) + (SELECT COUNT(*) FROM call_retries) + (SELECT COUNT(*) FROM cell_agents) AS n').get()).toEqual({ n: 0 });
    db.close();
  });
});
