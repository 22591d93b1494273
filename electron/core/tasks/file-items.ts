/**
 * Task items from a user's own file (JSONL or CSV rows with a question, an
 * answer and optional choices), validated row by row. A bad row is named
 * with its line number and fails the whole file: a silently skipped row would
 * change what an experiment measures without anyone noticing.
 * docs/task-suites.md ("Your own items") gives the format and every check.
 */
import { createRng, deriveSeed } from '../util/random';
import { MAX_CHOICES, labelsFor } from './choice-extract';
import { choicePrompt } from './choice';
import { canonicalNumber } from './extract';
import type { FileRow, ReadRows, RowProblem } from './file-rows';
import { itemHardness } from './hardness';
import type { HardnessMixture, TaskItem } from './types';

export const FILE_SUITE_ID = 'file';

export interface FileColumns {
  question: string;
  answer: string;
  /** The choices column; `explicit` when the spec named it (then every row must have it). */
  choices: string;
  choicesExplicit: boolean;
}

interface Draft {
  question: string;
  answer: string;
  choices?: string[];
}

const NUMBER_INSTRUCTION = 'Show your working briefly, then end your reply with a line of the form "Answer: <number>".';
const TEXT_INSTRUCTION = 'Show your working briefly, then end your reply with a line of the form "Answer: <your answer>".';

function own(values: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * Choices as written: a JSON list (`["12", "15"]`, in JSONL also a real list)
 * or text separated by "|" (`12 | 15 | 18`). Numbers become their text.
 */
function parseChoices(value: unknown, column: string): string[] | string {
  let list: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch {
        return `the "${column}" value starts like a JSON list but does not parse; write ["12", "15", "18"] or 12 | 15 | 18`;
      }
    } else list = text.split('|');
  }
  if (!Array.isArray(list)) return `the "${column}" value must be a list of options, such as ["12", "15", "18"] or 12 | 15 | 18`;
  const choices = list.map((c) => (typeof c === 'number' && Number.isFinite(c) ? String(c) : typeof c === 'string' ? c.trim() : null));
  if (choices.some((c) => c === null)) return `every option in "${column}" must be text or a number`;
  const texts = choices as string[];
  if (texts.some((c) => c === '')) return `the "${column}" list has an empty option`;
  if (texts.length < 2 || texts.length > MAX_CHOICES) return `the "${column}" list has ${texts.length} option${texts.length === 1 ? '' : 's'}; give 2 to ${MAX_CHOICES}`;
  const repeated = texts.find((c, i) => texts.indexOf(c) !== i);
  if (repeated !== undefined) return `the option "${repeated}" appears twice in "${column}"`;
  return texts;
}

/**
 * The canonical answer: GSM8K's worked solutions end with "#### 42", and
 * only what follows "####" is the answer. A number (with "$", thousands
 * separators or a trailing period) becomes its canonical text.
 */
export function answerFromText(raw: string): string {
  const marked = raw.includes('####') ? raw.slice(raw.lastIndexOf('####') + 4) : raw;
  const text = marked.trim();
  const number = canonicalNumber(text.replace(/^[$€£]/, '').replace(/\.$/, ''));
  return number ?? text;
}

function draftOf(row: FileRow, columns: FileColumns): Draft | string {
  const question = own(row.values, columns.question);
  if (question === undefined) return `has no "${columns.question}" column`;
  if (typeof question !== 'string') return `the "${columns.question}" value must be text`;
  if (question.trim() === '') return `the "${columns.question}" column is empty`;
  const rawAnswer = own(row.values, columns.answer);
  if (rawAnswer === undefined) return `has no "${columns.answer}" column`;
  if (typeof rawAnswer !== 'string' && !(typeof rawAnswer === 'number' && Number.isFinite(rawAnswer))) return `the "${columns.answer}" value must be text or a number`;
  if (String(rawAnswer).trim() === '') return `the "${columns.answer}" column is empty`;
  const answer = answerFromText(String(rawAnswer));
  if (answer === '') return `the "${columns.answer}" column has nothing after "####"`;
  const rawChoices = own(row.values, columns.choices);
  if (rawChoices === undefined && columns.choicesExplicit) return `has no "${columns.choices}" column`;
  if (rawChoices === undefined || rawChoices === null || (typeof rawChoices === 'string' && rawChoices.trim() === '')) return { question: question.trim(), answer };
  const choices = parseChoices(rawChoices, columns.choices);
  if (typeof choices === 'string') return choices;
  const labels = labelsFor(choices.length);
  // A letter names its option; the option's own text is accepted too and becomes its letter.
  const letter = answer.toUpperCase().replace(/^\(?([A-J])[.)]?$/, '$1');
  const byLabel = labels.find((label) => label === letter);
  const byText = labels[choices.findIndex((c) => c === answer || canonicalNumber(c) === answer)];
  const label = byLabel ?? byText;
  if (label === undefined) return `the answer "${answer}" is not one of the choice labels ${labels[0]}–${labels[labels.length - 1]} (nor the text of a choice)`;
  return { question: question.trim(), answer: label, choices };
}

