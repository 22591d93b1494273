/**
 * Theory fits as a user gets them: through the lab, on a real SQLite file,
 * for an experiment that warrants each fit, with the reason beside every
 * fit that was not drawn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../../electron/core/create-lab';

const root = join(import.meta.dirname, '..', '..', '..', '..');
let dir: string;
let handle: LabHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-theory-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Results.theory', () => {
  it('fits Condorcet to the vote, Amdahl to the leader and workers, the USL to both, and says why the rest was not drawn', async () => {
    const spec = {
      name: 'theory',
      tasks: { suite: 'jobs', count: 40, seed: 9, difficulty: 3, parts: 4 },
      agents: { model: 'sim:default', temperature: 0.7 },
      teams: [
        { structure: 'single' },
        { structure: 'vote', sizes: [3, 5, 9], aggregate: 'majority' },
        { structure: 'vote', sizes: [3], aggregate: 'weighted' },
        { structure: 'leader-worker', workers: [2, 4] },
      ],
      repetitions: 2,
      seed: 12,
    };
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await handle.lab.waitFor(id);
    const results = await handle.lab.getResults({ id });
    const { theory, cells } = results;
    const cellOf = (label: string, size: number) => cells.find((c) => c.teamLabel === label && c.size === size)!;

    const [vote] = theory.condorcet;
    expect(theory.condorcet).toHaveLength(1);
    expect(vote).toMatchObject({ teamLabel: 'vote (majority)', model: 'sim:default', rule: 'majority', items: 40 });
    // 9 agents × 2 repetitions per item: a vote of 3 and of 5 draw the same first answers as the vote of 9 (common random numbers), counted once.
    expect(vote!.answersPerItem).toBe(18);
    expect(vote!.rhoLow).toBeLessThanOrEqual(vote!.rho);
    expect(vote!.rhoHigh).toBeGreaterThanOrEqual(vote!.rho);
    expect(vote!.curve.map((p) => p.n)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]);
    for (const p of vote!.curve) expect(p.low <= p.value && p.value <= p.high).toBe(true);
    expect(vote!.measured.map((m) => [m.n, m.cellIndex])).toEqual([
      [1, cellOf('single', 1).cellIndex],
      [3, cellOf('vote (majority)', 3).cellIndex],
      [5, cellOf('vote (majority)', 5).cellIndex],
      [9, cellOf('vote (majority)', 9).cellIndex],
    ]);
    expect(vote!.measured[3]!.value).toBe(cellOf('vote (majority)', 9).accuracy);
    expect(vote!.effectiveSizes.find((e) => e.n === 9)!.nEff).toBeCloseTo(9 / (1 + 8 * vote!.rho), 12);
    expect(vote!.words).toMatch(/^Errors are (correlated|close to independent), ρ = \d\.\d\d \(.+\): nine voters are worth \d+\.\d independent ones\./);

    const [amdahl] = theory.amdahl;
    expect(theory.amdahl).toHaveLength(1);
    expect(amdahl).toMatchObject({ teamLabel: 'leader–worker', model: 'sim:default' });
    expect(amdahl!.measured.map((m) => m.n)).toEqual([1, 3, 5]);
    expect(amdahl!.pLow).toBeLessThanOrEqual(amdahl!.p);
    expect(amdahl!.words.length).toBeGreaterThan(40);

    const usl = theory.usl.map((u) => `${u.teamLabel}/${u.quantity}`).sort();
    expect(usl).toEqual(['leader–worker/cost', 'leader–worker/speed', 'vote (majority)/cost', 'vote (majority)/speed']);
    // A vote's agents each do the whole task: its tokens grow with its size, so a token buys no more work than one agent's (α ≈ 1).
    const voteCost = theory.usl.find((u) => u.teamLabel === 'vote (majority)' && u.quantity === 'cost')!;
    expect(voteCost.alpha).toBeGreaterThan(0.85);
    expect(voteCost.alpha).toBeLessThan(1.15);
    expect(voteCost.words).toMatch(/no more work per token than one agent/);

    expect(theory.notes.some((n) => n.startsWith('vote (weighted) (sim:default): Condorcet') && n.includes('weighted vote'))).toBe(true);
    expect(theory.notes.some((n) => n.startsWith('vote (weighted) (sim:default): one size only'))).toBe(true);

    // Seeded: the same figures on every read.
    expect((await handle.lab.getResults({ id })).theory).toEqual(theory);
  }, 60_000);

  it('explains an experiment with no single agent instead of drawing speedups against nothing', async () => {
    const spec = {
      name: 'no single',
      tasks: { suite: 'arithmetic', count: 20, seed: 3 },
      agents: { model: 'sim:default', temperature: 0.7 },
      teams: [{ structure: 'vote', sizes: [3, 5], aggregate: 'plurality' }],
      seed: 4,
    };
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await handle.lab.waitFor(id);
    const { theory } = await handle.lab.getResults({ id });
    expect(theory.condorcet).toHaveLength(1);
    expect(theory.condorcet[0]!.measured.map((m) => m.n)).toEqual([3, 5]);
    expect(theory.usl).toEqual([]);
    expect(theory.notes).toEqual([expect.stringContaining('no single agent of sim:default without faults')]);
  }, 60_000);
});
