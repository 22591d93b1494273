/**
 * What a user reads from an experiment's results, through the lab on a real
 * SQLite file: a vote that beats one agent only because the agent's trials
 * fail is seen as such (strict and completed-trial accuracy side by side, the
 * failing cell flagged), a team that beats one agent only by spending more
 * tokens is seen not to beat the agent given its tokens, and a picked pair of
 * cells is compared on the trials they share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimBackend } from '../../../electron/core/backends/sim';
import { BackendError, type CallRequest, type CallResult, type ModelBackend } from '../../../electron/core/backends/types';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { LabFailure } from '../../../electron/core/lab-errors';
import { deriveSeed } from '../../../electron/core/util/random';
import { renderSummaryTable, summaryJson } from '../../../electron/headless/summary-output';

const root = join(import.meta.dirname, '..', '..', '..');

/** The sim, except that a quarter of calls (picked by their seed, so the same on every run) fail as a refusing server's would. */
class QuarterFailingSim implements ModelBackend {
  readonly kind = 'sim';
  readonly virtualTime = true;
  private readonly sim = new SimBackend();
  check(model: string): Promise<void> {
    return this.sim.check(model);
  }
  call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    if (deriveSeed(request.seed, request.model, 'injected failure') % 4 === 0) return Promise.reject(new BackendError('injected failure', 'server_error'));
    return this.sim.call(request, signal);
  }
}

let dir: string;
let handle: LabHandle;

function open(backends?: ModelBackend[]): LabHandle {
  return createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http', ...(backends ? { backends } : {}) });
}

async function run(spec: Record<string, unknown>) {
  const { id } = await handle.lab.createExperiment({ spec, start: true });
  await handle.lab.waitFor(id);
  return { id, results: await handle.lab.getResults({ id }) };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-statistics-'));
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('failed trials kept apart', () => {
  it('a vote that only wins because the single agent\'s trials fail: strict and completed accuracy side by side, the failing cell flagged', async () => {
    handle = open([new QuarterFailingSim()]);
    // At temperature 0 every agent of a model gives the same answer: a vote of them is worth one agent, except that it survives a failed call.
    const { results } = await run({
      name: 'fails', tasks: { suite: 'arithmetic', count: 60, seed: 4 }, agents: { model: 'sim:default', temperature: 0 },
      teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5], aggregate: 'plurality' }], repetitions: 2, seed: 8,
    });
    const [single, vote3, vote5] = results.cells;
    expect(single!.failureRate.value).toBeGreaterThan(0.15);
    expect(vote3!.failureRate.value).toBeLessThan(0.05);
    expect(vote5!.failureRate.value).toBeLessThan(vote3!.failureRate.value!);
    // The single agent's strict accuracy counts its failures as not correct; the figure over completed trials leaves them out.
    expect(single!.accuracy!).toBeLessThan(single!.completedAccuracy.value! - 0.1);
    expect(single!.completedAccuracy.value).toBeCloseTo(single!.correct / single!.completed, 12);

    const vsSingle = results.comparisons.find((c) => c.kind === 'vs-single' && c.cellIndex === vote3!.cellIndex)!;
    expect(vsSingle).toMatchObject({ baselineCellIndex: single!.cellIndex, significant: true, test: 'paired-t-items' });
    expect(vsSingle.difference).toBeGreaterThan(0.1);
    // Where both completed, the vote and the agent gave the same answers: no difference at all.
    expect(vsSingle.completed).toMatchObject({ difference: 0 });
    expect(vsSingle.completed!.low).toBeLessThan(0);
    expect(vsSingle.completed!.high).toBeGreaterThan(0);

    expect(results.failureFlags.map((f) => f.cellIndex)).toEqual([single!.cellIndex]);
    const flag = results.failureFlags[0]!;
    expect(flag.pAdjusted).toBeLessThan(0.05);
    expect(flag.message).toMatch(/failed \d+\.\d% of its trials against \d+\.\d% in the other cells/);
    expect(flag.message).toContain(`over completed trials it is ${(single!.completedAccuracy.value! * 100).toFixed(1)}%`);

    const table = renderSummaryTable(results);
    expect(table).toContain('Failure rate apart: single (n = 1) failed');
    const singleRow = table.split('\n').find((line) => line.startsWith('single '))!;
    expect(singleRow).toContain(`${(single!.accuracy! * 100).toFixed(1)}%`);
    expect(singleRow).toContain(`${(single!.completedAccuracy.value! * 100).toFixed(1)}%`);
    const json = summaryJson(results);
    expect(json.failureFlags).toHaveLength(1);
    expect(json.cells[0]).toMatchObject({ failureRate: single!.failureRate, completedAccuracy: single!.completedAccuracy });
  });

  it('cells that fail alike are not flagged', async () => {
    handle = open([new QuarterFailingSim()]);
    // Single agents of three models: each fails whenever its one call does, a quarter of the time, on different trials.
    const { results } = await run({
      name: 'alike', tasks: { suite: 'arithmetic', count: 60, seed: 4 }, agents: { models: ['sim:default', 'sim:fast', 'sim:weak'] },
      teams: [{ structure: 'single' }], repetitions: 2, seed: 8,
    });
    const rates = results.cells.map((c) => c.failureRate.value!);
    expect(Math.min(...rates)).toBeGreaterThan(0.15);
    expect(new Set(rates).size).toBeGreaterThan(1);
    expect(results.failureFlags).toEqual([]);
  });
});

