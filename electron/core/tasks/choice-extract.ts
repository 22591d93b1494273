/**
 * Reads a multiple-choice answer (a letter) out of a reply. It needs the
 * item's options: a reply may give the option's text ("the answer is 42")
 * instead of its letter, and only the options say which letters exist.
 *
 * In order, the first rule that finds something wins (within a rule, the last
 * occurrence in the reply wins, as models settle on their answer at the end):
 *  1. An explicit answer: "Answer: B", "the answer is (b).", "**Answer:** B) 42",
 *     "The correct option is C", "I choose D", `\boxed{B}`, `{"answer": "B"}`,
 *     or an option's text after such a marker ("Answer: 42" when C is 42).
 *  2. A letter set apart: "(B)", "**B**", or a last line that is "B", "B." or "B) 42".
 *  3. An option's text: the last line equals one, or the reply's final number is
 *     a numeric option's value.
 *  4. Nothing: null (no answer, counted apart from a wrong one).
 * docs/task-suites.md lists examples.
 */
import { jsonAnswers } from './answer-json';
import { canonicalNumber, extractNumber } from './extract';

/** Option labels in order; at most ten options (A–J). */
export const CHOICE_LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;
export const MAX_CHOICES = CHOICE_LABELS.length;

export function labelsFor(count: number): string[] {
  return CHOICE_LABELS.slice(0, Math.min(count, MAX_CHOICES));
}

interface Found {
  end: number;
  label: string;
}

/** Words that mark what follows as the answer. Bare "option" or "choice" do not ("option B is wrong"). */
const MARKER = /\b(?:final\s+answer|answer|result|i\s+(?:choose|pick|select|go\s+with)|(?:option|choice)\s+is|(?:option|choice):)/gi;
/** What may stand between a marker and the answer: punctuation, markdown, LaTeX and linking words. */
const LEAD = /^(?:[\s:=*_`'"$([]|\\[([]|\\text\{|\\boxed\{|\bis\b|\bwas\b|\bwould be\b|\bshould be\b|\bwill be\b|\boption\b|\bchoice\b|\bletter\b|\bclearly\b|\btherefore\b)*/i;
/** A letter and what may follow it: a lower-case one only at the end of a clause, so "the answer is a bit…" is no answer. */
const LETTER = /^([A-Za-z])(?![A-Za-z0-9])(.*)$/s;
const BOXED = /\\boxed\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;
const SET_APART = /\(([A-Ja-j])\)|\*\*\(?([A-J])\)?[.)]?\*\*/g;

/** Text as compared with an option: no markdown or LaTeX wrappers, no trailing punctuation, lower case, single spaces. */
function normalise(text: string): string {
  return text
    .replace(/\\text\{([^{}]*)\}/g, '$1')
    .replace(/[*_`$]/g, '')
    .replace(/[\s.,;:!?)\]}'"]+$/, '')
    .replace(/^[\s('"[{]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The label of the option `text` names: the option's own text, or its number (canonical) when numeric. */
function optionNamed(text: string, choices: readonly string[]): string | null {
  const said = normalise(text);
  if (said === '') return null;
  const labels = labelsFor(choices.length);
  const exact = choices.findIndex((choice) => normalise(choice) === said);
  if (exact >= 0) return labels[exact] ?? null;
  const number = canonicalNumber(said.replace(/^[^\d+-]*/, '').replace(/[^\d.]*$/, '').replace(/\s.*$/, ''));
  if (number === null) return null;
  const numeric = choices.findIndex((choice) => canonicalNumber(normalise(choice).replace(/^[^\d+-]*/, '').replace(/[^\d.]*$/, '')) === number);
  return numeric >= 0 ? (labels[numeric] ?? null) : null;
}

/** What an explicit answer says: a letter of the options, or an option's text. */
function resolve(said: string, choices: readonly string[]): string | null {
  const text = said.replace(LEAD, '');
  const letter = LETTER.exec(text);
  if (letter) {
    const label = letter[1]!.toUpperCase();
    const after = letter[2] ?? '';
    const lowerCaseOk = /^\s*(?:$|[.)\]*,;:!'"}]|\s+(?:because|since|as)\b)/.test(after);
    const upper = letter[1] === label;
    if (labelsFor(choices.length).includes(label) && (upper || lowerCaseOk)) return label;
  }
  return optionNamed(text.split('\n')[0] ?? '', choices);
}

function explicitAnswers(reply: string, choices: readonly string[]): Found[] {
  const found: Found[] = [];
  for (const match of reply.matchAll(MARKER)) {
    const start = match.index + match[0].length;
    // The answer may sit on the next line ("**Answer:**\n\nB"), so leading blank lines are skipped.
    const rest = reply.slice(start, start + 200).replace(/^[\s:*_]*\n\s*/, ' ');
    const label = resolve(rest.split('\n')[0] ?? '', choices);
    if (label !== null) found.push({ end: start, label });
  }
  for (const match of reply.matchAll(BOXED)) {
    const label = resolve(match[1] ?? '', choices);
    if (label !== null) found.push({ end: match.index + match[0].length, label });
  }
  for (const json of jsonAnswers(reply)) {
    const label = resolve(json.value, choices);
    if (label !== null) found.push({ end: json.end, label });
  }
  return found;
}

function lastNonEmptyLine(reply: string): string {
  const lines = reply.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines[lines.length - 1] ?? '';
}

function setApartLetters(reply: string, choices: readonly string[]): Found[] {
  const labels = labelsFor(choices.length);
  const found: Found[] = [];
  for (const match of reply.matchAll(SET_APART)) {
    const label = (match[1] ?? match[2] ?? '').toUpperCase();
    if (labels.includes(label)) found.push({ end: match.index + match[0].length, label });
  }
  // A last line that is only a letter, or a letter and its option ("B) 42", "C. 50 km").
  const last = /^[*_\s]*\(?([A-J])[*_]*(?:[).:]\s*(.*))?[*_\s]*$/.exec(lastNonEmptyLine(reply));
  if (last && labels.includes(last[1]!)) found.push({ end: reply.length, label: last[1]! });
  return found;
}

function latest(found: readonly Found[]): string | null {
  if (found.length === 0) return null;
  return found.reduce((a, b) => (b.end >= a.end ? b : a)).label;
}

/** The chosen option's label (A, B, …), or null when the reply names none. */
export function extractChoice(reply: string, choices: readonly string[]): string | null {
  const text = reply.replace(/[\u2212\u2013]/g, '-');
  const explicit = latest(explicitAnswers(text, choices));
  if (explicit !== null) return explicit;
  const apart = latest(setApartLetters(text, choices));
  if (apart !== null) return apart;
  const lastLine = optionNamed(lastNonEmptyLine(text), choices);
  if (lastLine !== null) return lastLine;
  const finalNumber = extractNumber(text, { unitsMayFollow: true });
  return finalNumber === null ? null : optionNamed(finalNumber, choices);
}
