/**
 * Every task suite through the lab on the sim, as a user runs it: items made
 * (or read from a file) and stored with the experiment, replies extracted and
 * graded, per-part answers of a leader–worker team graded against the job's
 * parts, partial credit recorded, and trials without an answer counted apart
 * from wrong ones in the results and the CLI table.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createLab } from '../../electron/core/create-lab';
import { renderSummaryTable } from '../../electron/headless/summary-output';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quorum-suites-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEAMS = [{ structure: 'single' }, { structure: 'vote', sizes: [4], aggregate: 'majority' }];

interface Run {
  id: string;
  dbPath: string;
  results: Awaited<ReturnType<ReturnType<typeof createLab>['lab']['getResults']>>;
}

async function run(name: string, tasks: Record<string, unknown>, teams: unknown[] = TEAMS, source?: string, beforeStart?: () => void): Promise<Run> {
  const dbPath = join(dir, `${name}.sqlite`);
  const handle = createLab({ databasePath: dbPath, appRoot: root, transport: 'http' });
  try {
    const spec = { name, tasks, agents: { model: 'sim:default', temperature: 0.7 }, teams, seed: 3 };
    const { id } = await handle.lab.createExperiment({ spec, ...(source ? { source } : {}), start: false });
    beforeStart?.();
    await handle.lab.startExperiment({ id });
    await handle.lab.waitFor(id);
    expect(await handle.lab.getProgress({ id })).toMatchObject({ status: 'completed', failed: 0 });
    return { id, dbPath, results: await handle.lab.getResults({ id }) };
  } finally {
    await handle.close();
  }
}

function query<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Trials without an answer per cell, straight from the database, and the summary's count beside it. */
function expectNoAnswerCounted(r: Run): void {
  const none = query<{ cell_index: number; n: number }>(r.dbPath, "SELECT cell_index, COUNT(*) AS n FROM trials WHERE status = 'done' AND final_answer IS NULL GROUP BY cell_index");
  const table = renderSummaryTable(r.results).split('\n');
  const header = table[1]!;
  expect(header).toContain('no answer');
  const column = header.indexOf('no answer') + 'no answer'.length;
  r.results.cells.forEach((cell, i) => {
    const expected = none.find((n) => n.cell_index === cell.cellIndex)?.n ?? 0;
    expect(cell.noAnswer, cell.label).toBe(expected);
    // Wrong answers and no answers are told apart: correct + no answer never exceeds the trials.
    expect(cell.correct + cell.noAnswer).toBeLessThanOrEqual(cell.trials);
    // The table shows it as a share of the cell's trials.
    expect(table[3 + i]!.slice(0, column).trimEnd().endsWith(` ${((expected / cell.trials) * 100).toFixed(1)}%`), table[3 + i]).toBe(true);
  });
}

