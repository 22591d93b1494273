/**
 * Starts the headless bridge (`lab serve`) on a free port with a fresh
 * database, and stops it again. Used by the browser fixtures. The server
 * prints a URL carrying its access token; tests open that URL, as a user does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// The space after the token proves the line is complete: stdout may arrive cut mid-token.
const READY_PATTERN = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+) /;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface LabServer {
  /** The URL the server printed, carrying its access token: http://127.0.0.1:40123/?token=… */
  url: string;
  /** Scheme, host and port only, e.g. http://127.0.0.1:40123 (no trailing slash, no token). */
  origin: string;
  /** The access token; lab calls send it as `Authorization: Bearer TOKEN`. */
  token: string;
  databasePath: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  /** Stops it as Ctrl-C would, and deletes the database it created. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash or power cut would; keeps the database. */
  crash(): Promise<void>;
}

export interface LabServerOptions {
  /** Use this database (kept afterwards) instead of a fresh one in a temporary folder (deleted on stop). */
  databasePath?: string;
  /** Extra environment for the server, e.g. { OLLAMA_HOST: ollama.url }. */
  env?: Record<string, string>;
}

/** A fresh temporary folder for a test's own databases; the caller deletes it. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'quorum-e2e-'));
}

export async function startLabServer(options: LabServerOptions = {}): Promise<LabServer> {
  const dir = options.databasePath === undefined ? makeTempDir() : null;
  const databasePath = options.databasePath ?? join(dir ?? '', 'lab.db');
  const tsx = join(APP_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  // Its own process group, so stop() reaches tsx's child node process too.
  const child = spawn(process.execPath, [tsx, 'electron/headless/cli.ts', 'serve', '--port', '0', '--db', databasePath], {
    cwd: APP_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
  });
  let log = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (log += chunk));

  const { origin, token } = await new Promise<{ origin: string; token: string }>((resolveUrl, reject) => {
    const timer = setTimeout(() => fail(new Error(`lab serve printed no URL within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    function fail(error: Error): void {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(new Error(`${error.message}\n--- lab serve output ---\n${log}`));
    }
    child.stdout?.on('data', (chunk: string) => {
      log += chunk;
      const match = READY_PATTERN.exec(log);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolveUrl({ origin: match[1], token: match[2] });
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`lab serve exited early (code ${code}, signal ${signal})`)));
  });
  child.removeAllListeners('exit');

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    databasePath,
    output: () => log,
    stop: async () => {
      await stopGroup(child);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    crash: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
      killGroup(child, 'SIGKILL');
      await exited;
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolveTimer) => setTimeout(() => resolveTimer('timeout'), STOP_TIMEOUT_MS));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    killGroup(child, 'SIGKILL');
    await exited;
  }
}