describe('cost-matched baselines', () => {
  it('a debate that beats one agent only by spending its tokens does not beat the agent given those tokens', async () => {
    handle = open();
    const { results } = await run({
      name: 'tokens', tasks: { suite: 'arithmetic', count: 120, seed: 5 }, agents: { model: 'sim:default', temperature: 0.7 },
      // The votes give the single agent's answers enough company on every item for a vote of k to be drawn without replacement.
      teams: [{ structure: 'single' }, { structure: 'vote', sizes: [5, 15], aggregate: 'plurality' }, { structure: 'debate', sizes: [3], rounds: 2 }],
      repetitions: 2, seed: 3,
    });
    const debate = results.cells.find((c) => c.structure === 'debate')!;
    const vsSingle = results.comparisons.find((c) => c.kind === 'vs-single' && c.cellIndex === debate.cellIndex)!;
    expect(vsSingle.significant).toBe(true);
    expect(vsSingle.difference).toBeGreaterThan(0.05);

    const baseline = results.costMatched.find((b) => b.cellIndex === debate.cellIndex)!;
    expect(baseline.samples).toBe(Math.round(debate.meanTokens! / results.cells[0]!.meanTokens!));
    expect(baseline.samples).toBeGreaterThan(10);
    expect(baseline).toMatchObject({ extrapolated: false, pooledCells: [0, 1, 2] });
    expect(baseline.accuracy).toBeGreaterThan(debate.accuracy!);
    expect(baseline.difference).toBeLessThan(0);
    expect(baseline.differenceHigh).toBeLessThan(0.02);
    // A vote of 15 is itself self-consistency at 15 samples: its baseline comes out level with it.
    const vote15 = results.costMatched.find((b) => b.cellIndex === results.cells.find((c) => c.size === 15)!.cellIndex)!;
    expect(vote15.samples).toBe(15);
    expect(vote15.differenceLow).toBeLessThan(0.01);
    expect(Math.abs(vote15.difference)).toBeLessThan(0.04);

    const table = renderSummaryTable(results);
    expect(table).toMatch(new RegExp(`^  debate \\(full\\) n=3 .*k=${baseline.samples}$`, 'm'));
  });

  it('says when an item had fewer of the single agent\'s answers than the team\'s tokens buy', async () => {
    handle = open();
    const { results } = await run({
      name: 'few', tasks: { suite: 'arithmetic', count: 30, seed: 5 }, agents: { model: 'sim:default' },
      teams: [{ structure: 'single' }, { structure: 'debate', sizes: [3], rounds: 1 }], repetitions: 2, seed: 3,
    });
    const [baseline] = results.costMatched;
    expect(baseline).toMatchObject({ extrapolated: true, extrapolatedItems: 30, minAnswersPerItem: 2, pooledCells: [0] });
    expect(baseline!.method).toMatch(/fewer than \d+ answers .* drawn with replacement/);
    expect(renderSummaryTable(results)).toContain('(extrapolated)');
  });
});

describe('intervals and comparisons in the results', () => {
  it('names the interval each cell uses: clustered by item with repetitions, Wilson without', async () => {
    handle = open();
    const repeated = await run({ name: 'reps', tasks: { suite: 'arithmetic', count: 20, seed: 2 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }], repetitions: 3 });
    expect(repeated.results.cells[0]!.intervalMethod).toBe('item-clustered');
    expect(repeated.results.method).toContain('clustered by item');
    expect(renderSummaryTable(repeated.results)).toContain('95% CI: clustered by item (Korn–Graubard)');
    // Chart bands are the cell's interval.
    expect(repeated.results.accuracyBySize[0]!.points[0]).toMatchObject({ ciLow: repeated.results.cells[0]!.ciLow, ciHigh: repeated.results.cells[0]!.ciHigh });
    const once = await run({ name: 'once', tasks: { suite: 'arithmetic', count: 20, seed: 2 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
    expect(once.results.cells[0]!.intervalMethod).toBe('wilson');
    expect(once.results.method).toContain('Wilson score intervals over trials');
  });

  it('compares every cell with the single agent and the next smaller size, and any two cells a user picks', async () => {
    handle = open();
    const { id, results } = await run({
      name: 'sizes', tasks: { suite: 'arithmetic', count: 40, seed: 2 }, agents: { model: 'sim:default' },
      teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 9], aggregate: 'plurality' }], repetitions: 2,
    });
    expect(results.comparisons.filter((c) => c.kind === 'vs-single').map((c) => c.cellIndex)).toEqual([1, 2, 3]);
    expect(results.comparisons.filter((c) => c.kind === 'vs-smaller').map((c) => [c.cellIndex, c.baselineCellIndex])).toEqual([[2, 1], [3, 2]]);
    for (const c of results.comparisons) {
      expect(c).toMatchObject({ items: 40, pairs: 80 });
      expect(c.pAdjusted).toBeGreaterThanOrEqual(c.pValue);
    }
    const picked = await handle.lab.compareCells({ id, cellIndex: 3, baselineCellIndex: 1 });
    expect(picked).toMatchObject({ kind: 'vs-picked', cellIndex: 3, baselineCellIndex: 1, pairs: 80 });
    expect(picked.pAdjusted).toBe(picked.pValue);
    expect(picked.difference).toBeCloseTo(results.cells[3]!.accuracy! - results.cells[1]!.accuracy!, 12);
    await expect(handle.lab.compareCells({ id, cellIndex: 7, baselineCellIndex: 0 })).rejects.toThrow(/no cell 7; its cells are numbered 0 to 3/);
    await expect(handle.lab.compareCells({ id, cellIndex: 2, baselineCellIndex: 2 })).rejects.toThrow(LabFailure);
  });
});
