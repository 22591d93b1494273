/**
 * Every team structure, end to end through the lab against the Ollama-protocol
 * test server: real HTTP, real prompts (a leader's split in whatever format
 * the model writes it), four slots shared by every trial. Each trial must
 * finish, and the database must hold exactly the calls, messages between
 * agents and rounds the structure registry promises.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { expandCells, parseExperimentSpec } from '../../../shared/domain/spec';
import { structureDefinition } from '../../../shared/domain/structures';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { arithmeticSpec, labOnTempFile, type LabUnderTest } from './helpers';

let server: OllamaTestServer | null = null;
let lab: LabUnderTest | null = null;

afterEach(async () => {
  await lab?.close();
  await server?.close();
  lab = null;
  server = null;
});

const TEAMS = [
  { structure: 'single' },
  { structure: 'vote', sizes: [3], aggregate: 'plurality' },
  { structure: 'debate', sizes: [3], rounds: 1, topology: 'ring', mode: ['sync', 'async'] },
  { structure: 'debate', sizes: [3], rounds: 1, quorum: 2, label: 'debate with a quorum' },
  { structure: 'leader-worker', workers: 2 },
  { structure: 'hierarchical', branching: 2, depth: 1 },
  { structure: 'pipeline', repeats: 1, critics: 2 },
  { structure: 'moa', layers: 2, proposers: 2 },
];

interface TrialRow {
  id: number;
  cell_index: number;
  status: string;
  error: string | null;
  call_count: number;
  message_count: number;
  rounds: number;
  stored_calls: number;
  ok_calls: number;
  deliveries: number;
}

describe('every structure on Ollama', () => {
  it('completes every trial and stores the calls, messages and rounds the registry promises', async () => {
    server = await startOllamaTestServer({ numParallel: 4, timeScale: 0.01, tokensPerSecond: 2000 });
    lab = labOnTempFile();
    const spec = arithmeticSpec('ollama:llama3.2:3b', server.url, 4, { tasks: { suite: 'arithmetic', count: 2, seed: 5, difficulty: 2 }, teams: TEAMS });
    const parsed = parseExperimentSpec(spec);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const cells = expandCells(parsed.value);
    expect(new Set(cells.map((c) => c.structure))).toEqual(new Set(['single', 'vote', 'debate', 'leader-worker', 'hierarchical', 'pipeline', 'moa']));

    const { id } = await lab.lab.createExperiment({ spec, start: true });
    await lab.lab.waitFor(id);
    expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: cells.length * 2, failed: 0 });
    expect(server.stats.maxConcurrentByModel['llama3.2:3b']).toBeLessThanOrEqual(4);

    const db = new Database(lab.dbPath, { readonly: true });
    const trials = db
      .prepare(
        `SELECT t.id, t.cell_index, t.status, t.error, t.call_count, t.message_count, t.rounds,
                (SELECT COUNT(*) FROM calls c WHERE c.trial_id = t.id) AS stored_calls,
                (SELECT COUNT(*) FROM calls c WHERE c.trial_id = t.id AND c.status = 'ok') AS ok_calls,
                (SELECT COALESCE(SUM(json_array_length(m.to_agents)), 0) FROM messages m WHERE m.trial_id = t.id AND m.from_agent IS NOT NULL AND m.to_agents IS NOT NULL) AS deliveries
         FROM trials t WHERE t.experiment_id = ? ORDER BY t.id`,
      )
      .all(id) as TrialRow[];
    db.close();

    expect(trials).toHaveLength(cells.length * 2);
    for (const trial of trials) {
      const cell = cells[trial.cell_index]!;
      const expected = structureDefinition(cell.structure)!.expected(cell.params);
      const label = `${cell.label} (trial ${trial.id})`;
      expect(trial.status, `${label}: ${trial.error ?? ''}`).toBe('done');
      expect(trial.stored_calls, label).toBe(expected.calls);
      expect(trial.call_count, label).toBe(expected.calls);
      expect(trial.rounds, label).toBe(expected.rounds);
      if (cell.params.quorum === undefined) {
        // Without a quorum nothing is cancelled: every call answers and every promised message is sent.
        expect(trial.ok_calls, label).toBe(expected.calls);
        expect(trial.deliveries, label).toBe(expected.messages);
        expect(trial.message_count, label).toBe(expected.messages);
      }
    }
  });
});
