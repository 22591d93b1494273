/**
 * The lifecycle enums are CHECKed as OR chains (faster than IN lists); they
 * must accept exactly the values docs/database.md lists and nothing else.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStore } from '../../../electron/core/store/lab-store';
import { makeTempDir, sampleExperiment, sampleOutcome, type TempDir } from './fixtures';

let temp: TempDir;
let db: Database.Database;

beforeAll(() => {
  temp = makeTempDir();
  const path = temp.file('lab.sqlite');
  const store = LabStore.open(path);
  store.createExperiment(sampleExperiment('exp', 1));
  store.saveTrialOutcome(store.pendingTrials('exp')[0]!.trialId, sampleOutcome());
  store.close();
  db = new Database(path);
});
afterAll(() => {
  db.close();
  temp.remove();
});

const ENUMS: ReadonlyArray<{ table: string; column: string; allowed: readonly string[] }> = [
  { table: 'experiments', column: 'status', allowed: ['planning', 'planned', 'running', 'paused', 'interrupted', 'completed', 'cancelled', 'failed'] },
  { table: 'trials', column: 'status', allowed: ['planned', 'running', 'done', 'failed'] },
  { table: 'calls', column: 'status', allowed: ['ok', 'error', 'timeout', 'crashed', 'cancelled'] },
  { table: 'calls', column: 'done_reason', allowed: ['stop', 'length', 'error', 'cancelled'] },
];

/** Sets the column on one existing row and rolls back; returns whether SQLite accepted the value. */
function accepts(table: string, column: string, value: string): boolean {
  db.exec('SAVEPOINT probe');
  try {
    db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = (SELECT MIN(rowid) FROM ${table})`).run(value);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
    return false;
  } finally {
    db.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

describe('schema CHECK constraints', () => {
  it('leaves messages.kind open, so a new kind of message needs no table rebuild', () => {
    for (const kind of ['system', 'prompt', 'reply', 'decision', 'peer', 'critique', 'a-kind-from-the-future']) expect(accepts('messages', 'kind', kind), kind).toBe(true);
  });

  for (const { table, column, allowed } of ENUMS) {
    it(`${table}.${column} takes exactly ${allowed.join(', ')}`, () => {
      for (const value of allowed) expect(accepts(table, column, value), value).toBe(true);
      for (const value of ['', 'bogus', allowed[0]!.toUpperCase(), `${allowed[0]} `]) expect(accepts(table, column, value), value).toBe(false);
    });
  }
});
