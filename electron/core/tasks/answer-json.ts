/**
 * Answers given as JSON inside a reply: `{"answer": "B"}`, a fenced
 * ```json block, `{"final_answer": 42, "reasoning": "…"}`. Models asked for
 * structured output (or fond of it) write these instead of "Answer: …", and
 * a key such as `final_answer` is not a word an "answer" marker finds. The
 * objects are parsed with JSON.parse, never picked apart by pattern: only
 * their outline (braces, one level of nesting) is found by a pattern.
 */

/** An object with at most one level of nested objects inside it. */
const OBJECT_PATTERN = /\{(?:[^{}]|\{[^{}]*\})*\}/g;

/** Keys that hold the answer, compared without case, spaces, "_" or "-". */
const ANSWER_KEYS = new Set(['answer', 'finalanswer', 'correctanswer', 'choice', 'correctchoice', 'correctoption', 'option', 'result', 'finalresult']);

export interface JsonAnswer {
  /** Where the object ends in the reply: a later answer wins over an earlier one. */
  end: number;
  /** The value as text: a string as it is, a number in JavaScript's own notation. */
  value: string;
}

function answerOf(parsed: unknown): string | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  for (const [key, value] of Object.entries(parsed)) {
    if (!ANSWER_KEYS.has(key.toLowerCase().replace(/[\s_-]/g, ''))) continue;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

/** Every JSON object in the reply that names an answer, in reply order. */
export function jsonAnswers(reply: string): JsonAnswer[] {
  const found: JsonAnswer[] = [];
  for (const match of reply.matchAll(OBJECT_PATTERN)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(match[0]);
    } catch {
      continue; // braces in prose or LaTeX, not JSON
    }
    const value = answerOf(parsed);
    if (value !== null) found.push({ end: match.index + match[0].length, value });
  }
  return found;
}
