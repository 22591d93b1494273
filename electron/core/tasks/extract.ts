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
 * The number is normalised to canonical text (see `canonicalNumber`) so that
 * grading compares "1,234", "+1234.0" and "1234" as the same answer.
 */

/**
 * A number as models write it: optional sign, digits with or without thousands
 * separators, optional decimals. The lookbehind keeps "x2" or "10-3" from
 * yielding "2" or "-3" (in "10-3" the "-" is subtraction, not a sign).
 */
const NUMBER = String.raw`(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w)`;
const NUMBER_PATTERN = new RegExp(NUMBER, 'g');

/** What may sit between a marker word and its number: punctuation, markdown, LaTeX openers and a few linking words. */
const LINK = String.raw`(?:[\s:=*_\`'"$(\[]|\\[(\[]|\\text\{|is\b|was\b|would be\b|should be\b|will be\b|equals\b|comes to\b|becomes\b|exactly\b|approximately\b|about\b|then\b|therefore\b)*`;
const MARKER_PATTERN = new RegExp(String.raw`\b(?:final\s+answer|answer|result|total)\b${LINK}(${NUMBER})`, 'gi');

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

function lastNumberIn(text: string): string | null {
  const matches = text.match(NUMBER_PATTERN);
  return matches ? matches[matches.length - 1]! : null;
}

function markedAnswers(text: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(BOXED_PATTERN)) {
    const inner = lastNumberIn(match[1] ?? '');
    if (inner !== null) found.push({ end: match.index + match[0].length, raw: inner });
  }
  for (const match of text.matchAll(MARKER_PATTERN)) {
    const raw = match[1];
    if (raw !== undefined) found.push({ end: match.index + match[0].length, raw });
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

/** The reply's final numeric answer in canonical form, or null when the reply holds no number. */
export function extractNumber(reply: string): string | null {
  const text = normaliseSigns(reply);
  const marked = markedAnswers(text);
  if (marked.length > 0) {
    const last = marked.reduce((a, b) => (b.end >= a.end ? b : a));
    return canonicalNumber(last.raw);
  }
  const last = lastNumberIn(text);
  return last === null ? null : canonicalNumber(last);
}

/** Grading rule shared by numeric suites: canonical forms must be equal; no answer is wrong. */
export function numbersMatch(expected: string, extracted: string | null): boolean {
  if (extracted === null) return false;
  const a = canonicalNumber(expected);
  const b = canonicalNumber(extracted);
  return a !== null && a === b;
}
