/**
 * Opens a Quorum database file: refuses what it must not touch, then sets the
 * connection up and brings the schema to the newest version.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { StoreError } from './types';

export interface OpenDatabaseOptions {
  /**
   * Path of the compiled better_sqlite3.node to load. It exists because Electron
   * and Node need differently built native modules (different ABIs), and one
   * checkout must run both `npm start` and `npm test` without a reinstall: the
   * Electron main process passes the Electron-ABI build kept in `.native/`,
   * while Node (tests, the CLI) leaves this unset and gets the default build.
   */
  nativeBinding?: string;
}

/** A CLI run and the desktop app may share one file; wait this long for the other's write lock. */
const BUSY_TIMEOUT_MS = 5000;

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const SQLITE_HEADER_BYTES = 100;
/** Where SQLite keeps `PRAGMA user_version` in the file header (a 4-byte big-endian integer). */
const USER_VERSION_OFFSET = 60;

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  const fullPath = resolve(path);
  refuseUntouchable(fullPath, options);
  mkdirSync(dirname(fullPath), { recursive: true });

  let db: Database.Database;
  try {
    db = new Database(fullPath, { nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreError(`Could not open the database ${fullPath}: ${describe(error)}`, 'open_failed');
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Checked again on the real connection (the file may have changed since the
    // pre-flight) and still before the first write: switching to WAL is a write.
    refuseForeign(fullPath, readSchemaState(db, fullPath));
    db.pragma('journal_mode = WAL');
    // NORMAL is safe under WAL: a power cut may lose the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, fullPath);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies every migration newer than the file, each in its own transaction. */
function migrate(db: Database.Database, path: string): void {
  for (const migration of MIGRATIONS) {
    // IMMEDIATE takes the write lock before reading the version, so two
    // processes opening one new file cannot both apply the same migration.
    db.transaction(() => {
      const current = readUserVersion(db, path);
      refuseNewer(path, current);
      if (current >= migration.version) return;
      if (current !== migration.version - 1) {
        throw new StoreError(
          `The database ${path} is at schema ${current}, which cannot be followed by migration ${migration.version} (${migration.name}).`,
          'open_failed',
        );
      }
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/**
 * Rejects a file that is not SQLite, or that a newer Quorum wrote, without
 * writing a byte. It reads the header with plain file reads, because even a
 * read-write SQLite open of a WAL-mode file creates -wal and -shm files.
 */
function refuseUntouchable(path: string, options: OpenDatabaseOptions): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) throw new StoreError(`${path} is a directory; give the path of a database file.`, 'open_failed');
  const size = stat.size;
  // SQLite treats an empty file as a new database.
  if (size === 0) return;
  const header = readHeader(path);
  if (size < SQLITE_HEADER_BYTES || header.toString('latin1', 0, SQLITE_MAGIC.length) !== SQLITE_MAGIC) {
    throw notADatabase(path);
  }
  refuseNewer(path, header.readInt32BE(USER_VERSION_OFFSET));

  // Recent commits may still sit in the -wal file, newer than the header read
  // above. A read-only connection sees them and, unlike a read-write one, never
  // checkpoints into the main file when it closes.
  const walPath = `${path}-wal`;
  if (existsSync(walPath) && statSync(walPath).size > 0) {
    let reader: Database.Database;
    try {
      reader = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
    } catch (error) {
      throw new StoreError(`Could not open the database ${path}: ${describe(error)}`, 'open_failed');
    }
    try {
      refuseNewer(path, readUserVersion(reader, path));
    } finally {
      reader.close();
    }
  }
}

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(SQLITE_HEADER_BYTES);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new StoreError(`Could not read the database ${path}: ${describe(error)}`, 'open_failed');
  }
  try {
    readSync(fd, header, 0, SQLITE_HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

function readUserVersion(db: Database.Database, path: string): number {
  return readSchemaState(db, path).version;
}

interface SchemaState {
  version: number;
  /** Tables, indexes, views and triggers already in the file. */
  objects: number;
}

function readSchemaState(db: Database.Database, path: string): SchemaState {
  try {
    // One statement, so both numbers come from one snapshot even while another
    // process is migrating the same file.
    const state = db
      .prepare<[], SchemaState>(
        'SELECT (SELECT user_version FROM pragma_user_version) AS version, (SELECT COUNT(*) FROM sqlite_master) AS objects',
      )
      .get();
    return state ?? { version: 0, objects: 0 };
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_NOTADB') throw notADatabase(path);
    throw new StoreError(`Could not read the database ${path}: ${describe(error)}`, 'open_failed');
  }
}

/**
 * Refuses a newer schema, and a SQLite file some other program made (tables
 * but no Quorum version): a mistyped --db must not add our tables to it.
 */
function refuseForeign(path: string, state: SchemaState): void {
  refuseNewer(path, state.version);
  if (state.version === 0 && state.objects > 0) {
    throw new StoreError(
      `${path} is a SQLite database, but not one Quorum made (it has tables and no Quorum schema version), so Quorum will not change it. Pick another file with --db.`,
      'not_a_database',
    );
  }
}

function refuseNewer(path: string, version: number): void {
  if (version <= LATEST_SCHEMA_VERSION) return;
  throw new StoreError(
    `The database ${path} was written by a newer version of Quorum (schema ${version}, this build knows up to ${LATEST_SCHEMA_VERSION}). ` +
      'Open it with a newer Quorum, or pick another file with --db.',
    'newer_schema',
  );
}

function notADatabase(path: string): StoreError {
  return new StoreError(`${path} is not a SQLite database, so Quorum will not open it. Pick another file with --db.`, 'not_a_database');
}

function sqliteCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
