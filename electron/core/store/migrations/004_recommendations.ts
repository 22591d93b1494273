/**
 * Pilots, predictions and verifications (docs/recommend.md), as columns a
 * researcher can query: which experiment was a pilot for which candidate
 * grid and what it cost against the full sweep; every candidate's predicted
 * accuracy, tokens and latency with its interval and the basis it rests on;
 * the recommendation with its reason and the three questions answered in
 * words; and each verification's cells, measured against what was
 * predicted, with whether the prediction held.
 *
 * Only new tables: nothing written before this version changes.
 */
import type { Migration } from './types';

const SCHEMA = `
CREATE TABLE pilots (
  experiment_id         TEXT PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
  candidate_spec_json   TEXT NOT NULL,
  candidate_cells       INTEGER NOT NULL CHECK (candidate_cells >= 1),
  candidate_items       INTEGER NOT NULL CHECK (candidate_items >= 1),
  candidate_repetitions INTEGER NOT NULL CHECK (candidate_repetitions >= 1),
  full_sweep_calls      REAL NOT NULL,
  planned_calls         REAL NOT NULL,
  planned_fraction      REAL NOT NULL,
  items                 INTEGER NOT NULL CHECK (items >= 1),
  item_offset           INTEGER NOT NULL CHECK (item_offset >= 0),
  objective             TEXT NOT NULL CHECK (objective = 'accuracy' OR objective = 'accuracy-per-token'),
  budget_tokens         INTEGER,
  design                TEXT NOT NULL,
  created_at            TEXT NOT NULL
);

CREATE TABLE pilot_cells (
  experiment_id   TEXT NOT NULL REFERENCES pilots (experiment_id) ON DELETE CASCADE,
  cell_index      INTEGER NOT NULL CHECK (cell_index >= 0),
  candidate_index INTEGER NOT NULL CHECK (candidate_index >= 0),
  role            TEXT NOT NULL CHECK (role = 'single' OR role = 'pool' OR role = 'anchor'),
  PRIMARY KEY (experiment_id, cell_index)
) WITHOUT ROWID;

CREATE TABLE predictions (
  id                     TEXT PRIMARY KEY,
  experiment_id          TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  source                 TEXT NOT NULL CHECK (source = 'pilot' OR source = 'experiment'),
  objective              TEXT NOT NULL CHECK (objective = 'accuracy' OR objective = 'accuracy-per-token'),
  budget_tokens          INTEGER,
  tolerance              REAL NOT NULL,
  recommended_index      INTEGER NOT NULL,
  reason                 TEXT NOT NULL,
  pilot_calls            INTEGER NOT NULL,
  pilot_tokens           INTEGER NOT NULL,
  pilot_items            INTEGER NOT NULL,
  full_sweep_calls       REAL NOT NULL,
  fraction_of_full_sweep REAL NOT NULL,
  seed                   INTEGER NOT NULL,
  resamples              INTEGER NOT NULL,
  method_version         INTEGER NOT NULL,
  method                 TEXT NOT NULL,
  quorum_version         TEXT,
  created_at             TEXT NOT NULL
);
CREATE INDEX predictions_by_experiment ON predictions (experiment_id);

CREATE TABLE predicted_cells (
  prediction_id     TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
  candidate_index   INTEGER NOT NULL CHECK (candidate_index >= 0),
  structure         TEXT NOT NULL,
  size              INTEGER NOT NULL CHECK (size >= 1),
  model             TEXT NOT NULL,
  label             TEXT NOT NULL,
  params_json       TEXT NOT NULL,
  calls             REAL NOT NULL,
  messages          REAL NOT NULL,
  accuracy          REAL NOT NULL,
  accuracy_low      REAL NOT NULL,
  accuracy_high     REAL NOT NULL,
  tokens            REAL NOT NULL,
  latency_ms        REAL NOT NULL,
  rank              INTEGER NOT NULL CHECK (rank >= 1),
  within_budget     INTEGER NOT NULL CHECK (within_budget IN (0, 1)),
  added             INTEGER NOT NULL CHECK (added IN (0, 1)),
  basis             TEXT NOT NULL,
  measured_accuracy REAL,
  measured_low      REAL,
  measured_high     REAL,
  measured_trials   INTEGER,
  PRIMARY KEY (prediction_id, candidate_index)
) WITHOUT ROWID;

CREATE TABLE prediction_answers (
  prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
  question      TEXT NOT NULL CHECK (question = 'team-or-single' OR question = 'how-many' OR question = 'which-structure'),
  words         TEXT NOT NULL,
  effect        REAL,
  effect_low    REAL,
  effect_high   REAL,
  PRIMARY KEY (prediction_id, question)
) WITHOUT ROWID;

CREATE TABLE verifications (
  id            TEXT PRIMARY KEY,
  prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
  experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  item_offset   INTEGER NOT NULL CHECK (item_offset >= 0),
  items         INTEGER NOT NULL CHECK (items >= 1),
  held          INTEGER,
  total         INTEGER,
  summary       TEXT,
  evaluated_at  TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX verifications_by_prediction ON verifications (prediction_id);

CREATE TABLE verified_cells (
  verification_id     TEXT NOT NULL REFERENCES verifications (id) ON DELETE CASCADE,
  cell_index          INTEGER NOT NULL CHECK (cell_index >= 0),
  prediction_id       TEXT NOT NULL,
  candidate_index     INTEGER NOT NULL,
  role                TEXT NOT NULL CHECK (role = 'recommended' OR role = 'neighbour' OR role = 'single'),
  measured_accuracy   REAL,
  measured_low        REAL,
  measured_high       REAL,
  measured_trials     INTEGER,
  measured_tokens     REAL,
  measured_latency_ms REAL,
  measured_se         REAL,
  accepted_low        REAL,
  accepted_high       REAL,
  held                INTEGER CHECK (held IN (0, 1)),
  PRIMARY KEY (verification_id, cell_index),
  FOREIGN KEY (prediction_id, candidate_index) REFERENCES predicted_cells (prediction_id, candidate_index) ON DELETE CASCADE
) WITHOUT ROWID;
`;

export const recommendations: Migration = {
  version: 4,
  name: 'recommendations',
  up(db) {
    db.exec(SCHEMA);
  },
};
