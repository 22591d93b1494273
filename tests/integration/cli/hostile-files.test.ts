/**
 * The CLI on databases it can't fully use, and on names made to fool a
 * terminal: each case gets a message that says what is wrong and what to do,
 * reading still works where it can, and nothing printed can move the cursor,
 * retitle the window or reverse the text. Real processes, real files.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'electron', 'headless', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'quorum-hostile-'));
// Others must reach the files when the CLI runs as an unprivileged user (see asUser).
chmodSync(dir, 0o755);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * File permissions don't bind root, so when the tests run as root (as CI
 * does) the read-only cases run the CLI as the unprivileged "nobody".
 */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function lab(args: string[], options: { unprivileged?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, ...(options.unprivileged ? asUser : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function specFile(name: string, spec: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(spec));
  chmodSync(file, 0o644);
  return file;
}

const small = { tasks: { suite: 'arithmetic', count: 5 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] };

async function databaseWithOneRun(folder: string): Promise<{ db: string; id: string }> {
  mkdirSync(folder, { recursive: true });
  const db = join(folder, 'lab.sqlite');
  const run = await lab(['run', specFile(`${folder.split('/').pop()}.json`, { name: 'kept results', ...small }), '--db', db, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return { db, id: (JSON.parse(run.stdout) as { experimentId: string }).experimentId };
}

describe('a read-only database', () => {
  it.each([
    { what: 'file', lock: (folder: string, db: string) => chmodSync(db, 0o444) },
    { what: 'folder', lock: (folder: string, db: string) => (chmodSync(db, 0o444), chmodSync(folder, 0o555)) },
  ])('in a read-only $what still lists and shows results, and a run says why it cannot write', async ({ what, lock }) => {
    const folder = join(dir, `readonly-${what}`);
    const { db, id } = await databaseWithOneRun(folder);
    lock(folder, db);
    try {
      const list = await lab(['list', '--db', db], { unprivileged: true });
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('kept results');
      const results = await lab(['results', id, '--db', db], { unprivileged: true });
      expect(results.code, results.stderr).toBe(0);
      expect(results.stdout).toContain('kept results — completed');

      const run = await lab(['run', specFile(`again-${what}.json`, { name: 'new', ...small }), '--db', db], { unprivileged: true });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`The database ${db} cannot be written`);
      expect(run.stderr).toContain('chmod u+w');
      expect(run.stderr).not.toMatch(/Unexpected error|please report/);
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});

describe('a database another program keeps locked', () => {
  it('answers reading commands, and explains that a run must wait for the lock', async () => {
    const { db } = await databaseWithOneRun(join(dir, 'locked'));
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 15000);`;
    const holder = spawn(process.execPath, ['-e', script, db], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.on('data', () => resolve()));
      const list = await lab(['list', '--db', db]);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('kept results');

      const run = await lab(['run', specFile('while-locked.json', { name: 'blocked', ...small }), '--db', db]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`The database ${db} is locked by another program`);
      expect(run.stderr).toContain('Close that program or wait for it to finish, then try again.');
      expect(run.stderr).not.toMatch(/Unexpected error|please report/);
    } finally {
      holder.kill();
    }
  });
});

describe('names made to fool a terminal', () => {
  it('prints escape sequences and bidi overrides as visible escapes, never as themselves', async () => {
    const db = join(dir, 'names.sqlite');
    // A window-title escape (OSC … BEL), a cursor move (CSI), a right-to-left override, and a line break.
    const name = 'safe\u001b]0;pwned\u0007 \u001b[2Aup \u202Eevil\u202C\nnext';
    const run = await lab(['run', specFile('names.json', { ...small, name, teams: [{ structure: 'single', label: 'one\u001b[31m red' }] }), '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    const list = await lab(['list', '--db', db]);
    for (const output of [run.stdout, list.stdout]) {
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(output).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(output).toContain('safe\\u{1B}]0;pwned\\u{7} \\u{1B}[2Aup \\u{202E}evil\\u{202C} next');
    }
    expect(run.stdout).toContain('one\\u{1B}[31m red');
  });
});
