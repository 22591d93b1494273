/**
 * The first schema. Researchers query these tables with their own SQL, so the
 * names are the public interface: `docs/database.md` documents every column.
 *
 * CHECK constraints guard the lifecycle enums the store itself owns (statuses,
 * message kinds, done reasons, booleans). Catalog values that grow with new
 * features (team structure, aggregate, task suite) are left unchecked on
 * purpose: SQLite cannot alter a CHECK without rebuilding the table, and a new
 * structure should not need a migration. Enums of more than two values are
 * written `x = 'a' OR x = 'b' …`, not `x IN ('a', 'b', …)`: the meaning is the
 * same, but for an IN list SQLite builds a temporary index each time a
 * statement runs, which made writing a trial's rows about 25% slower.
 *
 * Tables are ordinary (not STRICT) so that SQLite builds older than 3.37, as
 * shipped with many Python installs, can still open an exported file.
 */
import type { Migration } from './types';

const SCHEMA = `
CREATE TABLE experiments (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  spec_json       TEXT NOT NULL,
  source          TEXT,
  seed            INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status = 'planned' OR status = 'running' OR status = 'paused' OR status = 'interrupted'
                         OR status = 'completed' OR status = 'cancelled' OR status = 'failed'),
  error           TEXT,
  created_at      TEXT NOT NULL,
  started_at      TEXT,
  finished_at     TEXT,
  quorum_version  TEXT,
  runner_id       TEXT,
  runner_pid      INTEGER,
  runner_host     TEXT,
  heartbeat_at_ms INTEGER
);
CREATE INDEX experiments_by_created_at ON experiments (created_at);
CREATE INDEX experiments_by_status ON experiments (status);

CREATE TABLE cells (
  experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  cell_index    INTEGER NOT NULL CHECK (cell_index >= 0),
  model         TEXT NOT NULL,
  structure     TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size >= 1),
  aggregate     TEXT,
  label         TEXT NOT NULL,
  PRIMARY KEY (experiment_id, cell_index)
);

CREATE TABLE items (
  experiment_id    TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  item_index       INTEGER NOT NULL CHECK (item_index >= 0),
  suite            TEXT NOT NULL,
  prompt           TEXT NOT NULL,
  answer           TEXT NOT NULL,
  difficulty       INTEGER NOT NULL,
  hardness         REAL NOT NULL CHECK (hardness >= 0 AND hardness <= 1),
  distractors_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (experiment_id, item_index)
);

CREATE TABLE trials (
  id               INTEGER PRIMARY KEY,
  experiment_id    TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  cell_index       INTEGER NOT NULL,
  item_index       INTEGER NOT NULL,
  repetition       INTEGER NOT NULL CHECK (repetition >= 0),
  seed             INTEGER NOT NULL,
  status           TEXT NOT NULL DEFAULT 'planned' CHECK (status = 'planned' OR status = 'running' OR status = 'done' OR status = 'failed'),
  final_answer     TEXT,
  correct          INTEGER CHECK (correct IN (0, 1)),
  wall_ms          REAL,
  critical_path_ms REAL,
  tokens_in        INTEGER,
  tokens_out       INTEGER,
  call_count       INTEGER,
  error            TEXT,
  started_at_ms    INTEGER,
  finished_at_ms   INTEGER,
  UNIQUE (experiment_id, cell_index, item_index, repetition),
  FOREIGN KEY (experiment_id, cell_index) REFERENCES cells (experiment_id, cell_index) ON DELETE CASCADE,
  FOREIGN KEY (experiment_id, item_index) REFERENCES items (experiment_id, item_index) ON DELETE CASCADE
);
-- Progress counts and the pending-trial scan filter on status within one experiment.
CREATE INDEX trials_by_experiment_status ON trials (experiment_id, status);
-- Without it, deleting an experiment's items would scan every trial once per item.
CREATE INDEX trials_by_experiment_item ON trials (experiment_id, item_index);

CREATE TABLE calls (
  id            INTEGER PRIMARY KEY,
  trial_id      INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL CHECK (seq >= 0),
  agent_index   INTEGER NOT NULL,
  role          TEXT NOT NULL,
  model         TEXT NOT NULL,
  host          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status = 'ok' OR status = 'error' OR status = 'cancelled'),
  error         TEXT,
  done_reason   TEXT NOT NULL
                CHECK (done_reason = 'stop' OR done_reason = 'length' OR done_reason = 'error' OR done_reason = 'cancelled'),
  tokens_in     INTEGER NOT NULL,
  tokens_out    INTEGER NOT NULL,
  queue_ms      REAL NOT NULL,
  load_ms       REAL NOT NULL,
  prompt_ms     REAL NOT NULL,
  gen_ms        REAL NOT NULL,
  latency_ms    REAL NOT NULL,
  started_at_ms INTEGER NOT NULL,
  ended_at_ms   INTEGER NOT NULL,
  simulated     INTEGER NOT NULL CHECK (simulated IN (0, 1)),
  UNIQUE (trial_id, seq)
);

CREATE TABLE call_inputs (
  call_id       INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  input_call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  PRIMARY KEY (call_id, input_call_id),
  CHECK (call_id <> input_call_id)
) WITHOUT ROWID;
-- Walks the DAG forwards (who read this call?) and serves the cascade on delete.
CREATE INDEX call_inputs_by_input ON call_inputs (input_call_id);

CREATE TABLE messages (
  id         INTEGER PRIMARY KEY,
  trial_id   INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL CHECK (seq >= 0),
  from_agent INTEGER,
  to_agent   INTEGER,
  kind       TEXT NOT NULL CHECK (kind = 'system' OR kind = 'prompt' OR kind = 'reply' OR kind = 'decision'),
  content    TEXT NOT NULL,
  -- SET NULL, not CASCADE: the link is optional, and a message outlives the loss of its call's row.
  call_id    INTEGER REFERENCES calls (id) ON DELETE SET NULL,
  UNIQUE (trial_id, seq)
);
-- Serves the SET NULL when a call is deleted (a re-save, a deleted trial): without it
-- each deleted call would scan every message in the file.
CREATE INDEX messages_by_call ON messages (call_id);

CREATE TABLE agent_answers (
  trial_id         INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  agent_index      INTEGER NOT NULL,
  call_id          INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  extracted_answer TEXT,
  correct          INTEGER NOT NULL CHECK (correct IN (0, 1)),
  PRIMARY KEY (trial_id, agent_index, call_id)
) WITHOUT ROWID;
-- Serves the cascade when a call is deleted, as messages_by_call does.
CREATE INDEX agent_answers_by_call ON agent_answers (call_id);

CREATE TABLE call_retries (
  call_id  INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  attempt  INTEGER NOT NULL CHECK (attempt >= 1),
  host     TEXT NOT NULL,
  at_ms    INTEGER NOT NULL,
  status   INTEGER,
  error    TEXT NOT NULL,
  delay_ms REAL NOT NULL,
  PRIMARY KEY (call_id, attempt)
) WITHOUT ROWID;

CREATE TABLE model_loads (
  id            INTEGER PRIMARY KEY,
  experiment_id TEXT REFERENCES experiments (id) ON DELETE SET NULL,
  host          TEXT NOT NULL,
  model         TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('warmup', 'reload')),
  load_ms       REAL NOT NULL,
  at_ms         INTEGER NOT NULL
);
CREATE INDEX model_loads_by_experiment ON model_loads (experiment_id);

CREATE TABLE calibrations (
  id          INTEGER PRIMARY KEY,
  host        TEXT NOT NULL,
  model       TEXT NOT NULL,
  measured_at TEXT NOT NULL,
  points_json TEXT NOT NULL
);
CREATE INDEX calibrations_by_host_model ON calibrations (host, model, measured_at);
`;

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SCHEMA);
  },
};
