/**
 * Teams on coding jobs (docs/job-metrics.md): an item may be a coding job
 * (its subtasks, dependencies, tests and, for generated jobs, reference
 * solutions, stored with the experiment so the file stays self-contained);
 * every run records what happened on the job's board as typed events, named
 * as the paper's released events.parquet names them; and a run imported from
 * the paper's released data keeps its record verbatim beside the trial it
 * became.
 *
 * Only new tables and a nullable column: nothing written before this version changes.
 */
import type { Migration } from './types';

const SCHEMA = `
ALTER TABLE items ADD COLUMN job_json TEXT;

CREATE TABLE job_events (
  trial_id    INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL CHECK (seq >= 0),
  kind        TEXT NOT NULL,
  round       INTEGER,
  agent_index INTEGER,
  at_ms       REAL NOT NULL,
  path        TEXT,
  task_id     TEXT,
  ok          INTEGER CHECK (ok IN (0, 1)),
  returncode  INTEGER,
  seconds     REAL,
  detail      TEXT,
  PRIMARY KEY (trial_id, seq)
) WITHOUT ROWID;

CREATE TABLE imported_runs (
  trial_id            INTEGER PRIMARY KEY REFERENCES trials (id) ON DELETE CASCADE,
  source              TEXT NOT NULL,
  run_dir             TEXT NOT NULL,
  model_dir           TEXT NOT NULL,
  exp_dir             TEXT NOT NULL,
  mode                TEXT NOT NULL,
  task_type           TEXT NOT NULL,
  p_label             TEXT NOT NULL,
  p_true              REAL NOT NULL,
  n_teammates         INTEGER NOT NULL CHECK (n_teammates >= 1),
  rep                 INTEGER NOT NULL,
  success             INTEGER NOT NULL CHECK (success IN (0, 1)),
  wall_clock_seconds  REAL NOT NULL,
  total_rounds        INTEGER NOT NULL,
  concurrent_writes   INTEGER NOT NULL,
  claims_blocked      INTEGER NOT NULL,
  total_input_tokens  INTEGER NOT NULL,
  total_output_tokens INTEGER NOT NULL
);
CREATE UNIQUE INDEX imported_runs_by_source ON imported_runs (source, run_dir);
`;

export const codingJobs: Migration = {
  version: 5,
  name: 'coding jobs',
  up(db) {
    db.exec(SCHEMA);
  },
};
