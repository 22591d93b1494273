/**
 * Every example a newcomer can open runs on the sim as it is, and every cell
 * makes the calls and sends the messages its structure's formula says it does
 * (the registry is what the Designer and the duration estimate count with).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeGrid } from '../../shared/domain/grid';
import { parseExperimentSpec, modelsOf } from '../../shared/domain/spec';
import { createLab } from '../../electron/core/create-lab';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quorum-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simExamples = readdirSync(join(root, 'examples'))
  .filter((file) => file.endsWith('.json'))
  .filter((file) => {
    const parsed = parseExperimentSpec(JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')));
    if (!parsed.ok) throw new Error(`${file} is not a valid spec`);
    return modelsOf(parsed.value.agents).every((m) => m.startsWith('sim:')) && !JSON.stringify(parsed.value.teams).includes('ollama:');
  });

describe('examples on the sim', () => {
  it('cover every structure family and a heterogeneous team', () => {
    const text = simExamples.map((file) => readFileSync(join(root, 'examples', file), 'utf8')).join('\n');
    for (const structure of ['single', 'vote', 'debate', 'leader-worker', 'hierarchical', 'pipeline', 'moa', 'coding-team']) expect(text).toContain(`"structure": "${structure}"`);
    expect(simExamples).toContain('heterogeneous-team.json');
  });

  it.each(simExamples)('%s runs as it is, each cell as its formula says', async (file) => {
    const spec = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as unknown;
    const handle = createLab({ databasePath: join(dir, `${file}.sqlite`), appRoot: root, transport: 'http' });
    try {
      const { id } = await handle.lab.createExperiment({ spec, start: true });
      await handle.lab.waitFor(id);
      const progress = await handle.lab.getProgress({ id });
      expect(progress).toMatchObject({ status: 'completed', failed: 0, done: progress.total });
      const results = await handle.lab.getResults({ id });
      const parsed = parseExperimentSpec(spec);
      if (!parsed.ok) throw new Error('invalid');
      const expected = summarizeGrid(parsed.value).perCell;
      for (const cell of results.cells) {
        const formula = expected[cell.cellIndex]!;
        // A coding team stops when its job is done: its formulas are the most a run can take.
        if (cell.structure === 'coding-team') {
          expect(cell.meanCalls!, cell.label).toBeLessThanOrEqual(formula.calls);
          expect(cell.meanRounds!, cell.label).toBeLessThanOrEqual(formula.rounds);
          expect(cell.meanMessages, cell.label).toBe(formula.messages);
          continue;
        }
        // A quorum may stop early: its formula is the most it can take.
        if (cell.aggregate === 'quorum') expect(cell.meanCalls!).toBeLessThanOrEqual(formula.calls);
        else expect(cell.meanCalls, cell.label).toBe(formula.calls);
        expect(cell.meanMessages, cell.label).toBe(formula.messages);
        expect(cell.meanRounds, cell.label).toBe(formula.rounds);
      }
    } finally {
      await handle.close();
    }
  }, 120_000);
});
