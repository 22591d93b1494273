/**
 * Pure helpers for the Designer: spec text in, parsed JSON, syntax errors and
 * grid counts out. Only counts here; the lab validates and estimates.
 */

export interface JsonSyntaxError {
  /** What is wrong, in words a person can act on. */
  message: string;
  /** 1-based line and column of the problem. */
  line: number;
  column: number;
  /** The line the problem is on (cropped around it when long), and the caret's 0-based offset in it. */
  excerpt: string;
  caret: number;
}

export type ParsedText = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/** Parses spec text as JSON; on failure says where and what, the same in every engine. */
export function parseSpecText(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = locateJsonError(text) ?? {
      position: text.length,
      message: error instanceof Error ? error.message : String(error),
    };
    return { ok: false, error: describeAt(text, found.position, found.message) };
  }
}

const EXCERPT_RADIUS = 40;

function describeAt(text: string, position: number, message: string): JsonSyntaxError {
  const at = Math.max(0, Math.min(position, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineText = text.slice(lineStart, newline === -1 ? text.length : newline).replace(/\r$/, '');
  const line = text.slice(0, lineStart).split('\n').length;
  const offset = at - lineStart;
  const from = Math.max(0, offset - EXCERPT_RADIUS);
  const to = Math.min(lineText.length, offset + EXCERPT_RADIUS);
  const excerpt = `${from > 0 ? '…' : ''}${lineText.slice(from, to)}${to < lineText.length ? '…' : ''}`;
  return { message, line, column: offset + 1, excerpt, caret: offset - from + (from > 0 ? 1 : 0) };
}

class JsonProblem extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.position = position;
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Finds the first JSON syntax error in `text` (null when there is none). */
export function locateJsonError(text: string): { position: number; message: string } | null {
  let i = 0;
  const found = (at: number): string => {
    const c = text.charAt(at);
    if (at >= text.length) return 'the end of the text';
    return c === '"' ? `'"'` : `"${c}"`;
  };
  /** Where a missing comma belongs: right after the previous value, before the whitespace. */
  const afterValue = (at: number): number => {
    let end = at;
    while (end > 0 && WHITESPACE.has(text.charAt(end - 1))) end--;
    return end;
  };
  const startsValue = (c: string): boolean => c === '"' || c === '{' || c === '[' || c === '-' || (c >= '0' && c <= '9') || c === 't' || c === 'f' || c === 'n';
  const skipSpace = (): void => {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
  };

  const parseString = (): void => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text.charAt(i + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonProblem('a \\u escape needs four hex digits', i);
          i += 6;
          continue;
        }
        if (!ESCAPES.has(next)) throw new JsonProblem(`\\${next} is not a JSON escape; write a backslash as \\\\`, i);
        i += 2;
        continue;
      }
      if (c < ' ') throw new JsonProblem('the string is not closed: add the closing " before the line ends', start);
      i++;
    }
    throw new JsonProblem('the string is not closed: add the closing "', start);
  };

  const parseValue = (): void => {
    skipSpace();
    const c = text.charAt(i);
    if (c === '{') return parseObject();
    if (c === '[') return parseArray();
    if (c === '"') return parseString();
    if (i >= text.length) throw new JsonProblem('the text ends where a value was expected', i);
    if (c === "'") throw new JsonProblem('JSON strings use double quotes ", not single quotes', i);
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number && number[0].length > 0 && (c === '-' || (c >= '0' && c <= '9'))) {
      i += number[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    throw new JsonProblem(`expected a value (a string, number, object, list, true, false or null), found ${found(i)}`, i);
  };

  const parseObject = (): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === '}') {
      i++;
      return;
    }
    let comma = -1;
    for (;;) {
      skipSpace();
      if (text.charAt(i) === '}' && comma >= 0) throw new JsonProblem('a comma before "}" is not allowed in JSON; remove it', comma);
      if (text.charAt(i) !== '"') throw new JsonProblem(`expected a field name in double quotes, found ${found(i)}`, i);
      parseString();
      skipSpace();
      if (text.charAt(i) !== ':') throw new JsonProblem(`expected ":" after the field name, found ${found(i)}`, i);
      i++;
      parseValue();
      skipSpace();
      if (text.charAt(i) === ',') {
        comma = i++;
        continue;
      }
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      if (text.charAt(i) === '"') throw new JsonProblem('a "," is missing after this value, before the next field', afterValue(i));
      throw new JsonProblem(`expected "," or "}" after a field's value, found ${found(i)}`, i);
    }
  };

  const parseArray = (): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === ']') {
      i++;
      return;
    }
    let comma = -1;
    for (;;) {
      skipSpace();
      if (text.charAt(i) === ']' && comma >= 0) throw new JsonProblem('a comma before "]" is not allowed in JSON; remove it', comma);
      parseValue();
      skipSpace();
      if (text.charAt(i) === ',') {
        comma = i++;
        continue;
      }
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      if (startsValue(text.charAt(i))) throw new JsonProblem('a "," is missing after this entry, before the next one', afterValue(i));
      throw new JsonProblem(`expected "," or "]" after a list entry, found ${found(i)}`, i);
    }
  };

  try {
    parseValue();
    skipSpace();
    if (i < text.length) throw new JsonProblem(`unexpected ${found(i)} after the end of the spec`, i);
    return null;
  } catch (error) {
    if (error instanceof JsonProblem) return { position: error.position, message: error.message };
    throw error;
  }
}

const LINE_WIDTH = 88;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, v]) => `${JSON.stringify(key)}: ${inline(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}

function block(value: unknown, indent: string, used: number): string {
  const flat = inline(value);
  if (used + flat.length <= LINE_WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + block(v, inner, inner.length)).join(',\n')}\n${indent}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, v]) => {
      const head = `${inner}${JSON.stringify(key)}: `;
      return head + block(v, inner, head.length);
    });
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return flat;
}

/** A spec as readable JSON: one field a line, short objects and lists kept on one line. */
export function formatSpec(spec: unknown): string {
  return `${block(spec, '', 0)}\n`;
}

/** The size of a spec's grid, counted from the spec alone. */
export interface SpecSummary {
  /** Teams × sizes × models: single is 1 cell, vote one per size. */
  cells: number;
  models: number;
  items: number;
  repetitions: number;
  /** Cells × items × repetitions. */
  trials: number;
  /** Model calls in one pass over the items: every agent of every cell answers every item once. */
  callsPerRepetition: number;
}

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Counts a (valid) spec's grid; null when it lacks the parts to count. */
export function summarizeSpec(spec: unknown): SpecSummary | null {
  if (!isRecord(spec) || !isRecord(spec.tasks) || !isRecord(spec.agents) || !Array.isArray(spec.teams)) return null;
  const models = Array.isArray(spec.agents.models) ? spec.agents.models.length : 1;
  let teamCells = 0;
  let agents = 0;
  for (const team of spec.teams) {
    if (isRecord(team) && team.structure === 'vote' && Array.isArray(team.sizes)) {
      teamCells += team.sizes.length;
      agents += team.sizes.reduce((sum: number, size) => sum + count(size, 0), 0);
    } else {
      teamCells += 1;
      agents += 1;
    }
  }
  const items = count(spec.tasks.count, 0);
  const repetitions = count(spec.repetitions, 1);
  const cells = teamCells * models;
  return { cells, models, items, repetitions, trials: cells * items * repetitions, callsPerRepetition: agents * models * items };
}
