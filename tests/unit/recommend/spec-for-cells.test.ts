/** A spec whose cells are exactly some cells of another: the same structure, parameters, agents and faults. */
import { describe, expect, it } from 'vitest';
import { cellIdentity } from '../../../electron/core/recommend/candidates';
import { specForCells } from '../../../electron/core/recommend/spec-for-cells';
import { expandCells, parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';

function spec(input: unknown): ExperimentSpec {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const overrides = { name: 'part', description: 'a part', count: 30, offset: 70, seed: 9 };

function roundTrip(base: ExperimentSpec, pick: (index: number) => boolean) {
  const cells = expandCells(base).filter((c) => pick(c.index));
  const made = specForCells(base, cells, overrides);
  const madeCells = expandCells(made.spec);
  cells.forEach((cell, k) => expect(cellIdentity(madeCells[made.cellIndexes[k]!]!)).toBe(cellIdentity(cell)));
  return { cells, made, madeCells };
}

describe('a spec for some cells', () => {
  const base = spec({
    name: 'grid',
    tasks: { suite: 'arithmetic', count: 400, seed: 3 },
    agents: { model: 'sim:default', temperature: 0.5 },
    teams: [
      { structure: 'single' },
      { structure: 'vote', aggregate: 'plurality', sizes: [3, 5, 9, 15] },
      { structure: 'debate', sizes: [3, 5], rounds: [1, 2], topology: 'ring' },
      { structure: 'leader-worker', workers: [2, 4] },
      { structure: 'hierarchical', branching: 2, depth: [1, 2] },
      { structure: 'pipeline', critics: [1, 2], repeats: 2 },
      { structure: 'moa', proposers: [2, 4], layers: 2 },
    ],
    faults: { byzantine: [0, 1] },
    seed: 4,
  });

  it('reproduces every chosen cell, and only those, with the items and seed asked for', () => {
    const { cells, made, madeCells } = roundTrip(base, (i) => i % 3 !== 1);
    expect(madeCells).toHaveLength(cells.length);
    expect(made.spec.tasks).toMatchObject({ count: 30, offset: 70, seed: 3 });
    expect(made.spec).toMatchObject({ name: 'part', seed: 9, repetitions: 1 });
  });

  it('keeps a vote\'s series: sizes of one series become one entry with its label', () => {
    const { madeCells } = roundTrip(base, (i) => {
      const cell = expandCells(base)[i]!;
      return cell.structure === 'vote' && (cell.size === 3 || cell.size === 15) && cell.faults.byzantine === 0;
    });
    expect(madeCells.map((c) => [c.label, c.size])).toEqual([
      ['vote (plurality)', 3],
      ['vote (plurality)', 15],
    ]);
  });

  it('reproduces cells of several models and of teams that list their own agents', () => {
    const mixed = spec({
      name: 'models',
      tasks: { suite: 'arithmetic', count: 100 },
      agents: { models: ['sim:default', 'sim:strong'] },
      teams: [
        { structure: 'single' },
        { structure: 'vote', sizes: [3, 5] },
        { structure: 'debate', rounds: 1, label: 'mixed', agents: [{ model: 'sim:strong' }, { model: 'sim:fast', persona: 'skeptic' }, { model: 'sim:weak', temperature: 1 }] },
      ],
    });
    const { madeCells } = roundTrip(mixed, () => true);
    expect(new Set(madeCells.map((c) => c.label)).size).toBe(madeCells.length);
  });
});
