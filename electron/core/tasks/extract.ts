/**
 * Pulls a numeric final answer out of a model's reply.
 *
 * Replies are prose: working with many numbers, markdown, LaTeX. The rules, in
 * order (docs/task-suites.md lists them with examples):
 *  1. An explicit answer marker wins: `\boxed{…}`, or the word "answer" (also
 *     "result", "total") followed by ":", "is", "=", "**" and the like, then a
 *     number. When there are several, the last one wins, because models restate
 *     the question's numbers early and settle on the answer at the end.
 *  2. Otherwise the last number in the reply ("… = 42" at the end, "So 12.").
 *  3. No number at all: null.
 * A JSON object with an answer key (`{"final_answer": 42}`) counts as a marker.
 * The number is normalised to canonical text (see `canonicalNumber`) so that
 * grading compares "1,234", "+1234.0" and "1234" as the same answer.
 */
import { jsonAnswers } from './answer-json';

/**
 * A number as models write it: optional sign, digits with or without thousands
 * separators, optional decimals. The lookbehind keeps "x2" or "10-3" from
 * yielding "2" or "-3" (in "10-3" the "-" is subtraction, not a sign).
 */
const SIGNED = String.raw`(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const NUMBER = String.raw`${SIGNED}(?!\w)`;
/**
 * A number that a unit may follow without a space ("12.5km", "45min", "3kg"),
 * as word problems are answered; "2nd" or "3rd" stay ordinals, not numbers.
 */
const QUANTITY = String.raw`${SIGNED}(?![\d,.]?\d)(?!(?:st|nd|rd|th)\b)`;

/** What may sit between a marker word and its number: punctuation, markdown, LaTeX openers and a few linking words. */
const LINK = String.raw`(?:[\s:=*_\`'"$€£¥(\[]|\\[(\[]|\\text\{|is\b|was\b|would be\b|should be\b|will be\b|equals\b|comes to\b|becomes\b|exactly\b|approximately\b|about\b|then\b|therefore\b)*`;
const MARKER_WORDS = String.raw`\b(?:final\s+answer|answer|result|total)\b`;

interface NumberPatterns {
  number: RegExp;
  marker: RegExp;
}

const STRICT: NumberPatterns = { number: new RegExp(NUMBER, 'g'), marker: new RegExp(String.raw`${MARKER_WORDS}${LINK}(${NUMBER})`, 'gi') };
const WITH_UNITS: NumberPatterns = { number: new RegExp(QUANTITY, 'g'), marker: new RegExp(String.raw`${MARKER_WORDS}${LINK}(${QUANTITY})`, 'gi') };

/** `\boxed{…}` with at most one level of nested braces, e.g. `\boxed{\text{42}}`. */
const BOXED_PATTERN = /\\boxed\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;

/**
 * Unicode minus signs and dashes directly before a digit become "-", so
 * "−17" reads as negative; markdown emphasis markers are left in place because
 * they are not word characters and so never glue onto a number.
 */
function normaliseSigns(text: string): string {
  return text.replace(/[\u2212\u2012\u2013\uFE63\uFF0D](?=\d)/g, '-');
}

interface Found {
  /** Where in the reply the number ends: the later one wins. */
  end: number;
  raw: string;
}

function lastNumberIn(text: string, patterns: NumberPatterns): string | null {
  const matches = text.match(patterns.number);
  return matches ? matches[matches.length - 1]! : null;
}

function markedAnswers(text: string, patterns: NumberPatterns): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(BOXED_PATTERN)) {
    const inner = lastNumberIn(match[1] ?? '', patterns);
    if (inner !== null) found.push({ end: match.index + match[0].length, raw: inner });
  }
  for (const match of text.matchAll(patterns.marker)) {
    const raw = match[1];
    if (raw !== undefined) found.push({ end: match.index + match[0].length, raw });
  }
  for (const json of jsonAnswers(text)) {
    const inner = lastNumberIn(json.value, patterns);
    if (inner !== null) found.push({ end: json.end, raw: inner });
  }
  return found;
}

/**
 * Canonical text of a number: no "+", no thousands separators, no leading
 * zeros, no trailing decimal zeros ("42.0" → "42", "-0" → "0"). Works on the
 * text, not on a float, so large integers keep every digit. Returns null when
 * the input is not a plain decimal number.
 */
export function canonicalNumber(text: string): string | null {
  const match = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(normaliseSigns(text.trim()));
  if (!match) return null;
  const negative = match[1] === '-';
  const integerDigits = (match[2] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const magnitude = fraction ? `${integerDigits}.${fraction}` : integerDigits;
  const isZero = /^0(?:\.0*)?$/.test(magnitude);
  return negative && !isZero ? `-${magnitude}` : magnitude;
}

export interface ExtractNumberOptions {
  /** Read "12.5km" or "45min" as numbers (word problems); by default a letter glued to digits makes them no number. */
  unitsMayFollow?: boolean;
}

/** The reply's final numeric answer in canonical form, or null when the reply holds no number. */
export function extractNumber(reply: string, options: ExtractNumberOptions = {}): string | null {
  const patterns = options.unitsMayFollow ? WITH_UNITS : STRICT;
  const text = normaliseSigns(reply);
  const marked = markedAnswers(text, patterns);
  if (marked.length > 0) {
    const last = marked.reduce((a, b) => (b.end >= a.end ? b : a));
    return canonicalNumber(last.raw);
  }
  const last = lastNumberIn(text, patterns);
  return last === null ? null : canonicalNumber(last);
}

/**
 * Numeric grading with a tolerance: right when |x − answer| ≤ tolerance (plus
 * a billionth of the answer, for floating-point artefacts). With tolerance 0
 * the canonical texts must be equal, so integers of any size compare exactly.
 */
export function numbersClose(expected: string, extracted: string | null, tolerance: number): boolean {
  if (tolerance <= 0) return numbersMatch(expected, extracted);
  if (extracted === null) return false;
  const a = canonicalNumber(expected);
  const b = canonicalNumber(extracted);
  if (a === null || b === null) return false;
  return Math.abs(Number(a) - Number(b)) <= tolerance + 1e-9 * Math.max(1, Math.abs(Number(a)));
}

/** Grading rule shared by numeric suites: canonical forms must be equal; no answer is wrong. */
export function numbersMatch(expected: string, extracted: string | null): boolean {
  if (extracted === null) return false;
  const a = canonicalNumber(expected);
  const b = canonicalNumber(extracted);
  return a !== null && a === b;
}
