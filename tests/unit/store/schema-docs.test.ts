/** docs/database.md is the schema's public reference: it must name every column, and its example queries must run. */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { LabStore } from '../../../electron/core/store/lab-store';
import { makeTempDir, sampleExperiment, sampleOutcome, type TempDir } from './fixtures';

const doc = readFileSync(new URL('../../../docs/database.md', import.meta.url), 'utf8');
let temp: TempDir;
let db: Database.Database;

beforeAll(() => {
  temp = makeTempDir();
  const path = temp.file('lab.sqlite');
  const store = LabStore.open(path);
  store.createExperiment(sampleExperiment('exp', 2));
  for (const trial of store.pendingTrials('exp')) store.saveTrialOutcome(trial.trialId, sampleOutcome());
  store.close();
  db = openDatabase(path).db;
});
afterAll(() => {
  db.close();
  temp.remove();
});

/** The part of the doc between a table's `### \`name\`` heading and the next heading. */
function section(table: string): string {
  const start = doc.indexOf(`### \`${table}\``);
  expect(start, `docs/database.md has no section for table ${table}`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n#', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('docs/database.md', () => {
  it('documents every table and column', () => {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    for (const table of tables) {
      const text = section(table);
      const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table);
      for (const { name } of columns) {
        expect(text, `column ${table}.${name} is not documented`).toContain(`| \`${name}\` |`);
      }
    }
  });

  it('has example queries that run against a real file', () => {
    const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(4);
    const trialId = db.prepare<[], { id: number }>('SELECT MIN(id) AS id FROM trials').get()!.id;
    for (const sql of queries) {
      const rows = db.prepare(sql).all({ experiment: 'exp', trial: trialId, cell: 1 });
      expect(rows.length, sql).toBeGreaterThan(0);
    }
  });
});
