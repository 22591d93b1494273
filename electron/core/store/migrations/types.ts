import type { Database } from 'better-sqlite3';

/**
 * One step of the schema's history. A migration is never edited once released:
 * databases in the wild were built by it, so a fix is always a new, higher number.
 */
export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; versions run 1, 2, 3… without gaps. */
  version: number;
  name: string;
  /**
   * Runs inside the transaction that also bumps user_version, so it applies
   * fully or not at all. Foreign keys are ON (SQLite cannot switch them inside
   * a transaction), so a migration that rebuilds a table must copy children
   * after parents and keep every reference valid, unless it sets
   * `rebuildsParentTables`.
   */
  up(db: Database): void;
  /**
   * The migration rebuilds a table that others reference (create the new
   * copy, copy the rows, drop the old, rename). With foreign keys on, dropping
   * the old copy would cascade into every child row, so they are switched off
   * around this migration's transaction and every reference is checked with
   * `PRAGMA foreign_key_check` before it commits.
   */
  rebuildsParentTables?: boolean;
}
