/**
 * Opens a Quorum database file: refuses what it must not touch, then sets the
 * connection up and brings the schema to the newest version.
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
import { BUSY_TIMEOUT_MS, explainStorageError, sqliteCode } from './storage-errors';
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
  /**
   * Open for reading only, whatever the file allows. Without it, a file that
   * cannot be written (permissions, a read-only disk) is opened read-only too,
   * so reading commands still work on it; see `OpenedDatabase.readOnly`.
   */
  readOnly?: boolean;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** True when the connection cannot write: every write is refused with a StoreError 'read_only'. */
  readOnly: boolean;
  /** Call after closing `db`: removes the private snapshot a read-only folder made necessary, if any. */
  cleanup(): void;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const SQLITE_HEADER_BYTES = 100;
/** Where SQLite keeps `PRAGMA user_version` in the file header (a 4-byte big-endian integer). */
const USER_VERSION_OFFSET = 60;

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const fullPath = resolve(path);
  refuseUntouchable(fullPath, options);
  const readOnly = options.readOnly === true || (existsSync(fullPath) && !writable(fullPath));
  if (readOnly) return openReadOnly(fullPath, options);
  try {
    mkdirSync(dirname(fullPath), { recursive: true });
  } catch (error) {
    throw new StoreError(`Could not create the folder for the database ${fullPath}: ${describe(error)}. Pick a folder you can write to with --db.`, 'open_failed');
  }

  let db: Database.Database;
  try {
    db = new Database(fullPath, { nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreError(`Could not open the database ${fullPath}: ${describe(error)}`, 'open_failed');
  }
  try {
    // Checked again on the real connection (the file may have changed since the
    // pre-flight) and still before the first write: switching to WAL is a write.
    refuseForeign(fullPath, readSchemaState(db, fullPath));
    db.pragma('journal_mode = WAL');
    // NORMAL is safe under WAL: a power cut may lose the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, fullPath);
    return { db, readOnly: false, cleanup: () => {} };
  } catch (error) {
    db.close();
    throw explainStorageError(error, fullPath);
  }
}

/** Whether this process may write the file and create the -wal and -shm files beside it. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A connection that never writes: no WAL switch, no migration. An older schema
 * is refused rather than read with queries it does not support.
 *
 * SQLite reads a WAL-mode file through a shared-memory file beside it, which
 * it cannot create in a read-only folder. When that file is missing there and
 * no -wal file holds newer commits, the database is read from a private copy
 * (a snapshot taken now), removed again on close.
 */
function openReadOnly(path: string, options: OpenDatabaseOptions): OpenedDatabase {
  if (!existsSync(path)) {
    throw new StoreError(`There is no database at ${path} to open read-only. Check the path given with --db.`, 'open_failed');
  }
  const open = (file: string) => new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
  let db: Database.Database;
  let cleanup = () => {};
  try {
    db = open(path);
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    const code = sqliteCode(error);
    const sharedMemoryUnavailable = code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_CANTINIT';
    if (!sharedMemoryUnavailable || existsSync(`${path}-wal`)) {
      throw new StoreError(`Could not open the read-only database ${path}: ${describe(error)}`, 'open_failed');
    }
    const snapshotDir = mkdtempSync(join(tmpdir(), 'quorum-readonly-'));
    cleanup = () => rmSync(snapshotDir, { recursive: true, force: true });
    try {
      const copy = join(snapshotDir, basename(path));
      copyFileSync(path, copy);
      db = open(copy);
    } catch (copyError) {
      cleanup();
      throw new StoreError(`Could not open the read-only database ${path}: ${describe(copyError)}`, 'open_failed');
    }
  }
  try {
    const state = readSchemaState(db, path);
    refuseForeign(path, state);
    if (state.version < LATEST_SCHEMA_VERSION) {
      throw new StoreError(
        `The database ${path} is read-only and was written by an older Quorum (schema ${state.version}; this build uses ${LATEST_SCHEMA_VERSION}). ` +
          'Upgrading it needs write access: make it writable (for example chmod u+w) or open a writable copy.',
        'read_only',
      );
    }
    db.pragma('foreign_keys = ON');
    return { db, readOnly: true, cleanup };
  } catch (error) {
    db.close();
    cleanup();
    throw explainStorageError(error, path);
  }
}

/** Applies every migration newer than the file, each in its own transaction. */
function migrate(db: Database.Database, path: string): void {
  // An up-to-date file needs no write lock to open: reading commands work while another program holds it.
  if (readUserVersion(db, path) >= LATEST_SCHEMA_VERSION) return;
  for (const migration of MIGRATIONS) {
    if (migration.rebuildsParentTables) withForeignKeysOff(db, path, migration, () => applyMigration(db, path, migration));
    else applyMigration(db, path, migration);
  }
}

function applyMigration(db: Database.Database, path: string, migration: Migration): void {
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
    if (migration.rebuildsParentTables) requireForeignKeysIntact(db, path, migration);
    db.pragma(`user_version = ${migration.version}`);
  }).immediate();
}

/**
 * SQLite's procedure for changing a table other tables reference: with foreign
 * keys on, dropping the old copy would cascade into every child row. They can
 * only be switched outside a transaction, so this wraps the migration's own
 * transaction, and the migration checks every reference before it commits.
 */
function withForeignKeysOff(db: Database.Database, path: string, migration: Migration, apply: () => void): void {
  if (readUserVersion(db, path) >= migration.version) return;
  db.pragma('foreign_keys = OFF');
  try {
    apply();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

function requireForeignKeysIntact(db: Database.Database, path: string, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new StoreError(
      `Migration ${migration.version} (${migration.name}) of ${path} would leave ${broken.length} broken reference(s), so it was not applied and the file is unchanged.`,
      'open_failed',
    );
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
    const explained = explainStorageError(error, path);
    if (explained instanceof StoreError) throw explained;
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
