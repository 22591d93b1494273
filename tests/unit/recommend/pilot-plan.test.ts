/** The pilot: which cells, how many items, and never more than a tenth of the full sweep's calls. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateGrid } from '../../../electron/core/recommend/candidates';
import { MIN_PILOT_ITEMS, planPilot } from '../../../electron/core/recommend/pilot-plan';
import { summarizeGrid } from '../../../shared/domain/grid';
import { PILOT_MAX_FRACTION } from '../../../shared/domain/recommend';
import { parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';

function spec(input: unknown): ExperimentSpec {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const example = spec(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'recommend.json'), 'utf8')));

describe('planning a pilot', () => {
  it('runs the single agent, the largest vote as the pool and each other family at its smallest and largest size', () => {
    const plan = planPilot(example, candidateGrid(example));
    expect(plan.cells.map((c) => [c.candidate.cell.structure, c.candidate.cell.size, c.role])).toEqual([
      ['single', 1, 'single'],
      ['vote', 25, 'pool'],
      ['debate', 3, 'anchor'],
      ['debate', 9, 'anchor'],
    ]);
  });

  it('spends at most a tenth of the full sweep\'s calls, counted with the registry\'s formulas, on as many items as fit', () => {
    const plan = planPilot(example, candidateGrid(example));
    const sweep = summarizeGrid(example).calls;
    expect(plan.fullSweepCalls).toBe(sweep);
    // single 1, the vote of 25, debates of 3 and 9 over 2 rounds: n(r + 1) calls each.
    const perItem = 1 + 25 + 3 * 3 + 9 * 3;
    expect(plan.items).toBe(Math.floor((PILOT_MAX_FRACTION * sweep) / perItem));
    expect(plan.plannedCalls).toBe(plan.items * perItem);
    expect(plan.plannedFraction).toBeLessThanOrEqual(PILOT_MAX_FRACTION);
    expect(plan.design).toContain(`on ${plan.items} items`);
  });

  it('always includes the single agent, adding it when the grid lacks it', () => {
    const grid = candidateGrid({ ...example, teams: example.teams.filter((t) => t.structure !== 'single') });
    const added = grid.candidates.filter((c) => c.added);
    expect(added.map((c) => [c.cell.structure, c.cell.model])).toEqual([['single', 'sim:default']]);
    const plan = planPilot({ ...example, teams: example.teams.filter((t) => t.structure !== 'single') }, grid);
    expect(plan.cells.some((c) => c.role === 'single' && c.candidate.added)).toBe(true);
  });

  it('moves the largest anchor to the middle size when that buys the 60 items the richest design cannot', () => {
    // Per item: the sweep 73 calls, so 7.3 for the pilot; single + debates of 3 and 9 take 37 (49 items), of 3 and 5 take 25 (73 items).
    const tight = spec({ ...example, tasks: { suite: 'arithmetic', count: 250 }, teams: [{ structure: 'single' }, { structure: 'debate', sizes: [3, 5, 7, 9], rounds: 2 }] });
    const plan = planPilot(tight, candidateGrid(tight));
    expect(plan.cells.filter((c) => c.role === 'anchor').map((c) => c.candidate.cell.size)).toEqual([3, 5]);
    expect(plan.items).toBeGreaterThanOrEqual(MIN_PILOT_ITEMS);
    expect(plan.plannedFraction).toBeLessThanOrEqual(PILOT_MAX_FRACTION);
  });

  it('refuses a grid with one cell: there is nothing to choose', () => {
    const one = spec({ ...example, teams: [{ structure: 'vote', sizes: [5] }] });
    expect(() => planPilot(one, candidateGrid(one))).toThrow(/one cell \(vote \(majority\)\); a recommendation chooses between candidates/);
  });

  it('refuses a sweep too small for a pilot of 20 items within a tenth of it, saying how many items would do', () => {
    const small = spec({ ...example, tasks: { suite: 'arithmetic', count: 50 } });
    expect(() => planPilot(small, candidateGrid(small))).toThrow(/too small for a pilot of at least 20 items.*Raise tasks\.count to at least \d+/s);
  });
});
