import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import { BUSY_TIMEOUT_MS } from '../../../electron/core/store/storage-errors';
import { StoreError } from '../../../electron/core/store/types';
import { makeTempDir, type TempDir } from './fixtures';

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  temp.remove();
});

function snapshot(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

function expectStoreError(open: () => unknown, code: string): StoreError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(code);
    return error as StoreError;
  }
  throw new Error(`expected a StoreError with code ${code}`);
}

/** A file as a future Quorum would leave it: WAL mode, a schema this build does not know. */
function writeFutureDatabase(path: string, version: number): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE from_the_future (x)');
  db.pragma(`user_version = ${version}`);
  db.close();
}

describe('openDatabase', () => {
  it('creates the file and parent folders, applies every migration and records the version', () => {
    const path = temp.file('nested/dir/lab.sqlite');
    const db = openDatabase(path).db;
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual([
      'agent_answers', 'calibrations', 'call_inputs', 'call_retries', 'call_waits', 'calls', 'cell_agents', 'cells', 'experiments', 'imported_runs', 'items',
      'job_events', 'messages', 'model_loads', 'pilot_cells', 'pilots', 'predicted_cells', 'prediction_answers', 'predictions', 'trial_events', 'trials',
      'verifications', 'verified_cells',
    ]);
    db.close();
  });

  it('reopens an up-to-date file without migrating again', () => {
    const path = temp.file('lab.sqlite');
    openDatabase(path).db.close();
    const db = openDatabase(path).db;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('accepts an empty file as a new database', () => {
    const path = temp.file('empty.sqlite');
    writeFileSync(path, '');
    const db = openDatabase(path).db;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file from a newer Quorum and leaves it byte-identical, without creating -wal or -shm', () => {
    const path = temp.file('future.sqlite');
    writeFutureDatabase(path, LATEST_SCHEMA_VERSION + 1);
    const before = snapshot(path);

    const error = expectStoreError(() => openDatabase(path), 'newer_schema');
    expect(error.message).toContain('was written by a newer version of Quorum');
    expect(error.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 1}, this build knows up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toContain('--db');

    const after = snapshot(path);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('refuses a newer schema still sitting in the -wal file, writing nothing', () => {
    const path = temp.file('future-wal.sqlite');
    const writer = new Database(path);
    writer.pragma('journal_mode = WAL');
    // Keep commits in the -wal file so the main file's header still shows the old version.
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE from_the_future (x)');
    writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    try {
      const main = snapshot(path);
      const wal = snapshot(`${path}-wal`);
      expect(main.bytes.readInt32BE(60)).toBeLessThanOrEqual(LATEST_SCHEMA_VERSION);

      expectStoreError(() => openDatabase(path), 'newer_schema');

      expect(snapshot(path)).toEqual(main);
      expect(snapshot(`${path}-wal`)).toEqual(wal);
    } finally {
      writer.close();
    }
  });

  it('refuses a file that is not SQLite, naming it and leaving it alone', () => {
    const path = temp.file('notes.txt');
    const text = 'These are my notes, not a database.\n'.repeat(10);
    writeFileSync(path, text);
    const error = expectStoreError(() => openDatabase(path), 'not_a_database');
    expect(error.message).toContain(path);
    expect(error.message).toContain('not a SQLite database');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a SQLite file some other program made, adding no tables to it', () => {
    const path = temp.file('someone-elses.db');
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.close();
    const before = snapshot(path);
    const error = expectStoreError(() => openDatabase(path), 'not_a_database');
    expect(error.message).toContain('not one Quorum made');
    expect(snapshot(path).bytes.equals(before.bytes)).toBe(true);
  });

  it('refuses a file shorter than a SQLite header', () => {
    const path = temp.file('short.sqlite');
    writeFileSync(path, 'SQLite');
    expectStoreError(() => openDatabase(path), 'not_a_database');
  });
});
