/** `tasks.offset`: items past the first ones, exactly as a longer list would have them, for suites and files alike. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssues } from '../../../shared/contract/schema';
import { parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';
import { generatedItems } from '../../../electron/core/tasks';
import { itemsForSpec } from '../../../electron/core/tasks/items-for-spec';

const dir = mkdtempSync(join(tmpdir(), 'quorum-offset-'));
const specPath = join(dir, 'spec.json');
writeFileSync(specPath, '{}');
writeFileSync(join(dir, 'rows.csv'), ['question,answer', ...Array.from({ length: 10 }, (_, i) => `What is ${i} + 1?,${i + 1}`)].join('\n') + '\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(tasks: Record<string, unknown>): ExperimentSpec {
  const parsed = parseExperimentSpec({ name: 'offset', tasks, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  return parsed.value;
}

const content = (items: ReturnType<typeof generatedItems>) => items.map(({ index: _index, ...rest }) => rest);

describe('tasks.offset', () => {
  it.each(['arithmetic', 'choice', 'word', 'jobs'])('gives the %s items a longer count would have after the skipped ones, numbered from 0', (suite) => {
    const longer = generatedItems(spec({ suite, count: 30, seed: 4, difficulty: 3 }).tasks);
    const skipped = generatedItems(spec({ suite, count: 10, seed: 4, difficulty: 3, offset: 20 }).tasks);
    expect(content(skipped)).toEqual(content(longer.slice(20)));
    expect(skipped.map((i) => i.index)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('keeps a hardness mixture\'s draws with their items', () => {
    const hardness = { mixture: [{ share: 0.5, mean: 0.2 }, { share: 0.5, mean: 0.9 }] };
    const longer = generatedItems(spec({ suite: 'arithmetic', count: 12, hardness }).tasks);
    const skipped = generatedItems(spec({ suite: 'arithmetic', count: 4, offset: 8, hardness }).tasks);
    expect(skipped.map((i) => i.hardness)).toEqual(longer.slice(8).map((i) => i.hardness));
  });

  it('skips a file\'s first rows', async () => {
    const { items, spec: planned } = await itemsForSpec(spec({ file: 'rows.csv', offset: 6 }), { source: specPath });
    expect(items.map((i) => i.answer)).toEqual(['7', '8', '9', '10']);
    expect(planned.tasks.count).toBe(4);
    const counted = await itemsForSpec(spec({ file: 'rows.csv', offset: 2, count: 3 }), { source: specPath });
    expect(counted.items.map((i) => i.answer)).toEqual(['3', '4', '5']);
  });

  it('says so when a file has too few rows past the offset', async () => {
    await expect(itemsForSpec(spec({ file: 'rows.csv', offset: 10 }), { source: specPath })).rejects.toThrow(/tasks\.offset: skips 10 rows but rows\.csv has 10 rows; lower tasks\.offset/);
    await expect(itemsForSpec(spec({ file: 'rows.csv', offset: 8, count: 5 }), { source: specPath })).rejects.toThrow(/tasks\.count: asks for 5 items after skipping 8 but rows\.csv has 10 rows/);
  });

  it('is a whole number from 0 to 100000', () => {
    for (const offset of [-1, 1.5, 100_001, '3']) {
      const parsed = parseExperimentSpec({ name: 'offset', tasks: { suite: 'arithmetic', count: 5, offset }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
      expect(parsed.ok, String(offset)).toBe(false);
      if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain('tasks.offset');
    }
  });
});
