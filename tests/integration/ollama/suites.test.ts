/**
 * Every task suite through the lab against the Ollama-protocol test server:
 * real HTTP, real prompts, and replies written the way models write them
 * (scripted through the server's `respond` hook, except arithmetic, which the
 * server's pseudo-model works out itself). What is checked is what a user
 * reads in the database and the results: the answers extracted from that
 * prose, right, wrong or missing; a leader's split followed part by part;
 * each worker's part graded; partial credit for a total missing one part.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import type { ReplyContext } from '../../fixtures/ollama/types';
import { labOnTempFile, root, type LabUnderTest } from './helpers';

let server: OllamaTestServer | null = null;
let lab: LabUnderTest | null = null;
/** How the scripted model answers the experiment under test; undefined leaves the reply to the pseudo-model. */
let script: ((ctx: ReplyContext, item: StoredItem) => string | undefined) | null = null;
let items: StoredItem[] = [];

afterEach(async () => {
  await lab?.close();
  await server?.close();
  lab = null;
  server = null;
  script = null;
  items = [];
});

interface StoredItem {
  index: number;
  prompt: string;
  answer: string;
  choices: string[] | null;
  parts: Array<{ prompt: string; answer: string }> | null;
  distractors: string[];
}

interface TrialRow {
  cell_index: number;
  item_index: number;
  final_answer: string | null;
  correct: number;
  score: number;
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(lab!.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The item a request is about: its prompt opens a user message (the engine joins the pieces that follow it, such as the instruction). */
function itemOf(ctx: ReplyContext): StoredItem | undefined {
  return items.find((item) => ctx.messages.some((m) => m.role === 'user' && m.content.startsWith(item.prompt)));
}

async function runScripted(tasks: Record<string, unknown>, teams: unknown[], source?: string): Promise<{ id: string; trials: TrialRow[] }> {
  server = await startOllamaTestServer({
    numParallel: 4,
    timeScale: 0.01,
    tokensPerSecond: 4000,
    models: [{ name: 'solver:1b', accuracy: 1 }],
    respond: (ctx) => {
      const item = itemOf(ctx);
      return item && script ? script(ctx, item) : undefined;
    },
  });
  lab = labOnTempFile();
  const spec = { name: 'suites on ollama', tasks, agents: { model: 'ollama:solver:1b', temperature: 0.7, maxTokens: 400 }, teams, hosts: [{ url: server.url, slots: 4 }], concurrency: 4 };
  const { id } = await lab.lab.createExperiment({ spec, ...(source ? { source } : {}), start: false });
  items = query<{ item_index: number; prompt: string; answer: string; choices_json: string | null; parts_json: string | null; distractors_json: string }>(
    'SELECT item_index, prompt, answer, choices_json, parts_json, distractors_json FROM items WHERE experiment_id = ? ORDER BY item_index',
    id,
  ).map((r) => ({
    index: r.item_index,
    prompt: r.prompt,
    answer: r.answer,
    choices: r.choices_json === null ? null : (JSON.parse(r.choices_json) as string[]),
    parts: r.parts_json === null ? null : (JSON.parse(r.parts_json) as StoredItem['parts']),
    distractors: JSON.parse(r.distractors_json) as string[],
  }));
  await lab.lab.startExperiment({ id });
  await lab.lab.waitFor(id);
  expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', failed: 0 });
  const trials = query<TrialRow>('SELECT cell_index, item_index, final_answer, correct, score FROM trials WHERE experiment_id = ? ORDER BY cell_index, item_index', id);
  return { id, trials };
}

type Outcome = 'right' | 'wrong' | 'none';
const outcomeOf = (t: TrialRow): Outcome => (t.final_answer === null ? 'none' : t.correct === 1 ? 'right' : 'wrong');

describe('task suites on Ollama', () => {
  it('arithmetic: the server works the expressions out, and every answer is read and graded right', async () => {
    const { trials } = await runScripted({ suite: 'arithmetic', count: 4, seed: 3, difficulty: 2 }, [{ structure: 'single' }]);
    expect(trials.map(outcomeOf)).toEqual(['right', 'right', 'right', 'right']);
  }, 60_000);

  it('choice: letters in several forms, an option\'s text, JSON, and a reply with no answer', async () => {
    script = (_ctx, item) => {
      const letter = item.answer;
      const text = item.choices!['ABCD'.indexOf(letter)]!;
      switch (item.index % 5) {
        case 0:
          return `Let me check each option.\nThe products come first, so several options can be ruled out.\n\nAnswer: ${letter}`;
        case 1:
          return `Working step by step and comparing with the options, the correct choice is **(${letter})**.`;
        case 2:
          return `Going through it carefully, the value is ${text}.`;
        case 3:
          return '```json\n' + JSON.stringify({ reasoning: 'added left to right', answer: item.distractors[0] }) + '\n```';
        default:
          return 'I cannot decide between the options without more context, sorry.';
      }
    };
    const { id, trials } = await runScripted({ suite: 'choice', count: 10, seed: 4, difficulty: 2 }, [{ structure: 'single' }, { structure: 'vote', sizes: [3], aggregate: 'majority' }]);
    const expected: Outcome[] = items.map((item) => (['right', 'right', 'right', 'wrong', 'none'] as const)[item.index % 5]!);
    expect(trials.filter((t) => t.cell_index === 0).map(outcomeOf)).toEqual(expected);
    expect(trials.filter((t) => t.cell_index === 1).map(outcomeOf)).toEqual(expected);
    const wrongLetters = trials.filter((t) => outcomeOf(t) === 'wrong').map((t) => t.final_answer);
    expect(wrongLetters).toEqual(trials.filter((t) => outcomeOf(t) === 'wrong').map((t) => items[t.item_index]!.distractors[0]));
    const results = await lab!.lab.getResults({ id });
    expect(results.cells.map((c) => [c.correct, c.noAnswer, c.trials])).toEqual([
      [6, 2, 10],
      [6, 2, 10],
    ]);
  }, 60_000);

  it('word: units after the number, decimals, rounding that is wrong, and no answer', async () => {
    script = (_ctx, item) => {
      const value = Number(item.answer);
      switch (item.index % 6) {
        case 0:
          return `Converting the minutes to hours first, then multiplying by each speed.\n\nAnswer: ${item.answer} km`;
        case 1:
          return `**Answer:** ${value.toFixed(2)}`;
        case 2:
          return `Rounding to the nearest half: Answer: ${value + 0.5}`;
        case 3:
          return 'The question does not say how long the second part took, so I cannot give a value.';
        case 4:
          return `First part: 12 × 3 = 36. Second part: 40 + 36 = 76. Altogether ${item.answer}km`;
        default:
          return JSON.stringify({ steps: 3, final_answer: value });
      }
    };
    const { trials } = await runScripted({ suite: 'word', count: 6, seed: 4, difficulty: 2 }, [{ structure: 'single' }]);
    expect(trials.map(outcomeOf)).toEqual(['right', 'right', 'wrong', 'none', 'right', 'right']);
  }, 60_000);

  it('jobs on leader–worker: the leader\'s split is followed, every part is graded, and a total missing a part earns partial credit', async () => {
    script = (ctx, item) => {
      const parts = item.parts!;
      const cents = (n: number) => Math.round(n * 100) / 100;
      const total = Number(item.answer);
      if (ctx.lastUserText.includes('Split this problem into')) {
        return `Here is how the work divides:\n\n${parts.map((p, i) => `${i + 1}. **Part ${i + 1}:** ${p.prompt}`).join('\n')}`;
      }
      const mine = /Work out only part (\d+) of (\d+)/.exec(ctx.lastUserText);
      if (mine) {
        const j = Number(mine[1]) - 1;
        const value = Number(parts[j]!.answer) + (item.index === 1 && j === 1 ? 1 : 0);
        return `Working only on my part.\n\nAnswer: ${cents(value)}`;
      }
      if (ctx.lastUserText.includes('Above are the results of the parts')) {
        if (item.index === 1) return `Adding the reported results: Answer: ${cents(total + 1)}`;
        if (item.index === 2) {
          const dropped = parts.find((p) => Number(p.answer) !== 0)!;
          return `One result seems to be missing, so adding the others: Answer: ${cents(total - Number(dropped.answer))}`;
        }
        return `Adding the parts' results gives the total.\n\nAnswer: ${item.answer}`;
      }
      return `Answer: ${item.answer}`;
    };
    const { trials } = await runScripted({ suite: 'jobs', count: 3, seed: 6, difficulty: 2, parts: 3 }, [{ structure: 'single' }, { structure: 'leader-worker', workers: 3 }]);
    expect(trials.filter((t) => t.cell_index === 0).map(outcomeOf)).toEqual(['right', 'right', 'right']);
    const team = trials.filter((t) => t.cell_index === 1);
    expect(team.map(outcomeOf)).toEqual(['right', 'wrong', 'wrong']);
    expect(team[0]!.score).toBe(1);
    expect(team[1]!.score).toBeLessThan(1);
    expect(team[2]!.score).toBeCloseTo(2 / 3, 9);

    const parts = query<{ item_index: number; part_index: number; correct: number; extracted_answer: string }>(
      `SELECT t.item_index, a.part_index, a.correct, a.extracted_answer FROM agent_answers a JOIN trials t ON t.id = a.trial_id
       WHERE t.cell_index = 1 AND a.part_index IS NOT NULL ORDER BY t.item_index, a.part_index`,
    );
    expect(parts.map((p) => [p.item_index, p.part_index, p.correct])).toEqual([
      [0, 0, 1], [0, 1, 1], [0, 2, 1],
      [1, 0, 1], [1, 1, 0], [1, 2, 1],
      [2, 0, 1], [2, 1, 1], [2, 2, 1],
    ]);
    // Each worker was sent the job's own part, as the leader named it.
    const sent = query<{ content: string }>("SELECT content FROM messages WHERE kind = 'part' ORDER BY content");
    const expectedParts = items.flatMap((item) => item.parts!.map((p, i) => `Part ${i + 1}: ${p.prompt}`)).sort();
    expect(sent.map((m) => m.content)).toEqual(expectedParts);
  }, 60_000);

  it('a GSM8K-style JSONL file: "####" answers, boxed and marked replies, a wrong one and a silent one', async () => {
    script = (_ctx, item) => {
      switch (item.index) {
        case 0:
          return `First the muffins, then the cookies, then the sum. The answer is ${item.answer}.`;
        case 1:
          return `5 * 18 = 90, 2 * 30 = 60, 90 + 60 = 150, 2 * 150 = 300\n#### ${item.answer}`;
        case 2:
          return `**Final answer:** ${item.answer}`;
        case 3:
          return `Answer: ${Number(item.answer) + 1}`;
        case 4:
          return "I don't have enough information to answer.";
        default:
          return `So the tank is empty after $\\boxed{${item.answer}}$ minutes.`;
      }
    };
    const { trials } = await runScripted({ file: 'data/sample.jsonl' }, [{ structure: 'single' }], join(root, 'examples', 'suite-file-jsonl.json'));
    expect(items.map((i) => i.answer)).toEqual(['216', '300', '504', '720', '112', '20']);
    expect(trials.map(outcomeOf)).toEqual(['right', 'right', 'right', 'wrong', 'none', 'right']);
  }, 60_000);

  it('a CSV with choices: letters and option text, and an open numeric row', async () => {
    script = (_ctx, item) => {
      if (!item.choices) return 'There are 60 minutes in an hour, so 3.5 × 60 = 210 minutes.';
      if (item.index === 3) return `The answer is (${item.distractors[0]}).`;
      if (item.index === 4) return `24 biscuits need 24 × 25 = 600 g, so the answer is ${item.choices['ABCD'.indexOf(item.answer)]}.`;
      return `Answer: ${item.answer.toLowerCase()}`;
    };
    const { trials } = await runScripted({ file: 'data/sample.csv', columns: { choices: 'choices' } }, [{ structure: 'single' }], join(root, 'examples', 'suite-file-csv.json'));
    expect(trials.map(outcomeOf)).toEqual(['right', 'right', 'right', 'wrong', 'right', 'right', 'right']);
  }, 60_000);
});