describe('every suite on the sim, through the lab', () => {
  it.each([
    ['arithmetic', { suite: 'arithmetic', count: 30, seed: 2, difficulty: 3 }],
    ['choice', { suite: 'choice', count: 30, seed: 2, difficulty: 3 }],
    ['word', { suite: 'word', count: 30, seed: 2, difficulty: 2 }],
  ])('%s: items stored, answers extracted and graded, no answer counted apart', async (name, tasks) => {
    const r = await run(name, tasks);
    const items = query<{ suite: string; choices_json: string | null }>(r.dbPath, 'SELECT suite, choices_json FROM items ORDER BY item_index');
    expect(items).toHaveLength(30);
    expect(new Set(items.map((i) => i.suite))).toEqual(new Set([name]));
    if (name === 'choice') for (const item of items) expect(JSON.parse(item.choices_json!)).toHaveLength(4);
    const answers = query<{ extracted_answer: string | null; correct: number }>(r.dbPath, 'SELECT extracted_answer, correct FROM agent_answers');
    const extracted = answers.filter((a) => a.extracted_answer !== null);
    expect(extracted.length / answers.length).toBeGreaterThan(0.9);
    if (name === 'choice') for (const a of extracted) expect(a.extracted_answer).toMatch(/^[A-D]$/);
    const single = r.results.cells[0]!;
    expect(single.accuracy!).toBeGreaterThan(0.3);
    expect(single.accuracy!).toBeLessThan(1);
    // A vote of four can tie, which leaves the team without an answer: such trials must show up as "no answer".
    expect(r.results.cells.some((c) => c.noAnswer > 0)).toBe(true);
    expectNoAnswerCounted(r);
  }, 60_000);

  it('jobs: a leader–worker team with one worker per part has every part answer recorded and graded, and totals earn partial credit', async () => {
    const r = await run('jobs', { suite: 'jobs', count: 40, seed: 2, difficulty: 2, parts: 3 }, [{ structure: 'single' }, { structure: 'leader-worker', workers: 3 }]);
    const parts = query<{ trial_id: number; part_index: number; correct: number }>(
      r.dbPath,
      'SELECT a.trial_id, a.part_index, a.correct FROM agent_answers a JOIN trials t ON t.id = a.trial_id WHERE a.part_index IS NOT NULL AND t.cell_index = 1',
    );
    const byTrial = new Map<number, number[]>();
    for (const p of parts) byTrial.set(p.trial_id, [...(byTrial.get(p.trial_id) ?? []), p.part_index]);
    expect(byTrial.size).toBe(40);
    for (const indexes of byTrial.values()) expect(indexes.sort()).toEqual([0, 1, 2]);
    const rightParts = parts.filter((p) => p.correct === 1).length / parts.length;
    expect(rightParts).toBeGreaterThan(0.5);
    expect(rightParts).toBeLessThan(1);
    // Worker messages carry the job's own part lines (the sim's sound split follows them).
    const delivered = query<{ content: string }>(r.dbPath, "SELECT content FROM messages WHERE kind = 'part'");
    expect(delivered.filter((m) => /^Part \d: (Order|List) \d+: /.test(m.content)).length / delivered.length).toBeGreaterThan(0.6);
    const scores = query<{ score: number; correct: number }>(r.dbPath, "SELECT score, correct FROM trials WHERE status = 'done'");
    for (const s of scores) expect(s.correct === 1 ? s.score === 1 : s.score < 1).toBe(true);
    expect(scores.some((s) => s.correct === 0 && Math.abs(s.score - 2 / 3) < 1e-9)).toBe(true);
    expectNoAnswerCounted(r);
  }, 60_000);

  it('a JSONL file next to the spec is read, stored, and no longer needed once the experiment exists', async () => {
    const folder = join(dir, 'own');
    mkdirSync(join(folder, 'data'), { recursive: true });
    copyFileSync(join(root, 'examples', 'data', 'sample.jsonl'), join(folder, 'data', 'sample.jsonl'));
    copyFileSync(join(root, 'examples', 'suite-file-jsonl.json'), join(folder, 'spec.json'));
    const r = await run('jsonl', { file: 'data/sample.jsonl' }, TEAMS, join(folder, 'spec.json'), () => rmSync(join(folder, 'data'), { recursive: true }));
    const items = query<{ suite: string; answer: string }>(r.dbPath, 'SELECT suite, answer FROM items ORDER BY item_index');
    expect(items.map((i) => i.answer)).toEqual(['216', '300', '504', '720', '112', '20']);
    const spec = query<{ spec_json: string }>(r.dbPath, 'SELECT spec_json FROM experiments')[0]!;
    expect(JSON.parse(spec.spec_json).tasks).toMatchObject({ file: 'data/sample.jsonl', count: 6 });
    expectNoAnswerCounted(r);
  }, 60_000);

  it('a CSV with choices is read with its options stored, answers given as letters', async () => {
    const r = await run('csv', { file: join(root, 'examples', 'data', 'sample.csv'), columns: { choices: 'choices' } });
    const items = query<{ answer: string; choices_json: string | null }>(r.dbPath, 'SELECT answer, choices_json FROM items ORDER BY item_index');
    expect(items.map((i) => i.answer)).toEqual(['A', 'C', 'B', 'D', 'C', 'B', '210']);
    expect(JSON.parse(items[5]!.choices_json!)).toEqual(['40', '42', '44', '56']);
    expect(items[6]!.choices_json).toBeNull();
    expectNoAnswerCounted(r);
  }, 60_000);
});
