/**
 * Free-text answers (a file's rows whose answer is neither a number nor a
 * choice): where a reply states one, and when two texts are the same answer.
 *
 * Unlike a number, a text answer cannot be guessed from the last words of a
 * reply, so only an explicit one counts: "Answer: Paris", "The final answer
 * is Paris.", `\boxed{Paris}` or `{"answer": "Paris"}`, the last one winning.
 * A reply without one has no answer (counted apart from a wrong one).
 * Comparison follows the normalisation of the SQuAD evaluation script, the
 * usual one for short text answers: lower case, no punctuation, no articles
 * (a, an, the), single spaces.
 */
import { jsonAnswers } from './answer-json';

const MARKER = /\b(?:final\s+answer|answer)\s*(?:\*\*)?\s*(?::|=|\bis\b|\bwas\b)\s*/gi;
const BOXED = /\\boxed\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;

interface Found {
  end: number;
  text: string;
}

/** The stated text, without markdown, LaTeX wrappers or the sentence's closing punctuation. */
function clean(text: string): string {
  return text
    .replace(/\\text\{([^{}]*)\}/g, '$1')
    .replace(/[*_`$]/g, '')
    .replace(/^[\s"'“‘(]+/, '')
    .replace(/[\s"'”’).!,;:]+$/, '')
    .trim();
}

/** The reply's explicitly stated answer, or null. */
export function extractText(reply: string): string | null {
  const found: Found[] = [];
  for (const match of reply.matchAll(MARKER)) {
    const start = match.index + match[0].length;
    const line = (reply.slice(start).replace(/^\s*\n\s*/, '').split('\n')[0] ?? '').slice(0, 300);
    const text = clean(line);
    // "<your answer>" is the instruction's placeholder being quoted, not an answer.
    if (text !== '' && !text.startsWith('<')) found.push({ end: start, text });
  }
  for (const match of reply.matchAll(BOXED)) {
    const text = clean(match[1] ?? '');
    if (text !== '') found.push({ end: match.index + match[0].length, text });
  }
  for (const json of jsonAnswers(reply)) found.push({ end: json.end, text: clean(json.value) });
  if (found.length === 0) return null;
  return found.reduce((a, b) => (b.end >= a.end ? b : a)).text;
}

/** SQuAD's normalisation: lower case, punctuation and articles removed, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(?:a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function textsMatch(expected: string, extracted: string | null): boolean {
  return extracted !== null && normaliseText(extracted) === normaliseText(expected) && normaliseText(expected) !== '';
}