/** Wrong numbers a solver plausibly gives: one off, a lost ten, a slipped decimal point. */
function numericDistractors(answer: string): string[] {
  const value = Number(answer);
  const decimals = answer.includes('.') ? answer.split('.')[1]!.length : 0;
  // Adding whole numbers or multiplying by ten adds no decimals, so the answer's own precision shows every candidate exactly.
  const show = (n: number): string | null => canonicalNumber(n.toFixed(decimals));
  const candidates = [value + 1, value - 10, value * 10, value - 1, value + 10].map(show);
  return [...new Set(candidates.filter((c): c is string => c !== null && c !== answer))];
}

function itemOf(draft: Draft, index: number, options: FileItemOptions): TaskItem {
  const numeric = draft.choices === undefined && canonicalNumber(draft.answer) !== null;
  const prompt = draft.choices ? choicePrompt(draft.question, draft.choices) : `${draft.question}\n\n${numeric ? NUMBER_INSTRUCTION : TEXT_INSTRUCTION}`;
  const rng = createRng(deriveSeed(options.seed, FILE_SUITE_ID, index));
  const labels = draft.choices ? labelsFor(draft.choices.length) : [];
  return {
    index,
    suite: FILE_SUITE_ID,
    prompt,
    answer: draft.answer,
    difficulty: options.difficulty,
    // A file says nothing about how hard a row is: hardness centres on 0.5 (logit 0, spread 0.6), unless a mixture is given.
    hardness: itemHardness({ suite: FILE_SUITE_ID, index, seed: options.seed, difficulty: options.difficulty, hardness: options.hardness }, 0, rng),
    distractors: draft.choices ? labels.filter((l) => l !== draft.answer) : numeric ? numericDistractors(draft.answer) : [],
    ...(draft.choices ? { choices: draft.choices } : {}),
  };
}

export interface FileItemOptions {
  seed: number;
  difficulty: number;
  hardness?: HardnessMixture | undefined;
}

export interface FileItems {
  items: TaskItem[];
  problems: RowProblem[];
}

/** Items from every row, or the problems of the rows that cannot be items (with the reader's own problems). */
export function itemsFromRows(read: ReadRows, columns: FileColumns, options: FileItemOptions): FileItems {
  const problems: RowProblem[] = [...read.problems];
  if (read.header !== null) {
    // In a CSV a missing column is missing from every row: say it once, at the header.
    const missing = [columns.question, columns.answer, ...(columns.choicesExplicit ? [columns.choices] : [])].filter((c) => !read.header!.includes(c));
    if (missing.length > 0) {
      const has = read.header.length > 0 ? `it has ${read.header.map((h) => `"${h}"`).join(', ')}` : 'it is empty';
      return { items: [], problems: [{ line: 1, problem: `the header has no ${missing.map((m) => `"${m}"`).join(' or ')} column (${has}); name your columns in tasks.columns` }, ...problems] };
    }
  }
  const drafts: Draft[] = [];
  for (const row of read.rows) {
    const draft = draftOf(row, columns);
    if (typeof draft === 'string') problems.push({ line: row.line, problem: draft });
    else drafts.push(draft);
  }
  problems.sort((a, b) => a.line - b.line);
  return { items: problems.length > 0 ? [] : drafts.map((draft, index) => itemOf(draft, index, options)), problems };
}
