/**
 * The paper's released data as typed rows: runs.parquet (one row per run)
 * and events.parquet (one row per event), read with hyparquet, a maintained
 * pure-JavaScript parquet reader (nothing to build for Electron), and
 * hyparquet-compressors for the codecs the files may use. Every column is
 * checked before a row is used: a file that is not the paper's (a missing
 * column, a wrong type) is refused with what was wrong and where.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ImportedRunRecord } from '../store/imported-run-writer';

/** A row of runs.parquet, as released (64-bit integers as numbers): imported_runs holds it column for column. */
export type PaperRun = Omit<ImportedRunRecord, 'source'>;

/** A row of events.parquet, without `agents` and `num_teammates` (only `initialize` carries them, and the cell holds the team). */
export interface PaperEvent {
  type: string;
  /** Unix seconds; null for `initialize` and `lock_attempt`. */
  ts: number | null;
  run_dir: string;
  round: number | null;
  /** "Dev1"…; only `agent_reply` and `claim_task` name theirs. */
  agent: string | null;
  path: string | null;
  returncode: number | null;
  seconds: number | null;
}

export class PaperDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaperDataError';
  }
}

const RUN_TEXT = ['run_dir', 'model_dir', 'exp_dir', 'mode', 'task_type', 'p_label'] as const;
const RUN_NUMBERS = ['p_true', 'n_teammates', 'rep', 'wall_clock_seconds', 'total_rounds', 'concurrent_writes', 'claims_blocked', 'total_input_tokens', 'total_output_tokens'] as const;
const EVENT_COLUMNS = ['type', 'ts', 'run_dir', 'round', 'agent', 'path', 'returncode', 'seconds'] as const;

/** The two files a released-data folder must hold, with a message naming what is missing. */
export function paperFiles(dir: string): { runs: string; events: string; tasks: string | null } {
  const runs = join(dir, 'runs.parquet');
  const events = join(dir, 'events.parquet');
  const missing = [runs, events].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new PaperDataError(`${dir} does not hold the paper's released data: ${missing.join(' and ')} not found. Give the folder with runs.parquet and events.parquet (and optionally tasks/), e.g. tests/fixtures/paper-data.`);
  }
  const tasks = join(dir, 'tasks');
  return { runs, events, tasks: existsSync(tasks) ? tasks : null };
}

export async function readPaperRuns(file: string): Promise<PaperRun[]> {
  const rows = await readRows(file, [...RUN_TEXT, ...RUN_NUMBERS, 'success']);
  return rows.map((row, index) => {
    const run: Record<string, unknown> = {};
    for (const column of RUN_TEXT) run[column] = text(row, column, file, index);
    for (const column of RUN_NUMBERS) run[column] = number(row, column, file, index);
    if (typeof row.success !== 'boolean') throw badValue(file, index, 'success', 'true or false', row.success);
    run.success = row.success;
    return run as unknown as PaperRun;
  });
}

export async function readPaperEvents(file: string): Promise<PaperEvent[]> {
  const rows = await readRows(file, [...EVENT_COLUMNS]);
  return rows.map((row, index) => ({
    type: text(row, 'type', file, index),
    ts: optionalNumber(row, 'ts', file, index),
    run_dir: text(row, 'run_dir', file, index),
    round: optionalNumber(row, 'round', file, index),
    agent: optionalText(row, 'agent', file, index),
    path: optionalText(row, 'path', file, index),
    returncode: optionalNumber(row, 'returncode', file, index),
    seconds: optionalNumber(row, 'seconds', file, index),
  }));
}

async function readRows(file: string, columns: readonly string[]): Promise<Array<Record<string, unknown>>> {
  let buffer;
  try {
    buffer = await asyncBufferFromFile(file);
  } catch (error) {
    throw new PaperDataError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
  let present: Set<string>;
  try {
    const metadata = await parquetMetadataAsync(buffer);
    present = new Set(parquetSchema(metadata).children.map((child) => child.element.name));
  } catch (error) {
    throw new PaperDataError(`${file} is not a parquet file Quorum can read (${(error as Error).message}).`);
  }
  const missing = columns.filter((column) => !present.has(column));
  if (missing.length > 0) throw new PaperDataError(`${file} lacks the column(s) ${missing.join(', ')}: it is not the paper's released data, or a version Quorum does not know.`);
  try {
    return (await parquetReadObjects({ file: buffer, columns: [...columns], compressors })) as Array<Record<string, unknown>>;
  } catch (error) {
    throw new PaperDataError(`${file} could not be decoded: ${(error as Error).message}.`);
  }
}

function text(row: Record<string, unknown>, column: string, file: string, index: number): string {
  const value = row[column];
  if (typeof value !== 'string' || value === '') throw badValue(file, index, column, 'text', value);
  return value;
}

function optionalText(row: Record<string, unknown>, column: string, file: string, index: number): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw badValue(file, index, column, 'text', value);
  return value;
}

function number(row: Record<string, unknown>, column: string, file: string, index: number): number {
  const value = optionalNumber(row, column, file, index);
  if (value === null) throw badValue(file, index, column, 'a number', null);
  return value;
}

function optionalNumber(row: Record<string, unknown>, column: string, file: string, index: number): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  // INT64 columns arrive as bigint; the paper's counts and sizes are far inside a double's exact range.
  const converted = typeof value === 'bigint' ? Number(value) : value;
  if (typeof converted !== 'number' || !Number.isFinite(converted)) throw badValue(file, index, column, 'a finite number', value);
  return converted;
}

function badValue(file: string, index: number, column: string, expected: string, got: unknown): PaperDataError {
  const shown = typeof got === 'bigint' ? `${got}n` : JSON.stringify(got) ?? String(got);
  return new PaperDataError(`${file}, row ${index + 1}: column "${column}" should be ${expected}, got ${shown}.`);
}
