/**
 * The CLI end to end, as a user runs it: real processes, a real SQLite file.
 * A run killed mid-way (as by a crash or a power cut) and then resumed must
 * print the same summary as a run that was never interrupted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'electron', 'headless', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-'));

function lab(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, QUORUM_DB: join(dir, 'default.sqlite') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function doneTrials(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM trials WHERE status = 'done'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

// Big enough to take a few seconds, so the kill lands mid-run.
const bigSpec = {
  name: 'Resume check',
  tasks: { suite: 'arithmetic', count: 1500, seed: 3 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 7], aggregate: 'plurality' }],
  repetitions: 2,
  seed: 9,
  concurrency: 8,
};
const specFile = join(dir, 'resume.json');
writeFileSync(specFile, JSON.stringify(bigSpec));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('lab CLI', () => {
  it('runs the quickstart and prints one summary row per cell', () => {
    const { code, stdout, stderr } = lab(['run', 'examples/quickstart.json', '--db', join(dir, 'quick.sqlite')]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Voting vs team size — completed/);
    const rows = stdout.split('\n').filter((l) => /^(single|vote)/.test(l));
    expect(rows).toHaveLength(4);
    expect(stderr).toContain('320/320');
  });

  it('prints the summary as JSON with --json', () => {
    const { code, stdout } = lab(['run', 'examples/quickstart.json', '--db', join(dir, 'quick-json.sqlite'), '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { cells: Array<{ size: number; trials: number; accuracy: number; ciLow: number; ciHigh: number }> };
    expect(summary.cells.map((c) => c.size)).toEqual([1, 3, 5, 9]);
    for (const cell of summary.cells) {
      expect(cell.trials).toBe(80);
      expect(cell.ciLow).toBeLessThanOrEqual(cell.accuracy);
      expect(cell.ciHigh).toBeGreaterThanOrEqual(cell.accuracy);
    }
  });

  it('prints every cell’s parameters, messages and rounds per trial in the JSON summary', () => {
    const { code, stdout, stderr } = lab(['run', 'examples/debate.json', '--db', join(dir, 'debate.sqlite'), '--json']);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { cells: Array<{ label: string; structure: string; size: number; params: Record<string, unknown>; meanCalls: number; meanMessages: number; meanRounds: number; noAnswer: number }> };
    const debate = summary.cells.filter((c) => c.structure === 'debate');
    expect(debate.map((c) => [c.size, c.params.rounds])).toEqual([[3, 1], [3, 2], [5, 1], [5, 2]]);
    for (const cell of debate) {
      const n = cell.size;
      const r = Number(cell.params.rounds);
      expect(cell.meanCalls).toBe(n * (r + 1));
      expect(cell.meanMessages).toBe(r * n * (n - 1));
      expect(cell.meanRounds).toBe(r + 1);
    }
    const vote = summary.cells.find((c) => c.structure === 'vote')!;
    expect(vote).toMatchObject({ params: { size: 3, aggregate: 'plurality' }, meanMessages: 0, meanRounds: 1 });
    expect(summary.cells.every((c) => typeof c.noAnswer === 'number')).toBe(true);
  });

  it('explains a bad spec by field, and exits non-zero without touching the database', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...bigSpec, teams: [{ structure: 'single' }, { structure: 'vote', sizes: [0] }] }));
    const { code, stderr } = lab(['run', bad, '--db', join(dir, 'bad.sqlite')]);
    expect(code).toBe(1);
    expect(stderr).toContain('teams[1].sizes[0]: must be an integer between 1 and 1000, got 0');
  });

  it('after a crash mid-run, resume finishes it with the summary an uninterrupted run prints', async () => {
    const reference = lab(['run', specFile, '--db', join(dir, 'reference.sqlite'), '--json']);
    expect(reference.code, reference.stderr).toBe(0);

    const crashDb = join(dir, 'crash.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'run', specFile, '--db', crashDb, '--json'], { cwd: root, stdio: 'ignore' });
    const total = 1500 * 3 * 2;
    // Kill without warning once some, but not all, trials are saved.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const done = doneTrials(crashDb);
        if (done > 200) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the run finished before it could be interrupted; make the spec bigger'));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const saved = doneTrials(crashDb);
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(total);

    const list = lab(['list', '--db', crashDb]);
    expect(list.stdout).toMatch(/running|interrupted/);

    const resumed = lab(['resume', '--db', crashDb, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${saved}/${total} trials already saved`);
    const strip = (text: string) => {
      const { experimentId: _id, ...rest } = JSON.parse(text) as { experimentId: string };
      return rest;
    };
    expect(strip(resumed.stdout)).toEqual(strip(reference.stdout));

    const db = new Database(crashDb, { readonly: true });
    const dup = db.prepare('SELECT count(*) AS n FROM (SELECT cell_index, item_index, repetition FROM trials GROUP BY 1, 2, 3 HAVING count(*) > 1)').get() as { n: number };
    const calls = db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number };
    db.close();
    expect(dup.n).toBe(0);
    expect(calls.n).toBe(1500 * 2 * (1 + 3 + 7));
  }, 120_000);

  it('Ctrl-C pauses cleanly, keeping every finished trial, and resume completes it', async () => {
    const db = join(dir, 'sigint.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'run', specFile, '--db', db], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (doneTrials(db) > 200) {
          clearInterval(timer);
          child.kill('SIGINT');
          resolve();
        }
      }, 10);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('npm run lab -- resume');
    const resumed = lab(['resume', '--db', db]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('completed');
  }, 120_000);

  it('refuses a database from a newer Quorum without touching it', () => {
    const newer = join(dir, 'newer.sqlite');
    const db = new Database(newer);
    db.pragma('user_version = 999');
    db.close();
    const { code, stderr } = lab(['list', '--db', newer]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/newer version of Quorum/);
  });
});
