/**
 * Brings the paper's released runs (the test copy in tests/fixtures/paper-data)
 * into a worker's database with the lab's own command, as a user would, and
 * finds the experiments it made.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { APP_ROOT } from './lab-server';

export function importPaper(databasePath: string): void {
  const tsx = join(APP_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, 'electron/headless/cli.ts', 'import-paper', 'tests/fixtures/paper-data', '--db', databasePath], { cwd: APP_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import-paper failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** The experiments import-paper made (their ids start with "paper-"), in a stable order. */
export function paperExperimentIds(rows: ReadonlyArray<{ id: string }>): string[] {
  return rows
    .map((row) => row.id)
    .filter((id) => id.startsWith('paper-'))
    .sort();
}
