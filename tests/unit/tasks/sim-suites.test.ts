/**
 * The sim on every suite: its replies carry answers the suite's extractor
 * reads, its wrong answers are the suite's kind of mistake (other letters,
 * plausible numbers), and on a decomposable job its leader names the job's
 * real parts and its workers' results are the parts' real answers.
 */
import { describe, expect, it } from 'vitest';
import { SimBackend } from '../../../electron/core/backends/sim';
import { partValue } from '../../../electron/core/backends/sim/parts';
import type { Intent } from '../../../electron/core/engine/intents';
import { choiceSuite } from '../../../electron/core/tasks/choice';
import { jobsSuite } from '../../../electron/core/tasks/jobs';
import type { TaskItem, TaskSuite } from '../../../electron/core/tasks/types';
import { wordSuite } from '../../../electron/core/tasks/word';
import { splitParts } from '../../../electron/core/teams/tree';
import { deriveSeed } from '../../../electron/core/util/random';

const sim = new SimBackend();
const never = new AbortController().signal;

async function reply(intent: Intent, agentIndex: number, model = 'sim:default'): Promise<string> {
  const result = await sim.call(
    { model, messages: [{ role: 'user', content: intent.item.prompt }], temperature: 0.7, maxTokens: 2048, seed: deriveSeed(4, intent.item.index, agentIndex, intent.kind), intent, agentIndex },
    never,
  );
  return result.text;
}

async function solveAnswers(suite: TaskSuite, items: readonly TaskItem[], agents: number): Promise<Array<{ item: TaskItem; answer: string | null }>> {
  const out: Array<{ item: TaskItem; answer: string | null }> = [];
  for (const item of items) for (let agent = 0; agent < agents; agent++) out.push({ item, answer: suite.extract(await reply({ kind: 'solve', item }, agent), item) });
  return out;
}

describe('the sim on multiple choice', () => {
  it('answers a letter of the options, and its wrong letters pile onto the most tempting distractor', async () => {
    const items = choiceSuite.generate({ count: 150, seed: 7, difficulty: 4 });
    const answers = await solveAnswers(choiceSuite, items, 4);
    const given = answers.filter((a) => a.answer !== null);
    expect(given.length / answers.length).toBeGreaterThan(0.9);
    for (const a of given) expect(['A', 'B', 'C', 'D']).toContain(a.answer);
    const wrong = given.filter((a) => a.answer !== a.item.answer);
    const right = given.length - wrong.length;
    expect(right / given.length).toBeGreaterThan(0.4);
    expect(wrong.length).toBeGreaterThan(30);
    // With four letters, chance alone gives the first distractor a third of the wrong answers.
    const onFirst = wrong.filter((a) => a.answer === a.item.distractors[0]).length / wrong.length;
    expect(onFirst).toBeGreaterThan(0.5);
  });
});

describe('the sim on word problems', () => {
  it('answers numbers the extractor reads, wrong ones being the listed slips or near misses', async () => {
    const items = wordSuite.generate({ count: 120, seed: 7, difficulty: 3 });
    const answers = await solveAnswers(wordSuite, items, 3);
    const given = answers.filter((a) => a.answer !== null);
    expect(given.length / answers.length).toBeGreaterThan(0.9);
    const right = given.filter((a) => wordSuite.grade(a.item, a.answer));
    expect(right.length / given.length).toBeGreaterThan(0.4);
    const wrong = given.filter((a) => !wordSuite.grade(a.item, a.answer));
    for (const a of wrong) expect(a.answer).toMatch(/^-?\d+(\.\d+)?$/);
    expect(wrong.filter((a) => a.item.distractors.includes(a.answer!)).length / wrong.length).toBeGreaterThan(0.4);
  });
});

describe('the sim on decomposable jobs', () => {
  const items = jobsSuite.generate({ count: 60, seed: 7, difficulty: 2, parts: 3 });

  it('names the job\'s own parts in a sound split, so the tree hands each worker its real part', async () => {
    let sound = 0;
    for (const item of items) {
      const text = await reply({ kind: 'decompose', item, parts: 3 }, 0);
      const split = splitParts(text, 3, item.prompt);
      if (!split.found.every(Boolean)) continue;
      sound++;
      expect(split.parts).toEqual(item.parts!.map((p, i) => `Part ${i + 1}: ${p.prompt}`));
    }
    expect(sound).toBeGreaterThan(items.length * 0.6);
  });

  it('keeps generic parts when the split does not follow the job\'s parts', async () => {
    const text = await reply({ kind: 'decompose', item: items[0]!, parts: 2 }, 0);
    expect(text).not.toContain(items[0]!.parts![0]!.prompt);
  });

  it('gives each worker its part\'s real answer when right, so per-part grading means something', async () => {
    const graded: boolean[] = [];
    for (const item of items) {
      item.parts!.forEach((part, j) => expect(partValue({ item }, j, 3)).toBe(part.answer));
      for (let j = 0; j < 3; j++) {
        const text = await reply({ kind: 'solve_part', item, part: j, of: 3, soundSplit: true }, j + 1);
        graded.push(jobsSuite.gradePart!(item, j, jobsSuite.extract(text, item)));
      }
    }
    const rate = graded.filter(Boolean).length / graded.length;
    expect(rate).toBeGreaterThan(0.6);
    expect(rate).toBeLessThan(1);
  });
});
