/** `import-paper` and `report` as a user runs them: real processes, a real SQLite file, the released data. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../../shared/domain/job-metrics';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'electron', 'headless', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-paper-'));
const db = join(dir, 'paper.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lab(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args, '--db', db], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run lab -- import-paper', () => {
  it('imports the released runs with progress, then adds nothing the second time', () => {
    const first = lab(['import-paper', 'tests/fixtures/paper-data']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Read 1,413 runs and 422,758 events/);
    expect(first.stdout).toMatch(/Imported 1,413 runs and 421,345 events/);
    expect(first.stdout).toMatch(/paper-claude-sonnet-4-6-preassign\s+225 runs/);
    expect(first.stdout).toMatch(/Left out: 1,413 "initialize" events/);
    const second = lab(['import-paper', 'tests/fixtures/paper-data']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Nothing new: the 1,413 runs .* are already in/);
  }, 60_000);

  it('says what is missing from a folder that is not the released data', () => {
    const { code, stderr } = lab(['import-paper', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not hold the paper's released data: .*runs\.parquet/);
  });
});

describe('npm run lab -- report', () => {
  it('prints every metric per cell as tables, with intervals and how failed runs count', () => {
    const { code, stdout, stderr } = lab(['report', 'paper-claude-sonnet-4-6-preassign']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Job metrics of 1 experiment\(s\), per cell: 225 runs/);
    for (const header of ['success %', 'speedup', 'speedup (all runs)', 'concurrent writes', 'straggler gap s', 'barrier util.', 'token mult.', 'median']) expect(stdout).toContain(header);
    expect(stdout).toMatch(/paper-claude-sonnet-4-6-preassign #4 paper:claude-sonnet-4-6 preassign n=5 +45 +9 +100\.0 \[/);
    expect(stdout).toMatch(/Failed runs .* stay in every denominator/);
  }, 60_000);

  it('pools experiments and groups them by the axes asked for, as JSON a script can read', () => {
    const { code, stdout, stderr } = lab(['report', '--all', '--by', 'mode,n', '--json']);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    expect(report.by).toEqual(['mode', 'n']);
    expect(report.experiments).toHaveLength(6);
    expect(report.groups.map((g) => `${g.key.mode}:${g.key.n}`)).toEqual([1, 2, 3, 4, 5].map((n) => `preassign:${n}`).concat([1, 2, 3, 4, 5].map((n) => `self-claim:${n}`)));
    expect(report.groups.reduce((sum, g) => sum + g.runs, 0)).toBe(1413);
    const five = report.groups.find((g) => g.key.mode === 'self-claim' && g.key.n === 5)!;
    expect(five.successRate.low).toBeLessThan(five.successRate.value!);
    expect(five.speedup!.value).toBeGreaterThan(0);
  }, 60_000);

  it('explains a wrong axis and a missing experiment', () => {
    const axis = lab(['report', '--all', '--by', 'mode,colour']);
    expect(axis.code).toBe(2);
    expect(axis.stderr).toMatch(/--by: unknown axis "colour"; the axes are mode, execution, n, model, p, domain, origin, experiment/);
    const missing = lab(['report', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No experiment with id "nope"/);
    const none = lab(['report']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Give the experiments to report on/);
  }, 60_000);

  it('refuses to resume an imported experiment', () => {
    const { code, stderr } = lab(['resume', '--id', 'paper-gpt-5.2-self-claim', '--retry-failed']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/holds runs imported from released data/);
  }, 60_000);
});
