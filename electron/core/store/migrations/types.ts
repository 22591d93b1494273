import type { Database } from 'better-sqlite3';

/**
 * One step of the schema's history. A migration is never edited once released:
 * databases in the wild were built by it, so a fix is always a new, higher number.
 */
export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; versions run 1, 2, 3… without gaps. */
  version: number;
  name: string;
  /** Runs inside the transaction that also bumps user_version, so it applies fully or not at all. */
  up(db: Database): void;
}
