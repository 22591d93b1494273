/**
 * `lab serve` as a user starts it: a real process that prints a URL carrying a
 * fresh access token, refuses lab requests without that token, and explains a
 * port that is already taken instead of crashing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'electron', 'headless', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'quorum-serve-'));
// The first serve may build the renderer (out/renderer) before it prints anything.
const START_TIMEOUT_MS = 180_000;
const URL_LINE = /^Quorum is serving (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]+) \(database: (.+)\)\. Press Ctrl-C to stop\.$/m;

interface Served {
  child: ChildProcess;
  origin: string;
  port: number;
  token: string;
  stdout: string;
}

function startServe(db: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--db', db], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = URL_LINE.exec(stdout);
      if (match) resolve({ child, origin: match[1]!, port: Number(match[2]), token: match[3]!, stdout });
      // A complete serving line of another shape would otherwise leave us waiting for the timeout.
      else if (/^Quorum is serving .*\n/m.test(stdout)) {
        child.kill('SIGTERM');
        reject(new Error(`serve printed an unexpected URL line:\n${stdout}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (code ${code}):\n${stdout}\n${stderr}`)));
  });
}

async function stopServe(served: Served): Promise<number | null> {
  if (served.child.exitCode !== null) return served.child.exitCode;
  const exited = new Promise<number | null>((resolve) => served.child.once('exit', (code) => resolve(code)));
  served.child.kill('SIGTERM');
  return exited;
}

let served: Served;

beforeAll(async () => {
  served = await startServe(join(dir, 'served.sqlite'));
}, START_TIMEOUT_MS);

afterAll(async () => {
  if (served) await stopServe(served);
  rmSync(dir, { recursive: true, force: true });
});

describe('lab serve', () => {
  it('prints a URL that carries a 256-bit base64url token and names the database', () => {
    // 32 random bytes are 43 base64url characters.
    expect(served.token.length).toBeGreaterThanOrEqual(43);
    expect(served.stdout).toContain(`(database: ${join(dir, 'served.sqlite')})`);
  });

  it('refuses a lab request without the token and answers one that sends it', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${served.origin}api/listExperiments`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const refused = await post({});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const answered = await post({ authorization: `Bearer ${served.token}` });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ ok: true, value: [] });
  });

  it('serves the page itself without the token, so it can load and read the token from its URL', async () => {
    const page = await fetch(`${served.origin}?token=${served.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('makes a new token for every launch', async () => {
    const second = await startServe(join(dir, 'second.sqlite'));
    try {
      expect(second.token).not.toBe(served.token);
    } finally {
      expect(await stopServe(second)).toBe(0);
    }
  });

  it('explains a port in use, exits 1 and prints no stack', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', String(served.port), '--db', join(dir, 'clash.sqlite')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toBe(
      `Port ${served.port} is already in use (another Quorum, or another program). Stop it, or pick another port: npm run lab -- serve --port ${served.port + 1} (0 picks a free one).\n`,
    );
    expect(result.stdout).toBe('');
  });
});
