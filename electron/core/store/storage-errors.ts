/**
 * What SQLite's error codes mean to a user, and what they can do about each.
 * A storage error is never a trial's failure: the run stops as interrupted and
 * resumes once the cause is fixed, so these messages say what the cause is.
 */
import { StoreError, type StoreErrorCode } from './types';

/** How long one statement waits for another connection's write lock before SQLite gives up. */
export const BUSY_TIMEOUT_MS = 2000;

export type StorageProblem = Extract<StoreErrorCode, 'busy' | 'disk_full' | 'read_only' | 'io_error'>;

/** The SQLite result code of an error thrown by better-sqlite3 (`SQLITE_BUSY`, `SQLITE_FULL`…), else null. */
export function sqliteCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Which storage problem an error is, or null when it is not one (a bug, a constraint the code broke). */
export function storageProblem(error: unknown): StorageProblem | null {
  if (error instanceof StoreError) return isStorageProblem(error.code) ? error.code : null;
  const code = sqliteCode(error);
  if (code === null) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY')) return 'read_only';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PROTOCOL') return 'io_error';
  return null;
}

function isStorageProblem(code: StoreErrorCode): code is StorageProblem {
  return code === 'busy' || code === 'disk_full' || code === 'read_only' || code === 'io_error';
}

/**
 * Turns a storage error into a StoreError whose message names the file, the
 * cause and the fix. Errors that are not storage problems are returned as they are.
 */
export function explainStorageError(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  const problem = storageProblem(error);
  if (problem === null) return error;
  const detail = sqliteCode(error) ?? 'unknown';
  return new StoreError(storageMessage(problem, path, detail), problem);
}

export function storageMessage(problem: StorageProblem, path: string, detail: string): string {
  switch (problem) {
    case 'busy':
      return (
        `The database ${path} is locked by another program (a sqlite3 shell, a backup tool or another Quorum) ` +
        `and stayed locked for more than ${BUSY_TIMEOUT_MS / 1000} s. Close that program or wait for it to finish, then try again.`
      );
    case 'disk_full':
      return `The disk holding ${path} is full, so nothing more can be saved. Free some space, then try again (or resume the run).`;
    case 'read_only':
      return (
        `The database ${path} cannot be written (${detail}): the file or its folder is read-only, the disk is mounted read-only, ` +
        'or the file was moved or replaced. Make it writable (for example chmod u+w), or work on a copy, then try again.'
      );
    case 'io_error':
      return `Reading or writing ${path} failed (${detail}): the disk may be failing, removed or a network share that went away. Check it, then try again.`;
  }
}
