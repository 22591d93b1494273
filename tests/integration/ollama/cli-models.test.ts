/**
 * The CLI's model verbs as a user runs them (real processes), against the
 * Ollama-protocol test server: models, pull with progress, delete with
 * confirmation, calibrate; plus a per-call timeout that really aborts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { arithmeticSpec, labOnTempFile, root } from './helpers';

let server: OllamaTestServer;
const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-models-'));
const db = join(dir, 'lab.sqlite');

beforeAll(async () => {
  server = await startOllamaTestServer({ timeScale: 0.01, pullBytesPerSecond: 10_000_000, numParallel: 2 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function lab(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/headless/cli.ts'), ...args, '--db', db], {
      cwd: root,
      env: { ...process.env, OLLAMA_HOST: server.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('lab CLI model verbs', () => {
  it('lists installed models with family, quantization and context length, and what is loaded', async () => {
    const { code, stdout } = await lab(['models']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Host ${server.url}: up, Ollama`);
    expect(stdout).toMatch(/llama3\.2:3b\s+1\.9 GB\s+llama\s+3\.2B\s+Q4_K_M\s+131072/);
    expect(stdout).toContain('Nothing loaded in memory right now.');
  });

  it('pulls a model with progress, after which it is installed', async () => {
    const { code, stdout, stderr } = await lab(['pull', 'tinyllama']);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/tinyllama: pulling [0-9a-f]+ \d+% of 608 MB · [\d.]+ MB\/s/);
    expect(stdout).toContain('Pulled tinyllama');
    expect((await lab(['models'])).stdout).toContain('tinyllama:latest');
  });

  it('explains a model that is not in the library', async () => {
    const { code, stderr } = await lab(['pull', 'no-such-model:1b']);
    expect(code).toBe(1);
    expect(stderr).toContain('"no-such-model:1b" is not in the Ollama library');
  });

  it('deletes only with --yes', async () => {
    expect((await lab(['delete', 'gemma3:1b'])).code).toBe(2);
    expect((await lab(['models'])).stdout).toContain('gemma3:1b');
    const { code, stdout } = await lab(['delete', 'gemma3:1b', '--yes']);
    expect(code).toBe(0);
    expect(stdout).toContain('Deleted gemma3:1b');
    expect((await lab(['models'])).stdout).not.toContain('gemma3:1b');
  });

  it('calibrates tokens per second at 1..k streams and stores the profile', async () => {
    const { code, stdout, stderr } = await lab(['calibrate', 'llama3.2:3b', '--streams', '2']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\s*1\s+[\d.]+\s+[\d.]+/m);
    expect(stdout).toMatch(/^\s*2\s+[\d.]+\s+[\d.]+/m);
    const rows = new Database(db, { readonly: true }).prepare('SELECT host, model, points_json FROM calibrations').all() as Array<{ host: string; model: string; points_json: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ host: server.url, model: 'llama3.2:3b' });
    expect(JSON.parse(rows[0]!.points_json)).toHaveLength(2);
  });

  it('estimates an experiment from the calibration, and says why when it cannot', async () => {
    const { createLab } = await import('../../../electron/core/create-lab');
    const handle = createLab({ databasePath: db, appRoot: root, transport: 'http' });
    try {
      const spec = (model: string) => ({
        name: 'estimate',
        tasks: { suite: 'arithmetic', count: 10 },
        agents: { model, maxTokens: 100 },
        teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
        hosts: [{ url: server.url, slots: 2 }],
      });
      const calibrated = await handle.lab.estimateDuration({ spec: spec('ollama:llama3.2:3b') });
      expect(calibrated.seconds).toBeGreaterThan(0);
      expect(calibrated.basis).toContain('From the latest calibrations');
      const missing = await handle.lab.estimateDuration({ spec: spec('ollama:qwen3:4b') });
      expect(missing).toEqual({ seconds: null, basis: 'No calibration for ollama:qwen3:4b: run Calibrate on its host first.' });
      expect((await handle.lab.estimateDuration({ spec: spec('sim:default') })).seconds).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

describe('per-call timeout', () => {
  it('aborts the request in flight, frees the slot and fails the trial with a clear message', async () => {
    const slow = await startOllamaTestServer({ timeScale: 1, tokensPerSecond: 2 });
    const handle = labOnTempFile();
    try {
      const spec = arithmeticSpec('ollama:llama3.2:3b', slow.url, 1, { teams: [{ structure: 'single' }], tasks: { suite: 'arithmetic', count: 1, seed: 1 } });
      (spec.agents as Record<string, unknown>).timeoutSeconds = 1;
      const { id } = await handle.lab.createExperiment({ spec, start: true });
      await handle.lab.waitFor(id);
      const progress = await handle.lab.getProgress({ id });
      expect(progress.failed).toBe(1);
      const error = new Database(handle.dbPath, { readonly: true }).prepare('SELECT error FROM trials').get() as { error: string };
      expect(error.error).toContain('did not finish within 1 s; the request was aborted');
      await slow.waitUntil((s) => s.aborted >= 1 && (s.inFlight['llama3.2:3b'] ?? 0) === 0, 5000);
    } finally {
      await handle.close();
      await slow.close();
    }
  }, 30_000);
});
