/**
 * The golden test: the numbers the digest of the paper quotes in its section
 * 3, recomputed from the released data (tests/fixtures/paper-data, imported
 * into a real SQLite file through `importPaper`) with the lab's own analysis
 * (the getJobReport method). Only the expected values come from the digest;
 * everything else is computed. The digest says how each was computed: the
 * success rates count every run; the figure speedups are the paper's
 * per-domain ratios of successful runs' mean seconds, averaged over domains;
 * the pooled figures are per-run speedups of successful runs at n ≥ 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { importPaper } from '../../../electron/core/paper/import-paper';
import type { RunGroupMetrics, RunReport } from '../../../shared/domain/job-metrics';

const root = join(import.meta.dirname, '..', '..', '..');
const data = join(root, 'tests', 'fixtures', 'paper-data');

let dir: string;
let handle: LabHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-golden-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  await importPaper(handle.store, data);
});

afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const reports = new Map<string, Promise<RunReport>>();

/** Every experiment in the file, grouped by `by` (computed once per grouping). */
function report(by: RunReport['by']): Promise<RunReport> {
  const key = by.join(',');
  let found = reports.get(key);
  if (!found) reports.set(key, (found = handle.lab.getJobReport({ ids: [], all: true, by })));
  return found;
}

function find(groups: readonly RunGroupMetrics[], key: Record<string, string | number>): RunGroupMetrics {
  const found = groups.find((g) => Object.entries(key).every(([axis, value]) => g.key[axis] === value));
  if (!found) throw new Error(`no group ${JSON.stringify(key)}`);
  return found;
}

const MODELS = { Claude: 'paper:claude-sonnet-4-6', Gemini: 'paper:gemini-3-flash-preview', 'GPT-5.2': 'paper:gpt-5.2' } as const;
const MODES = { 'pre-assign': 'preassign', decentralized: 'self-claim' } as const;

describe('success rates', () => {
  it('reproduces the overall success of each mode: 635/659 pre-assigned, 584/754 decentralized', async () => {
    const { groups } = await report(['mode']);
    expect([find(groups, { mode: 'preassign' }).successes, find(groups, { mode: 'preassign' }).runs]).toEqual([635, 659]);
    expect([find(groups, { mode: 'self-claim' }).successes, find(groups, { mode: 'self-claim' }).runs]).toEqual([584, 754]);
    expect(find(groups, { mode: 'preassign' }).successRate.value).toBeCloseTo(0.964, 3);
    expect(find(groups, { mode: 'self-claim' }).successRate.value).toBeCloseTo(0.775, 3);
  });

  it.each([
    ['Claude', 'pre-assign', 225, 225],
    ['Gemini', 'pre-assign', 228, 228],
    ['GPT-5.2', 'pre-assign', 182, 206],
    ['Claude', 'decentralized', 195, 260],
    ['Gemini', 'decentralized', 223, 228],
    ['GPT-5.2', 'decentralized', 166, 266],
  ] as const)('reproduces %s %s: %i of %i runs succeed', async (model, mode, successes, runs) => {
    const group = find((await report(['model', 'mode'])).groups, { model: MODELS[model], mode: MODES[mode] });
    expect([group.successes, group.runs]).toEqual([successes, runs]);
  });

  it('reproduces decentralized success at p = 0.2: 43/48 runs at n = 1, 29/51 at n = 5', async () => {
    const { groups } = await report(['mode', 'p', 'n']);
    const one = find(groups, { mode: 'self-claim', p: 0.2, n: 1 });
    const five = find(groups, { mode: 'self-claim', p: 0.2, n: 5 });
    expect([one.successes, one.runs]).toEqual([43, 48]);
    expect([five.successes, five.runs]).toEqual([29, 51]);
  });
});

describe('the figure speedups, n = 2, 3, 4, 5', () => {
  // Digest section 3: "Speedup from the figures", to two decimals.
  const FIGURES: ReadonlyArray<[keyof typeof MODELS, number, keyof typeof MODES, number[]]> = [
    ['Claude', 0.9, 'pre-assign', [1.8, 2.42, 2.78, 3.35]],
    ['Claude', 0.5, 'pre-assign', [1.5, 1.14, 1.48, 1.45]],
    ['Claude', 0.2, 'pre-assign', [0.76, 0.59, 0.65, 0.79]],
    ['Gemini', 0.9, 'pre-assign', [0.59, 1.13, 1.64, 1.14]],
    ['Gemini', 0.5, 'pre-assign', [0.6, 1.26, 1.47, 0.94]],
    ['Gemini', 0.2, 'pre-assign', [1.18, 0.68, 0.53, 1.12]],
    ['GPT-5.2', 0.9, 'pre-assign', [1.12, 1.6, 1.44, 1.36]],
    ['GPT-5.2', 0.5, 'pre-assign', [1.26, 1.1, 1.25, 1.14]],
    ['GPT-5.2', 0.2, 'pre-assign', [0.88, 0.71, 0.98, 0.93]],
    ['Claude', 0.9, 'decentralized', [1.5, 0.94, 0.56, 0.83]],
    ['Claude', 0.5, 'decentralized', [0.8, 0.73, 0.68, 0.74]],
    ['Claude', 0.2, 'decentralized', [0.8, 0.99, 0.7, 0.65]],
    ['Gemini', 0.9, 'decentralized', [0.85, 0.68, 0.8, 0.84]],
    ['Gemini', 0.5, 'decentralized', [0.68, 0.79, 0.71, 0.69]],
    ['Gemini', 0.2, 'decentralized', [0.76, 0.62, 0.56, 0.56]],
    ['GPT-5.2', 0.9, 'decentralized', [1.02, 1.08, 1.3, 1.09]],
    ['GPT-5.2', 0.5, 'decentralized', [1.27, 1.19, 1.14, 0.98]],
    ['GPT-5.2', 0.2, 'decentralized', [0.86, 0.81, 0.74, 0.74]],
  ];

  it.each(FIGURES)('%s at p = %s, %s: %j', async (model, p, mode, expected) => {
    const { groups } = await report(['model', 'mode', 'p', 'n']);
    const speedups = [2, 3, 4, 5].map((n) => find(groups, { model: MODELS[model], mode: MODES[mode], p, n }).speedup?.value ?? Number.NaN);
    expect(speedups.map((s) => s.toFixed(2))).toEqual(expected.map((s) => s.toFixed(2)));
  });

  it("puts Amdahl's prediction beside each: 1.82, 2.50, 3.08, 3.57 at p = 0.9", async () => {
    const { groups } = await report(['model', 'mode', 'p', 'n']);
    const predictions = [2, 3, 4, 5].map((n) => find(groups, { model: MODELS.Claude, mode: 'preassign', p: 0.9, n }).amdahl!.toFixed(2));
    expect(predictions).toEqual(['1.82', '2.50', '3.08', '3.57']);
  });
});

describe('pooled per-run speedups (successful runs, n ≥ 2)', () => {
  it.each([
    ['pre-assign', 1.345, 1.55, 0.32],
    ['decentralized', 0.881, 0.98, 0.64],
  ] as const)('%s: median %s, mean %s, %s of runs below 1×', async (mode, median, mean, below) => {
    const pooled = find((await report(['mode'])).groups, { mode: MODES[mode] }).runSpeedups!;
    expect(pooled.median.toFixed(3)).toBe(median.toFixed(3));
    expect(pooled.mean.toFixed(2)).toBe(mean.toFixed(2));
    expect(pooled.shareBelowOne.toFixed(2)).toBe(below.toFixed(2));
  });
});
