/**
 * The team engine's record: per-agent configuration, structure parameters and
 * injected faults on cells; rounds, intents, attempts and logical times on
 * calls; waited-for edges beside the read edges; the prompt of every call as
 * the messages it was made of; rounds, logical times, sizes and receivers on
 * messages; trial events; rounds, message counts and scores on trials; the
 * options and parts of items; partial credit and parts on agents' answers.
 *
 * `calls` and `messages` are rebuilt: SQLite cannot alter a CHECK, and call
 * outcomes now include timeouts and crashes, while message kinds are left
 * unchecked so new kinds need no rebuild. Both keep their rows, ids and
 * indexes; rows written before this version have no logical times (NULL).
 */
import type { Migration } from './types';

const SCHEMA = `
CREATE TABLE calls_v3 (
  id                 INTEGER PRIMARY KEY,
  trial_id           INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  seq                INTEGER NOT NULL CHECK (seq >= 0),
  agent_index        INTEGER NOT NULL,
  role               TEXT NOT NULL,
  intent             TEXT NOT NULL DEFAULT 'solve',
  round              INTEGER NOT NULL DEFAULT 0 CHECK (round >= 0),
  attempt            INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),
  model              TEXT NOT NULL,
  host               TEXT NOT NULL,
  status             TEXT NOT NULL
                     CHECK (status = 'ok' OR status = 'error' OR status = 'timeout' OR status = 'crashed' OR status = 'cancelled'),
  error              TEXT,
  done_reason        TEXT NOT NULL
                     CHECK (done_reason = 'stop' OR done_reason = 'length' OR done_reason = 'error' OR done_reason = 'cancelled'),
  tokens_in          INTEGER NOT NULL,
  tokens_out         INTEGER NOT NULL,
  queue_ms           REAL NOT NULL,
  load_ms            REAL NOT NULL,
  prompt_ms          REAL NOT NULL,
  gen_ms             REAL NOT NULL,
  latency_ms         REAL NOT NULL,
  started_at_ms      INTEGER NOT NULL,
  ended_at_ms        INTEGER NOT NULL,
  logical_start_ms   REAL,
  logical_end_ms     REAL,
  prompt_message_ids TEXT,
  simulated          INTEGER NOT NULL CHECK (simulated IN (0, 1)),
  UNIQUE (trial_id, seq)
);
INSERT INTO calls_v3 (id, trial_id, seq, agent_index, role, model, host, status, error, done_reason, tokens_in, tokens_out,
                      queue_ms, load_ms, prompt_ms, gen_ms, latency_ms, started_at_ms, ended_at_ms, simulated)
  SELECT id, trial_id, seq, agent_index, role, model, host, status, error, done_reason, tokens_in, tokens_out,
         queue_ms, load_ms, prompt_ms, gen_ms, latency_ms, started_at_ms, ended_at_ms, simulated
  FROM calls;
DROP TABLE calls;
ALTER TABLE calls_v3 RENAME TO calls;

CREATE TABLE messages_v3 (
  id         INTEGER PRIMARY KEY,
  trial_id   INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL CHECK (seq >= 0),
  from_agent INTEGER,
  to_agent   INTEGER,
  to_agents  TEXT,
  kind       TEXT NOT NULL,
  content    TEXT NOT NULL,
  call_id    INTEGER REFERENCES calls (id) ON DELETE SET NULL,
  round      INTEGER,
  at_ms      REAL,
  tokens     INTEGER,
  UNIQUE (trial_id, seq)
);
INSERT INTO messages_v3 (id, trial_id, seq, from_agent, to_agent, to_agents, kind, content, call_id)
  SELECT id, trial_id, seq, from_agent, to_agent, CASE WHEN to_agent IS NULL THEN NULL ELSE json_array(to_agent) END, kind, content, call_id
  FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v3 RENAME TO messages;
CREATE INDEX messages_by_call ON messages (call_id);

CREATE TABLE call_waits (
  call_id        INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  waited_call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  PRIMARY KEY (call_id, waited_call_id),
  CHECK (call_id <> waited_call_id)
) WITHOUT ROWID;
CREATE INDEX call_waits_by_waited ON call_waits (waited_call_id);

CREATE TABLE trial_events (
  trial_id    INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL CHECK (seq >= 0),
  kind        TEXT NOT NULL,
  at_ms       REAL NOT NULL,
  agent_index INTEGER,
  round       INTEGER,
  detail      TEXT NOT NULL,
  PRIMARY KEY (trial_id, seq)
) WITHOUT ROWID;

CREATE TABLE cell_agents (
  experiment_id TEXT NOT NULL,
  cell_index    INTEGER NOT NULL,
  agent_index   INTEGER NOT NULL CHECK (agent_index >= 0),
  model         TEXT NOT NULL,
  temperature   REAL NOT NULL,
  persona       TEXT,
  role          TEXT NOT NULL,
  weight        REAL,
  PRIMARY KEY (experiment_id, cell_index, agent_index),
  FOREIGN KEY (experiment_id, cell_index) REFERENCES cells (experiment_id, cell_index) ON DELETE CASCADE
) WITHOUT ROWID;

ALTER TABLE cells ADD COLUMN params_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cells ADD COLUMN entry_index INTEGER;
ALTER TABLE cells ADD COLUMN team_label TEXT;
ALTER TABLE cells ADD COLUMN faults_json TEXT;
ALTER TABLE items ADD COLUMN choices_json TEXT;
ALTER TABLE items ADD COLUMN parts_json TEXT;
ALTER TABLE trials ADD COLUMN rounds INTEGER;
ALTER TABLE trials ADD COLUMN message_count INTEGER;
ALTER TABLE trials ADD COLUMN score REAL;
ALTER TABLE agent_answers ADD COLUMN part_index INTEGER;
ALTER TABLE agent_answers ADD COLUMN score REAL;
`;

export const teamEngine: Migration = {
  version: 3,
  name: 'team engine',
  rebuildsParentTables: true,
  up(db) {
    db.exec(SCHEMA);
    // Cells written before this version were single agents or votes of one model.
    db.exec(`
      UPDATE cells SET params_json = CASE WHEN structure = 'vote'
        THEN json_object('size', size, 'aggregate', COALESCE(aggregate, 'majority'), 'weightBy', 'confidence')
        ELSE '{}' END;
      INSERT INTO cell_agents (experiment_id, cell_index, agent_index, model, temperature, persona, role, weight)
        WITH RECURSIVE agent(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM agent WHERE i < 999)
        SELECT c.experiment_id, c.cell_index, agent.i, c.model,
               COALESCE(json_extract(e.spec_json, '$.agents.temperature'), 0.7), NULL,
               CASE WHEN c.structure = 'vote' THEN 'voter' ELSE 'solver' END, NULL
        FROM cells c JOIN experiments e ON e.id = c.experiment_id JOIN agent ON agent.i < c.size;
    `);
  },
};
