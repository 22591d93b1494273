/**
 * Adds the 'planning' status. A large experiment is planned in chunks (so the
 * app and other processes stay responsive while a million trials are written),
 * and until its last trial is written it must be neither listed as runnable nor
 * run: it is 'planning'. A plan whose planner died is deleted on the next open.
 *
 * SQLite cannot alter a CHECK constraint, so `experiments` is rebuilt with the
 * same columns, rows and indexes and the one longer status list.
 */
import type { Migration } from './types';

const EXPERIMENTS_V2 = `
CREATE TABLE experiments_v2 (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  spec_json       TEXT NOT NULL,
  source          TEXT,
  seed            INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status = 'planning' OR status = 'planned' OR status = 'running' OR status = 'paused'
                         OR status = 'interrupted' OR status = 'completed' OR status = 'cancelled' OR status = 'failed'),
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
INSERT INTO experiments_v2 (id, name, spec_json, source, seed, status, error, created_at, started_at, finished_at,
                            quorum_version, runner_id, runner_pid, runner_host, heartbeat_at_ms)
  SELECT id, name, spec_json, source, seed, status, error, created_at, started_at, finished_at,
         quorum_version, runner_id, runner_pid, runner_host, heartbeat_at_ms
  FROM experiments;
DROP TABLE experiments;
ALTER TABLE experiments_v2 RENAME TO experiments;
CREATE INDEX experiments_by_created_at ON experiments (created_at);
CREATE INDEX experiments_by_status ON experiments (status);
`;

export const planningStatus: Migration = {
  version: 2,
  name: 'planning status',
  rebuildsParentTables: true,
  up(db) {
    db.exec(EXPERIMENTS_V2);
  },
};
