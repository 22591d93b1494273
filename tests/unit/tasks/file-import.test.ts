import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssues } from '../../../shared/contract/schema';
import { parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';
import { LabFailure } from '../../../electron/core/lab-errors';
import { fileSuite } from '../../../electron/core/tasks/file-suite';
import { itemsForSpec } from '../../../electron/core/tasks/items-for-spec';

const dir = mkdtempSync(join(tmpdir(), 'quorum-task-files-'));
mkdirSync(join(dir, 'data'));
const specPath = join(dir, 'my-spec.json');
writeFileSync(specPath, '{}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): void {
  writeFileSync(join(dir, 'data', name), text);
}

function spec(tasks: Record<string, unknown>): ExperimentSpec {
  const parsed = parseExperimentSpec({ name: 'files', tasks, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  return parsed.value;
}

/** The error itemsForSpec throws, as the user reads it. */
async function failure(tasks: Record<string, unknown>): Promise<LabFailure> {
  try {
    await itemsForSpec(spec(tasks), { source: specPath });
  } catch (error) {
    if (error instanceof LabFailure) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('JSONL task files', () => {
  it('turns each row into an item, taking GSM8K answers from after "####", and stores the count in the spec', async () => {
    write('gsm.jsonl', jsonl(
      { question: 'Tom has 3 bags of 12 apples. How many apples?', answer: 'He has 3 * 12 = <<3*12=36>>36.\n#### 36' },
      { question: 'A bill of $1,200 is split by 4. Each pays?', answer: 'Each pays 1200 / 4 = 300.\n#### 300' },
      { question: 'Which is largest?', answer: 'c', choices: ['7', '9', 11] },
      { question: 'What is the capital of Peru?', answer: 'Lima' },
      { question: 'How many legs does a spider have?', answer: 8 },
    ));
    const { items, spec: planned } = await itemsForSpec(spec({ file: 'data/gsm.jsonl' }), { source: specPath });
    expect(items.map((i) => i.answer)).toEqual(['36', '300', 'C', 'Lima', '8']);
    expect(items.map((i) => i.suite)).toEqual(['file', 'file', 'file', 'file', 'file']);
    expect(planned.tasks.count).toBe(5);
    expect(items[0]!.prompt).toBe('Tom has 3 bags of 12 apples. How many apples?\n\nShow your working briefly, then end your reply with a line of the form "Answer: <number>".');
    expect(items[2]!.choices).toEqual(['7', '9', '11']);
    expect(items[2]!.prompt).toContain('\nA) 7\nB) 9\nC) 11\n');
    expect(items[2]!.distractors).toEqual(['A', 'B']);
    expect(items[3]!.prompt).toContain('"Answer: <your answer>"');
    expect(items[0]!.distractors).toEqual(expect.arrayContaining(['37', '26', '360']));
    const again = await itemsForSpec(spec({ file: 'data/gsm.jsonl', count: 2 }), { source: specPath });
    expect(again.items).toEqual(items.slice(0, 2));
  });

  it('names every bad row by its line, and fails the whole file rather than skip one', async () => {
    write('bad.jsonl', jsonl(
      { question: 'Fine?', answer: '1' },
      '{"question": "Broken", "answer": ',
      '[1, 2]',
      '',
      { question: 'No answer here' },
      { question: '   ', answer: '2' },
      { question: 'Empty answer', answer: '' },
      { question: 'Nothing after the marker', answer: 'Because.\n#### ' },
      { question: 'Pick', answer: 'E', choices: ['1', '2', '3', '4'] },
    ));
    const error = await failure({ file: 'data/bad.jsonl' });
    expect(error.code).toBe('invalid_spec');
    expect(error.message).toContain('data/bad.jsonl has 7 bad rows; fix them and create the experiment again (no row is skipped):');
    expect(error.issues!.map((i) => i.message)).toEqual([
      expect.stringMatching(/^data\/bad\.jsonl line 2: is not valid JSON \(.+\); each line must be one JSON object/),
      'data/bad.jsonl line 3: is a list, not a JSON object such as {"question": "…", "answer": "…"}',
      'data/bad.jsonl line 5: has no "answer" column',
      'data/bad.jsonl line 6: the "question" column is empty',
      'data/bad.jsonl line 7: the "answer" column is empty',
      'data/bad.jsonl line 8: the "answer" column has nothing after "####"',
      'data/bad.jsonl line 9: the answer "E" is not one of the choice labels A–D (nor the text of a choice)',
    ]);
    expect(error.issues!.every((i) => i.path === 'tasks.file')).toBe(true);
  });

  it('lists at most 20 bad rows and says how many more there are', async () => {
    write('many.jsonl', jsonl(...Array.from({ length: 26 }, (_, i) => ({ question: `Q${i}`, answer: '' }))));
    const error = await failure({ file: 'data/many.jsonl' });
    expect(error.issues).toHaveLength(21);
    expect(error.issues![19]!.message).toBe('data/many.jsonl line 20: the "answer" column is empty');
    expect(error.issues![20]!.message).toBe('data/many.jsonl: 6 more bad rows not listed');
  });

  it('refuses a count larger than the file, and an empty file', async () => {
    write('two.jsonl', jsonl({ question: 'a', answer: '1' }, { question: 'b', answer: '2' }));
    expect((await failure({ file: 'data/two.jsonl', count: 5 })).issues).toEqual([
      { path: 'tasks.count', message: 'asks for 5 items but data/two.jsonl has 2 rows; lower tasks.count or leave it out to use every row' },
    ]);
    write('empty.jsonl', '\n\n');
    expect((await failure({ file: 'data/empty.jsonl' })).issues![0]!.message).toBe('data/empty.jsonl has no rows; add one JSON object per line');
  });
});

describe('CSV task files', () => {
  it('reads quoted values with commas and newlines, choices as "|" text or a JSON list, and option text as an answer', async () => {
    write('quiz.csv', [
      '\uFEFFquestion,answer,choices',
      'Which planet is closest to the Sun?,A,Mercury | Venus | Earth | Mars',
      '"Sum the list: 3, 4, 5",B,"[""11"", ""12"", ""13""]"',
      '"A recipe needs 250 g of flour for 10 biscuits.',
      'How much for 24?",600 g,500 g | 550 g | 600 g',
      'How many minutes are in 3.5 hours?,210,',
    ].join('\r\n'));
    const { items } = await itemsForSpec(spec({ file: 'data/quiz.csv', columns: { choices: 'choices' } }), { source: specPath });
    expect(items.map((i) => i.answer)).toEqual(['A', 'B', 'C', '210']);
    expect(items[1]!.choices).toEqual(['11', '12', '13']);
    expect(items[2]!.prompt.startsWith('A recipe needs 250 g of flour for 10 biscuits.\nHow much for 24?\n\nA) 500 g')).toBe(true);
    expect(items[3]!.choices).toBeUndefined();
  });

  it('names bad rows with the line they start on', async () => {
    write('bad.csv', [
      'question,answer,choices',
      '"A question',
      'over two lines",1,',
      'What is 2 + 2?,4,',
      'Spare comma,1,,extra',
      'Pick one,C,"[1, 2"',
      'Pick again,A,only one',
      'Empty answer,,',
      'Not a label,Z,x | y',
    ].join('\n'));
    const error = await failure({ file: 'data/bad.csv' });
    expect(error.issues!.map((i) => i.message)).toEqual([
      'data/bad.csv line 5: has 4 values but the header (line 1) names 3 columns; a value holding a comma must be in double quotes',
      'data/bad.csv line 6: the "choices" value starts like a JSON list but does not parse; write ["12", "15", "18"] or 12 | 15 | 18',
      'data/bad.csv line 7: the "choices" list has 1 option; give 2 to 10',
      'data/bad.csv line 8: the "answer" column is empty',
      'data/bad.csv line 9: the answer "Z" is not one of the choice labels A–B (nor the text of a choice)',
    ]);
  });

  it('reports a stray quote csv-parse cannot read, with its line', async () => {
    write('quote.csv', 'question,answer\nFine,1\n"Broken"x,2\n');
    const error = await failure({ file: 'data/quote.csv' });
    expect(error.issues![0]!.message).toMatch(/^data\/quote\.csv line 3: cannot be read as CSV: Invalid Closing Quote/);
  });

  it('says which columns the header lacks, and reads other names through tasks.columns', async () => {
    write('renamed.csv', 'prompt,solution\nWhat is 6 × 7?,42\n');
    expect((await failure({ file: 'data/renamed.csv' })).issues![0]!.message).toBe(
      'data/renamed.csv line 1: the header has no "question" or "answer" column (it has "prompt", "solution"); name your columns in tasks.columns',
    );
    const { items } = await itemsForSpec(spec({ file: 'data/renamed.csv', columns: { question: 'prompt', answer: 'solution' } }), { source: specPath });
    expect(items[0]!.answer).toBe('42');
  });

  it('needs a named choices column in the header', async () => {
    write('nochoices.csv', 'question,answer\nWhat is 6 × 7?,42\n');
    expect((await failure({ file: 'data/nochoices.csv', columns: { choices: 'options' } })).issues![0]!.message).toContain('the header has no "options" column');
  });
});

describe('where the file is, and what the spec may say', () => {
  it('finds a relative path beside the spec file, an absolute path anywhere, and names where it looked', async () => {
    write('abs.jsonl', jsonl({ question: 'q', answer: '1' }));
    expect((await itemsForSpec(spec({ file: join(dir, 'data', 'abs.jsonl') }), {})).items).toHaveLength(1);
    const error = await failure({ file: 'data/missing.jsonl' });
    expect(error.issues![0]).toEqual({
      path: 'tasks.file',
      message: `"data/missing.jsonl" was not found (looked for ${join(dir, 'data', 'missing.jsonl')}); give a path relative to the spec file's folder, or an absolute path`,
    });
  });

  it('without a spec file, looks in the working directory, then the examples folder', async () => {
    write('here.jsonl', jsonl({ question: 'q', answer: '1' }));
    const { items } = await itemsForSpec(spec({ file: 'data/here.jsonl' }), { source: 'designer', cwd: tmpdir(), examplesDir: dir });
    expect(items).toHaveLength(1);
  });

  it('reads the format from the extension, or from "format"', async () => {
    write('rows.txt', 'question,answer\nq,1\n');
    const parsed = parseExperimentSpec({ name: 'x', tasks: { file: 'data/rows.txt' }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: 'tasks.format', message: 'is required: the extension of "data/rows.txt" does not say whether it is "jsonl" or "csv"' }]);
    expect((await itemsForSpec(spec({ file: 'data/rows.txt', format: 'csv' }), { source: specPath })).items[0]!.answer).toBe('1');
  });

  it('takes a suite or a file, not both, and file fields only with a file', () => {
    const problems = (tasks: Record<string, unknown>) => {
      const parsed = parseExperimentSpec({ name: 'x', tasks, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
      return parsed.ok ? '' : formatIssues(parsed.issues);
    };
    expect(problems({})).toBe('tasks.suite: is required (or give a "file" to read items from, or "paperTasks")');
    expect(problems({ suite: 'word', count: 3, file: 'a.csv' })).toBe('tasks.file: give one of tasks.suite, tasks.file and tasks.paperTasks, not tasks.suite and tasks.file');
    expect(problems({ suite: 'word' })).toBe('tasks.count: is required');
    expect(problems({ suite: 'word', count: 3, parts: 4 })).toBe('tasks.parts: only applies to the "jobs" suite');
    expect(problems({ suite: 'word', count: 3, columns: { answer: 'a' } })).toBe('tasks.columns: only applies to a file (tasks.file)');
    expect(problems({ suite: 'jobs', count: 3, parts: 17 })).toBe('tasks.parts: must be an integer between 2 and 16, got 17');
    expect(problems({ file: 'a.jsonl' })).toBe('');
  });
});

describe('grading file items', () => {
  it('grades numbers, choice letters and free text each their own way', async () => {
    write('mixed.jsonl', jsonl(
      { question: 'How many?', answer: 'Work.\n#### 1,200' },
      { question: 'Which?', answer: 'B', choices: ['x', 'y', 'z'] },
      { question: 'Where?', answer: 'The Eiffel Tower' },
    ));
    const [number, choice, text] = (await itemsForSpec(spec({ file: 'data/mixed.jsonl' }), { source: specPath })).items;
    const grade = (item: typeof number, reply: string) => fileSuite.grade(item!, fileSuite.extract(reply, item));
    expect(grade(number, '3 × 400 = 1200\n\nAnswer: 1,200')).toBe(true);
    expect(grade(number, 'So the total is $1200.00.')).toBe(true);
    expect(grade(number, 'Answer: 1100')).toBe(false);
    expect(grade(choice, 'The answer is (b).')).toBe(true);
    expect(grade(choice, 'The answer is z.')).toBe(false);
    expect(grade(text, 'Answer: the eiffel tower')).toBe(true);
    expect(grade(text, 'Answer: Louvre')).toBe(false);
    expect(fileSuite.extract('It must be the Eiffel Tower.', text)).toBeNull();
  });
});
